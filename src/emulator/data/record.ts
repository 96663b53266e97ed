/** Turns a generated invocation into a StoredInvocation whose view follows the clock. */
import type { Invocation, InvocationTask } from '../../api/types.js';
import { cancelPlan, isFinalInvocationStatus, type Plan, stateAt } from './lifecycle.js';
import type { CommandSpec } from './catalog.js';
import { formatTime, orderInvocation, orderTask, type StoredInvocation } from './model.js';
import { taskOutput, uploadError } from './output.js';

const t = (ms: number | null): string | null => (ms === null ? null : formatTime(ms));

/** One generated invocation before it becomes an API record (built by generator.ts). */
export interface GeneratedInvocation {
  id: string;
  spec: CommandSpec;
  commandId: string;
  kind: string;
  instances: string[];
  taskIds: string[];
  parameters: string;
  source: string;
  username: string;
  workingDirectory: string;
  cosBucket: string;
  cosPrefix: string;
  showName: boolean;
  content: string;
  plan: Plan;
  outputSeed: number;
}

/** What the agent reports when it cannot start the command: the user, or else the directory, it could not find. */
export function startFailure(username: string, workingDirectory: string): string {
  return username !== 'root' && username !== 'System'
    ? `InvalidUser: user \`${username}\` not exists`
    : `InvalidWorkingDirectory: working_directory \`${workingDirectory}\` not exists`;
}

export function generatedRecord(g: GeneratedInvocation): StoredInvocation {
  const created = g.plan.createdMs;
  const timeout = g.plan.timeoutS ?? g.spec.timeout;
  // A live invocation's story changes when it is cancelled (CancelInvocation).
  let plan = g.plan;
  const document = {
    Content: g.content,
    CommandType: g.spec.type,
    Timeout: timeout,
    WorkingDirectory: g.workingDirectory,
    Username: g.username,
    OutputCOSBucketUrl: g.cosBucket,
    OutputCOSKeyPrefix: g.cosPrefix,
  };
  const invocation = (nowMs: number): Invocation => {
    const snap = stateAt(plan, nowMs);
    const updated = Math.max(snap.at, created);
    return orderInvocation({
      InvocationId: g.id,
      CommandId: g.commandId,
      ...(g.showName ? { CommandName: g.spec.name } : {}),
      InvocationStatus: snap.status,
      InvocationTaskBasicInfoSet: snap.tasks.map((task, i) => ({
        InvocationTaskId: g.taskIds[i] ?? '',
        TaskStatus: task.status,
        InstanceId: g.instances[i] ?? '',
      })),
      Description: g.spec.description,
      StartTime: formatTime(created),
      EndTime: isFinalInvocationStatus(snap.status) ? formatTime(updated) : null,
      CreatedTime: formatTime(created),
      UpdatedTime: formatTime(updated),
      Parameters: g.parameters,
      DefaultParameters: g.spec.defaultParameters,
      InstanceKind: g.kind,
      Username: g.username,
      InvocationSource: g.source,
      CommandContent: g.content,
      CommandType: g.spec.type,
      Timeout: timeout,
      WorkingDirectory: g.workingDirectory,
      OutputCOSBucketUrl: g.cosBucket,
      OutputCOSKeyPrefix: g.cosPrefix,
    });
  };
  const tasks = (nowMs: number): InvocationTask[] => {
    const snap = stateAt(plan, nowMs);
    return snap.tasks.map((task, i) => {
      const instanceId = g.instances[i] ?? '';
      const taskId = g.taskIds[i] ?? '';
      const logged = g.cosBucket !== '' && task.output !== 'none';
      const out = taskOutput(g.spec, g.outputSeed + i, instanceId, task, logged);
      const failedUpload = logged ? uploadError(g.outputSeed + i) : '';
      return orderTask({
        InvocationId: g.id,
        InvocationTaskId: taskId,
        CommandId: g.commandId,
        // InvocationTask.CommandName (added to the API in 2025) is always sent, unlike the invocation's.
        CommandName: g.spec.name,
        TaskStatus: task.status,
        InstanceId: instanceId,
        TaskResult: {
          ExitCode: task.exitCode,
          Output: out.output,
          ExecStartTime: t(task.execStart),
          ExecEndTime: t(task.execEnd),
          Dropped: out.dropped,
          OutputUrl: logged && !failedUpload ? `${g.cosBucket}/${g.cosPrefix}/${g.id}/${taskId}.log` : '',
          OutputUploadCOSErrorInfo: failedUpload,
        },
        StartTime: t(task.execStart),
        EndTime: t(task.endAt),
        CreatedTime: formatTime(created),
        UpdatedTime: formatTime(Math.max(created, task.endAt ?? Math.min(snap.at, nowMs))),
        CommandDocument: { ...document },
        ErrorInfo: task.status === 'START_FAILED' ? startFailure(g.username, g.workingDirectory) : task.errorInfo,
        InvocationSource: g.source,
      });
    });
  };
  return {
    InvocationId: g.id,
    createdMs: created,
    commandCreatedBy: g.spec.createdBy,
    CommandId: g.commandId,
    InstanceKind: g.kind,
    taskIds: g.taskIds,
    instanceIds: g.instances,
    invocation,
    tasks,
    cancel(nowMs, instanceIds) {
      plan = cancelPlan(plan, nowMs, (i) => instanceIds === undefined || instanceIds.has(g.instances[i] ?? ''));
    },
  };
}
