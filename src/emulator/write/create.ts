/**
 * Creating an invocation: ids, one task per instance, each task simulated or really run, and the
 * record inserted into the region so that the next Describe* request sees it.
 */
import type { DataStore } from '../data/store.js';
import type { Targets } from './fields.js';
import { type RecordedCommand, WrittenInvocation } from './invocation.js';
import { TaskTimeline } from './timeline.js';
import { plannedTimeline, type Simulate, type TaskRunner, type TaskWork } from './work.js';

/** How created tasks happen: the emulator's settings. */
export interface WriteSettings {
  /** The simulation rule: what each task does, decided from its script. */
  simulate: Simulate;
  /** `--execute`: tasks really run (the simulation is then not used). */
  runner?: TaskRunner;
  /** `--speed`: simulated tasks move this many times faster. */
  speed: number;
}

/** What a write action needs besides its parameters. */
export interface WriteContext {
  region: string;
  store: DataStore;
  nowMs: number;
  writes: WriteSettings;
}

/** The script the agents run and how, for every target. */
export interface Launch {
  command: RecordedCommand;
  targets: Targets;
  /** Decoded, placeholders replaced. */
  script: string;
}

export function createInvocation(ctx: WriteContext, launch: Launch): WrittenInvocation {
  const { store, region, nowMs, writes } = ctx;
  const invocationId = store.newId(region, 'inv');
  const { command } = launch;
  const tasks = launch.targets.instances.map((instance, index) => {
    const work: TaskWork = {
      invocationId,
      taskId: store.newId(region, 'invt'),
      instance,
      script: launch.script,
      commandType: command.CommandType,
      workingDirectory: command.WorkingDirectory,
      username: command.Username,
      timeoutSeconds: command.Timeout,
    };
    let timeline: TaskTimeline;
    if (writes.runner) {
      timeline = new TaskTimeline(nowMs, nowMs);
      writes.runner.run(work, timeline);
    } else timeline = plannedTimeline(work, writes.simulate(work), { createdMs: nowMs, index, speed: writes.speed });
    return { taskId: work.taskId, instanceId: instance.InstanceId, timeline };
  });
  // CreatedTime is shown to the second: the listing sorts on what clients see, so ties go by id as they expect.
  const createdMs = Math.floor(nowMs / 1000) * 1000;
  const record = new WrittenInvocation(
    invocationId,
    createdMs,
    command,
    launch.targets.kind,
    tasks,
    writes.runner === undefined,
  );
  store.insert(region, record);
  return record;
}
