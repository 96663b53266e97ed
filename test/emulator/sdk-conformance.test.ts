/**
 * Conformance with an independent client: the official Tencent Cloud Node SDK signs and sends
 * the request its own way (hostname-only host line, its own headers and JSON serialisation).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { loopbackAgent, sdkClient as client } from './sdk-client.js';

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
    const res = (await client(emu, agent).request('DescribeInvocations', {
      InvocationIds: ['inv-q4zp60g0'],
      Limit: 1,
      Offset: 0,
    })) as {
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
    const res = (await client(emu, agent).request('DescribeInvocationTasks', {
      InvocationTaskIds: ['invt-kakne8h2'],
      HideOutput: false,
    })) as {
      InvocationTaskSet: Array<{ TaskResult: { Output: string } }>;
    };
    expect(Buffer.from(res.InvocationTaskSet[0]?.TaskResult.Output ?? '', 'base64').toString()).toBe('/root\n');
  });

  it('a request signed with the wrong key is refused with AuthFailure.SignatureFailure', async () => {
    const call = client(emu, agent, 'ap-guangzhou', 'not-the-key').request('DescribeInvocations', { Limit: 1 });
    await expect(call).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('business errors reach the SDK with their code', async () => {
    const call = client(emu, agent).request('DescribeInvocations', {
      InvocationIds: ['inv-q4zp60g0'],
      Filters: [{ Name: 'instance-kind', Values: ['CVM'] }],
    });
    await expect(call).rejects.toMatchObject({ code: 'InvalidParameter.ConflictParameter' });
  });
});
