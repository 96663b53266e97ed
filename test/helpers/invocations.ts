import type { Invocation } from '../../src/api/types.js';

/** Invocation records for command tests: the seed page's example, and numbered ones. */

export const SEED_INVOCATION: Invocation = {
  InvocationId: 'inv-q4zp60g0',
  CommandId: 'cmd-9dxzty3m',
  CommandName: undefined,
  InvocationStatus: 'SUCCESS',
  InvocationTaskBasicInfoSet: [
    { InvocationTaskId: 'invt-kakne8h2', TaskStatus: 'SUCCESS', InstanceId: 'ins-zj0f57ew' },
    { InvocationTaskId: 'invt-jc2onrxm', TaskStatus: 'SUCCESS', InstanceId: 'ins-zj0f57ex' },
    { InvocationTaskId: 'invt-6xmuisyq', TaskStatus: 'SUCCESS', InstanceId: 'ins-zj0f57ev' },
  ],
  Description: 'Test Invocation',
  StartTime: '2020-11-09T07:21:59+00:00',
  EndTime: '2020-11-09T07:22:08+00:00',
  CreatedTime: '2020-11-09T07:21:59+00:00',
  UpdatedTime: '2020-11-09T07:22:08+00:00',
  Parameters: '',
  DefaultParameters: '{"k1":"v1"}',
  InstanceKind: 'CVM',
  Username: 'root',
  InvocationSource: 'USER',
  CommandContent: 'cHdk',
  CommandType: 'SHELL',
  Timeout: 60,
  WorkingDirectory: '/root',
  OutputCOSBucketUrl: 'https://example-123456789.cos.ap-beijing.myqcloud.com',
  OutputCOSKeyPrefix: 'cosprefix',
};
delete SEED_INVOCATION.CommandName; // the seed example predates CommandName

/** inv-00000000 … newest first when sorted by index ascending. */
export function numbered(index: number, overrides: Partial<Invocation> = {}): Invocation {
  const created = new Date(Date.UTC(2026, 10, 1) - index * 60_000).toISOString().replace('.000Z', 'Z');
  return {
    ...SEED_INVOCATION,
    InvocationId: `inv-${String(index).padStart(8, '0')}`,
    CommandName: `job-${index}`,
    CreatedTime: created,
    StartTime: created,
    UpdatedTime: created,
    EndTime: created,
    ...overrides,
  };
}

export function range(from: number, to: number): Invocation[] {
  return Array.from({ length: to - from }, (_, i) => numbered(from + i));
}
