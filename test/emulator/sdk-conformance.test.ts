/**
 * Conformance with an independent client: the official Tencent Cloud Node SDK signs and sends
 * the request its own way (hostname-only host line, its own headers and JSON serialisation).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent } from 'node:http';
import tc from 'tencentcloud-sdk-nodejs-common';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

/** An agent that sends every host name to 127.0.0.1, so the SDK can keep its real endpoint name. */
function loopbackAgent(): Agent {
  return new Agent({
    lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    }) as never,
  });
}

function sdkClient(port: number, secretKey: string, agent: Agent): InstanceType<typeof tc.CommonClient> {
  const endpoint = `tat.tencentcloudapi.com:${port}`;
  return new tc.CommonClient(endpoint, '2020-10-28', {
    credential: { secretId: DEMO_SECRET_ID, secretKey },
    region: 'ap-guangzhou',
    profile: { httpProfile: { protocol: 'http://', endpoint, agent, reqTimeout: 10 } },
  });
}

describe('official SDK (tencentcloud-sdk-nodejs-common) against the emulator', () => {
  let emu: RunningEmulator;
  const agent = loopbackAgent();
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, rateLimit: 0 });
  });
  afterAll(async () => {
    agent.destroy();
    await emu.close();
  });

  it('DescribeInvocations returns inv-q4zp60g0 as documented', async () => {
    const res = (await sdkClient(emu.port, DEMO_SECRET_KEY, agent).request('DescribeInvocations', { InvocationIds: ['inv-q4zp60g0'], Limit: 1, Offset: 0 })) as {
      TotalCount: number;
      InvocationSet: Array<{ InvocationId: string; CommandId: string; InvocationTaskBasicInfoSet: unknown[] }>;
      RequestId: string;
    };
    expect(res.TotalCount).toBe(1);
    expect(res.InvocationSet[0]).toMatchObject({ InvocationId: 'inv-q4zp60g0', CommandId: 'cmd-9dxzty3m' });
    expect(res.InvocationSet[0]?.InvocationTaskBasicInfoSet).toHaveLength(3);
    expect(res.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('DescribeInvocationTasks with HideOutput false returns the output', async () => {
    const res = (await sdkClient(emu.port, DEMO_SECRET_KEY, agent).request('DescribeInvocationTasks', { InvocationTaskIds: ['invt-kakne8h2'], HideOutput: false })) as {
      InvocationTaskSet: Array<{ TaskResult: { Output: string } }>;
    };
    expect(Buffer.from(res.InvocationTaskSet[0]?.TaskResult.Output ?? '', 'base64').toString()).toBe('/root\n');
  });

  it('a request signed with the wrong key is refused with AuthFailure.SignatureFailure', async () => {
    const call = sdkClient(emu.port, 'not-the-key', agent).request('DescribeInvocations', { Limit: 1 });
    await expect(call).rejects.toMatchObject({ code: 'AuthFailure.SignatureFailure', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('business errors reach the SDK with their code', async () => {
    const call = sdkClient(emu.port, DEMO_SECRET_KEY, agent).request('DescribeInvocations', { InvocationIds: ['inv-q4zp60g0'], Filters: [{ Name: 'instance-kind', Values: ['CVM'] }] });
    await expect(call).rejects.toMatchObject({ code: 'InvalidParameter.ConflictParameter' });
  });
});
