/** Test records and a fake OutputStream. */
import type { OutputStream } from '../../src/deps.js';
import type { Invocation } from '../../src/api/types.js';
import type { ColorLevel, FormatContext } from '../../src/output/types.js';
import { INVOCATION } from '../../src/output/resources/invocation.js';

/** The seed page's example, keys in the order the API returned them (no CommandName: an older server). */
export const SEED: Invocation = {
  CommandId: 'cmd-9dxzty3m',
  CommandContent: 'cHdk',
  CommandType: 'SHELL',
  Timeout: 60,
  InvocationSource: 'USER',
  WorkingDirectory: '/root',
  InvocationId: 'inv-q4zp60g0',
  InstanceKind: 'CVM',
  InvocationStatus: 'SUCCESS',
  Description: 'Test Invocation',
  Parameters: '',
  DefaultParameters: '{"k1":"v1"}',
  Username: 'root',
  OutputCOSKeyPrefix: 'cosprefix',
  OutputCOSBucketUrl: 'https://example-123456789.cos.ap-beijing.myqcloud.com',
  InvocationTaskBasicInfoSet: [
    { InvocationTaskId: 'invt-kakne8h2', TaskStatus: 'SUCCESS', InstanceId: 'ins-zj0f57ew' },
    { InvocationTaskId: 'invt-jc2onrxm', TaskStatus: 'SUCCESS', InstanceId: 'ins-zj0f57ex' },
    { InvocationTaskId: 'invt-6xmuisyq', TaskStatus: 'SUCCESS', InstanceId: 'ins-zj0f57ev' },
  ],
  StartTime: '2020-11-09T07:21:59+00:00',
  EndTime: '2020-11-09T07:22:08+00:00',
  CreatedTime: '2020-11-09T07:21:59+00:00',
  UpdatedTime: '2020-11-09T07:22:08+00:00',
};

/** `Write-Host "héllo 世界"\r\nGet-Date\r\n` */
export const POWERSHELL_SCRIPT = 'Write-Host "héllo 世界"\r\nGet-Date\r\n';

/** Still running (EndTime null), with a CommandName, PowerShell, non-ASCII text, `Z` times. */
export const RUNNING: Invocation = {
  InvocationId: 'inv-7h3kd9x2ab',
  CommandId: 'cmd-pw5h1q0k',
  CommandName: '部署 nginx — 日志清理',
  InvocationStatus: 'RUNNING',
  InvocationTaskBasicInfoSet: [
    { InvocationTaskId: 'invt-a1', TaskStatus: 'SUCCESS', InstanceId: 'ins-aaaa0001' },
    { InvocationTaskId: 'invt-a2', TaskStatus: 'FAILED', InstanceId: 'ins-aaaa0002' },
    { InvocationTaskId: 'invt-a3', TaskStatus: 'RUNNING', InstanceId: 'lhins-bbbb0003' },
    { InvocationTaskId: 'invt-a4', TaskStatus: 'SUCCESS', InstanceId: 'rins-cccc0004' },
    { InvocationTaskId: 'invt-a5', TaskStatus: 'PENDING', InstanceId: 'ins-aaaa0005' },
  ],
  Description: 'nightly clean-up\tof logs\nsecond line',
  StartTime: '2024-03-01T10:00:05Z',
  EndTime: null,
  CreatedTime: '2024-03-01T10:00:00Z',
  UpdatedTime: '2024-03-01T10:01:00+08:00',
  Parameters: '{"path":"C:\\\\logs","days":7,"名字":"世界"}',
  DefaultParameters: 'not json {',
  InstanceKind: 'CVM',
  Username: 'System',
  InvocationSource: 'INVOKER',
  CommandContent: 'V3JpdGUtSG9zdCAiaMOpbGxvIOS4lueVjCINCkdldC1EYXRlDQo=',
  CommandType: 'POWERSHELL',
  Timeout: 3600,
  WorkingDirectory: 'C:\\Program Files\\qcloud\\tat_agent\\workdir',
  OutputCOSBucketUrl: '',
  OutputCOSKeyPrefix: '',
};

/** A fixed "now": 3 minutes after RUNNING was created. */
export const NOW = Date.parse('2024-03-01T10:03:00Z');

export interface FakeOut extends OutputStream {
  chunks: Array<string | Uint8Array>;
  /** Everything written, as text. */
  text(): string;
  /** Everything written, as bytes. */
  bytes(): Buffer;
}

export function fakeOut(isTTY = false, columns = 0): FakeOut {
  const chunks: Array<string | Uint8Array> = [];
  const bytes = (): Buffer =>
    Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : Buffer.from(c))));
  return {
    isTTY,
    columns,
    chunks,
    write: async (chunk) => {
      chunks.push(chunk);
    },
    bytes,
    text: () => bytes().toString('utf8'),
  };
}

export function context<T = Invocation>(
  out: FakeOut,
  options: Partial<Omit<FormatContext<T>, 'out'>> & { colorLevel?: ColorLevel } = {},
): FormatContext<T> {
  return {
    out,
    resource: INVOCATION as unknown as FormatContext<T>['resource'],
    colorLevel: 0,
    columns: out.columns,
    now: () => NOW,
    cardinality: 'many',
    layout: 'rows',
    ...options,
  };
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-9;]*m/;
// eslint-disable-next-line no-control-regex
export const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');
