/**
 * The official Node SDK (tencentcloud-sdk-nodejs-common) pointed at a running emulator: it keeps
 * its real endpoint name (it derives the signing service from it) and an agent sends every name
 * to 127.0.0.1. Shared by the suites that drive the emulator's actions with it.
 */
import { Agent } from 'node:http';
import tc from 'tencentcloud-sdk-nodejs-common';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, type RunningEmulator } from '../../src/emulator/index.js';

export function loopbackAgent(): Agent {
  return new Agent({
    lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    }) as never,
  });
}

export type SdkClient = InstanceType<typeof tc.CommonClient>;

export function sdkClient(
  emulator: RunningEmulator,
  agent: Agent,
  region = 'ap-guangzhou',
  secretKey = DEMO_SECRET_KEY,
): SdkClient {
  const endpoint = `tat.tencentcloudapi.com:${emulator.port}`;
  return new tc.CommonClient(endpoint, '2020-10-28', {
    credential: { secretId: DEMO_SECRET_ID, secretKey },
    region,
    profile: { httpProfile: { protocol: 'http://', endpoint, agent, reqTimeout: 10 } },
  });
}

/** The code of the error a call is rejected with (undefined when it succeeds). */
export async function errorCode(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : `not an API error: ${String(error)}`;
  }
}
