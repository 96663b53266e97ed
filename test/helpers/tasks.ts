/** InvocationTask records for command and output tests. */
import type { InvocationTask } from '../../src/api/types.js';

const b64 = (text: string | Buffer): string =>
  (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64');

/** A finished task of the seed page's invocation, with `overrides` (TaskResult fields merged). */
export function task(
  id: string,
  instance: string,
  overrides: Partial<Omit<InvocationTask, 'TaskResult'>> & {
    output?: string | Buffer;
    exitCode?: number;
    dropped?: number;
    outputUrl?: string;
    cosError?: string;
  } = {},
): InvocationTask {
  const { output = 'hello\n', exitCode = 0, dropped = 0, outputUrl = '', cosError = '', ...fields } = overrides;
  return {
    InvocationId: 'inv-q4zp60g0',
    InvocationTaskId: id,
    CommandId: 'cmd-9dxzty3m',
    TaskStatus: 'SUCCESS',
    InstanceId: instance,
    TaskResult: {
      ExitCode: exitCode,
      Output: b64(output),
      ExecStartTime: '2020-11-09T07:22:00+00:00',
      ExecEndTime: '2020-11-09T07:22:05+00:00',
      Dropped: dropped,
      OutputUrl: outputUrl,
      OutputUploadCOSErrorInfo: cosError,
    },
    StartTime: '2020-11-09T07:22:00+00:00',
    EndTime: '2020-11-09T07:22:05+00:00',
    CreatedTime: '2020-11-09T07:21:59+00:00',
    UpdatedTime: '2020-11-09T07:22:05+00:00',
    CommandDocument: {
      Content: 'cHdk',
      CommandType: 'SHELL',
      Timeout: 60,
      WorkingDirectory: '/root',
      Username: 'root',
      OutputCOSBucketUrl: '',
      OutputCOSKeyPrefix: '',
    },
    ErrorInfo: '',
    InvocationSource: 'USER',
    ...fields,
  };
}

export const tasksFound = (items: unknown[], total = items.length) => ({ TotalCount: total, InvocationTaskSet: items });
