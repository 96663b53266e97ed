/**
 * An invocation created by RunCommand or InvokeCommand: its command as recorded, and one task
 * timeline per instance (timeline.ts). Its status is derived from its tasks at the clock of each
 * request, so it is visible at once to DescribeInvocations and DescribeInvocationTasks and moves
 * through the lifecycle as the tasks do.
 */
import type { Invocation, InvocationTask } from '../../api/types.js';
import { finalInvocationStatus } from '../data/lifecycle.js';
import { formatTime, orderInvocation, orderTask, type StoredInvocation } from '../data/model.js';
import type { TaskTimeline, TaskView } from './timeline.js';

/** The command an invocation runs, as the invocation records it. */
export interface RecordedCommand {
  CommandId: string;
  CommandName: string;
  Description: string;
  /** Base64 of the script as sent, placeholders included (the replaced script is never shown). */
  Content: string;
  CommandType: string;
  WorkingDirectory: string;
  Username: string;
  Timeout: number;
  OutputCOSBucketUrl: string;
  OutputCOSKeyPrefix: string;
  /** JSON text of the parameters used, hidden ones shown as `******` ('' when none). */
  Parameters: string;
  /** JSON text of the command's default parameters, hidden ones masked the same way. */
  DefaultParameters: string;
  createdBy: 'TAT' | 'USER';
}

export interface WrittenTask {
  taskId: string;
  instanceId: string;
  timeline: TaskTimeline;
}

/** The invocation's status from its tasks' views. */
export function invocationStatus(views: readonly TaskView[]): string {
  if (views.every((v) => v.endAt !== null)) return finalInvocationStatus(views.map((v) => v.status));
  if (views.some((v) => v.status === 'CANCELLING')) return 'CANCELLING';
  return views.some((v) => v.startAt !== null || v.endAt !== null) ? 'RUNNING' : 'PENDING';
}

const time = (ms: number | null): string | null => (ms === null ? null : formatTime(ms));

export class WrittenInvocation implements StoredInvocation {
  readonly taskIds: readonly string[];
  readonly instanceIds: readonly string[];

  constructor(
    readonly InvocationId: string,
    readonly createdMs: number,
    readonly command: RecordedCommand,
    readonly InstanceKind: string,
    readonly written: readonly WrittenTask[],
    /** Simulated tasks plan their own end; executed ones are told it. */
    private readonly simulated: boolean,
  ) {
    this.taskIds = written.map((t) => t.taskId);
    this.instanceIds = written.map((t) => t.instanceId);
  }

  get CommandId(): string {
    return this.command.CommandId;
  }

  get commandCreatedBy(): 'TAT' | 'USER' {
    return this.command.createdBy;
  }

  /** CancelInvocation at `now` for these instances (all when undefined). */
  cancel(now: number, instanceIds?: ReadonlySet<string>): void {
    for (const task of this.written) {
      if (instanceIds === undefined || instanceIds.has(task.instanceId)) task.timeline.cancel(now, this.simulated);
    }
  }

  invocation(now: number): Invocation {
    const views = this.written.map((t) => t.timeline.view(now));
    const status = invocationStatus(views);
    const updated = Math.max(this.createdMs, ...views.map((v) => v.updatedAt));
    const c = this.command;
    return orderInvocation({
      InvocationId: this.InvocationId,
      CommandId: c.CommandId,
      CommandName: c.CommandName,
      InvocationStatus: status,
      InvocationTaskBasicInfoSet: this.written.map((t, i) => ({
        InvocationTaskId: t.taskId,
        TaskStatus: views[i]?.status ?? 'PENDING',
        InstanceId: t.instanceId,
      })),
      Description: c.Description,
      StartTime: formatTime(this.createdMs),
      EndTime: views.every((v) => v.endAt !== null)
        ? formatTime(Math.max(this.createdMs, ...views.map((v) => v.endAt ?? 0)))
        : null,
      CreatedTime: formatTime(this.createdMs),
      UpdatedTime: formatTime(updated),
      Parameters: c.Parameters,
      DefaultParameters: c.DefaultParameters,
      InstanceKind: this.InstanceKind,
      Username: c.Username,
      InvocationSource: 'USER',
      CommandContent: c.Content,
      CommandType: c.CommandType,
      Timeout: c.Timeout,
      WorkingDirectory: c.WorkingDirectory,
      OutputCOSBucketUrl: c.OutputCOSBucketUrl,
      OutputCOSKeyPrefix: c.OutputCOSKeyPrefix,
    });
  }

  tasks(now: number): InvocationTask[] {
    const c = this.command;
    return this.written.map((t) => {
      const v = t.timeline.view(now);
      // The agent uploads the full log when a command that ran ends (not when it could not start).
      const uploaded = c.OutputCOSBucketUrl !== '' && v.execEndAt !== null && v.status !== 'START_FAILED';
      return orderTask({
        InvocationId: this.InvocationId,
        InvocationTaskId: t.taskId,
        CommandId: c.CommandId,
        CommandName: c.CommandName,
        TaskStatus: v.status,
        InstanceId: t.instanceId,
        TaskResult: {
          ExitCode: v.exitCode,
          Output: v.output.toString('base64'),
          ExecStartTime: time(v.startAt),
          ExecEndTime: time(v.execEndAt),
          Dropped: v.dropped,
          OutputUrl: uploaded ? logUrl(c.OutputCOSBucketUrl, c.OutputCOSKeyPrefix, this.InvocationId, t.taskId) : '',
          OutputUploadCOSErrorInfo: '',
        },
        StartTime: time(v.startAt),
        EndTime: time(v.endAt),
        CreatedTime: formatTime(this.createdMs),
        UpdatedTime: formatTime(v.updatedAt),
        CommandDocument: {
          Content: c.Content,
          CommandType: c.CommandType,
          Timeout: c.Timeout,
          WorkingDirectory: c.WorkingDirectory,
          Username: c.Username,
          OutputCOSBucketUrl: c.OutputCOSBucketUrl,
          OutputCOSKeyPrefix: c.OutputCOSKeyPrefix,
        },
        ErrorInfo: v.errorInfo,
        InvocationSource: 'USER',
      });
    });
  }
}

/** Where the agent puts a task's full log: bucket URL, then prefix, invocation and `<task>.log`, empty parts left out. */
export function logUrl(bucket: string, prefix: string, invocationId: string, taskId: string): string {
  const parts = [prefix.replace(/\/$/, ''), invocationId, `${taskId}.log`].filter((part) => part !== '');
  return `${bucket}/${parts.join('/')}`;
}
