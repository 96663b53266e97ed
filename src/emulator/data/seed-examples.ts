/**
 * The two invocations documented on the official DescribeInvocations page, exactly as shown
 * there (field values and time formats). Their tasks are not documented; they are made to agree
 * with the invocation (`cHdk` is `pwd`, so each task printed its working directory).
 */
import type { Invocation, InvocationTask } from '../../api/types.js';
import { base64, staticRecord, staticTask, type StoredInvocation } from './model.js';

/** The example output of section 4 ("示例1 查询执行活动"). */
export const EXAMPLE_Q4ZP60G0: Invocation = {
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

/** The example value of the InvocationSet output parameter (section 3). */
export const EXAMPLE_HC91N6GA8C: Invocation = {
  CommandContent: 'cHdk',
  CommandId: 'cmd-kpfoo6py',
  CommandType: 'SHELL',
  CreatedTime: '2024-10-25T03:18:37Z',
  DefaultParameters: '',
  Description: '',
  EndTime: '2024-10-25T03:18:38Z',
  InstanceKind: 'REGISTERINST',
  InvocationId: 'inv-hc91n6ga8c',
  InvocationSource: 'USER',
  InvocationStatus: 'SUCCESS',
  InvocationTaskBasicInfoSet: [
    { InstanceId: 'rins-0c54k0xs', InvocationTaskId: 'invt-hc91n6ga8d', TaskStatus: 'SUCCESS' },
  ],
  OutputCOSBucketUrl: '',
  OutputCOSKeyPrefix: '',
  Parameters: '',
  StartTime: '2024-10-25T03:18:37Z',
  Timeout: 60,
  UpdatedTime: '2024-10-25T03:18:38Z',
  Username: 'root',
  WorkingDirectory: '/root',
};

function pwdTask(inv: Invocation, index: number, start: string, end: string): InvocationTask {
  const taskId = inv.InvocationTaskBasicInfoSet[index]?.InvocationTaskId ?? '';
  const cos = inv.OutputCOSBucketUrl;
  return staticTask(
    inv,
    index,
    { start, end, updated: end },
    {
      ExitCode: 0,
      Output: base64('/root\n'),
      ExecStartTime: start,
      ExecEndTime: end,
      Dropped: 0,
      OutputUrl: cos === '' ? '' : `${cos}/${inv.OutputCOSKeyPrefix}/${inv.InvocationId}/${taskId}.log`,
      OutputUploadCOSErrorInfo: '',
    },
  );
}

export function seedExamples(): StoredInvocation[] {
  const q = EXAMPLE_Q4ZP60G0;
  const h = EXAMPLE_HC91N6GA8C;
  return [
    staticRecord(q, [
      pwdTask(q, 0, '2020-11-09T07:22:00+00:00', '2020-11-09T07:22:05+00:00'),
      pwdTask(q, 1, '2020-11-09T07:22:01+00:00', '2020-11-09T07:22:08+00:00'),
      pwdTask(q, 2, '2020-11-09T07:22:00+00:00', '2020-11-09T07:22:06+00:00'),
    ]),
    staticRecord(h, [pwdTask(h, 0, '2024-10-25T03:18:37Z', '2024-10-25T03:18:38Z')]),
  ];
}
