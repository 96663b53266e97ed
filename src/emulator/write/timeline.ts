/**
 * One task of an invocation created by RunCommand or InvokeCommand, as the TAT service records
 * what the agent reports: delivered, started (`report_task_start`), output every second
 * (`upload_task_log`, the first 24,576 bytes kept, the rest counted as dropped), then finished
 * (`report_task_finish`). What a request sees is the state at its clock, so a simulated task
 * needs no timers; a really executed one (`--execute`) is told its events as they happen.
 *
 * Nothing once reported is taken back: a started task keeps its start time and the output it
 * printed, cancelled or not, and never ends CANCELLED (that is for tasks not yet started).
 */
import { MAX_OUTPUT_BYTES } from '../constants.js';

/** How a task ended, as the service records it. */
export interface TaskEnd {
  at: number;
  status: 'SUCCESS' | 'FAILED' | 'TIMEOUT' | 'TERMINATED' | 'START_FAILED' | 'DELIVER_FAILED' | 'CANCELLED';
  exitCode: number;
  errorInfo: string;
}

/** A task at one moment. */
export interface TaskView {
  status: string;
  exitCode: number;
  /** When the agent reported the start (StartTime, ExecStartTime), or null. */
  startAt: number | null;
  /** When the command ended, for a task that started and ended (ExecEndTime). */
  execEndAt: number | null;
  /** When the task reached its final status (EndTime). */
  endAt: number | null;
  errorInfo: string;
  /** The output kept so far (at most 24,576 bytes) and how many bytes were cut. */
  output: Buffer;
  dropped: number;
  /** Its last change (UpdatedTime). */
  updatedAt: number;
}

interface Chunk {
  at: number;
  bytes: Buffer;
  /** Bytes printed at `at` beyond the 24,576 kept. */
  dropped: number;
}

/** What the agent says when a command cannot start (its `Task::init` errors, as it formats them). */
export const START_FAILED_USER = (user: string): string => `InvalidUser: user \`${user}\` not exists`;
export const START_FAILED_DIRECTORY = (dir: string): string =>
  `InvalidWorkingDirectory: working_directory \`${dir}\` not exists`;

/** Between CancelInvocation and the agent's report that it killed the command (CANCELLING meanwhile). */
export const CANCEL_ACK_MS = 1000;
/** Between CancelInvocation and the service marking a task not yet started CANCELLED (CANCELLING meanwhile). */
export const CANCEL_SERVICE_MS = 500;
/** The agent reports output once a second. */
export const REPORT_INTERVAL_MS = 1000;

export class TaskTimeline {
  /** When the agent reported the start; null until then (and for tasks that never start). */
  private startAt: number | null = null;
  private end: TaskEnd | null = null;
  /** When cancellation reached a running task (CANCELLING until the agent's report). */
  private cancelAt: number | null = null;
  private readonly chunks: Chunk[] = [];
  private kept = 0;
  /** Called when the task is cancelled, to stop what runs it (--execute). */
  private stop: (() => void) | undefined;

  constructor(
    readonly createdMs: number,
    /** PENDING until then, DELIVERING after. */
    readonly deliverAt: number,
  ) {}

  /** The agent reported the start at `at`. Ignored once the task has ended (a cancel got there first). */
  started(at: number): void {
    if (this.end === null && this.startAt === null) this.startAt = Math.max(at, this.deliverAt);
  }

  /**
   * Output printed at `at`: kept up to 24,576 bytes in all, the rest counted as dropped, with
   * `alsoDropped` bytes printed beyond what was given (a printer that cut already).
   */
  output(bytes: Buffer, at: number, alsoDropped = 0): void {
    if (this.end !== null || this.startAt === null || bytes.length + alsoDropped === 0) return;
    const keep = Math.max(0, Math.min(bytes.length, MAX_OUTPUT_BYTES - this.kept));
    const chunk = {
      at: Math.max(at, this.startAt),
      bytes: bytes.subarray(0, keep),
      dropped: bytes.length - keep + alsoDropped,
    };
    const last = this.chunks[this.chunks.length - 1];
    // The agent reports once a second: output within one report interval travels together.
    if (last && chunk.at - last.at < REPORT_INTERVAL_MS) {
      last.bytes = Buffer.concat([last.bytes, chunk.bytes]);
      last.dropped += chunk.dropped;
    } else this.chunks.push(chunk);
    this.kept += keep;
  }

  /** The agent (or the service, for tasks never started) reported the end. The first end counts. */
  ended(end: TaskEnd): void {
    if (this.end !== null) return;
    const ran = end.status !== 'CANCELLED' && end.status !== 'DELIVER_FAILED';
    if (ran && this.startAt === null) this.startAt = Math.max(end.at, this.deliverAt);
    const floor = this.startAt ?? this.deliverAt;
    // As the agent does: once cancelled, a command that ends is TERMINATED, whatever its exit.
    const status =
      this.cancelAt !== null && (end.status === 'SUCCESS' || end.status === 'FAILED') ? 'TERMINATED' : end.status;
    this.end = { ...end, status, at: Math.max(end.at, floor) };
  }

  /** Where the task stands: final tasks do not move. */
  isFinalAt(at: number): boolean {
    return this.end !== null && this.end.at <= at;
  }

  onCancel(stop: () => void): void {
    this.stop = stop;
  }

  /**
   * CancelInvocation at `at`: the task is CANCELLING, then a task not yet started (PENDING,
   * DELIVERING) becomes CANCELLED when the service has withdrawn it, and a running one
   * TERMINATED with exit code -1 once the agent reports that it killed the command
   * (`simulated`: that report is planned CANCEL_ACK_MS later; else the runner reports it).
   * Planned events after `at` are dropped: they had not happened. Returns false for a task
   * already ended or being cancelled.
   */
  cancel(at: number, simulated: boolean): boolean {
    if ((this.end !== null && this.end.at <= at) || this.cancelAt !== null) return false;
    const started = this.startAt !== null && this.startAt <= at;
    // Whatever was planned after the cancel does not happen.
    this.end = null;
    while (this.chunks.length > 0 && this.chunks[this.chunks.length - 1]!.at > at)
      this.kept -= this.chunks.pop()!.bytes.length;
    this.cancelAt = at;
    if (!started) {
      this.startAt = null;
      this.end = { at: at + CANCEL_SERVICE_MS, status: 'CANCELLED', exitCode: 0, errorInfo: '' };
    } else if (simulated) this.end = { at: at + CANCEL_ACK_MS, status: 'TERMINATED', exitCode: -1, errorInfo: '' };
    this.stop?.();
    return true;
  }

  view(now: number): TaskView {
    const end = this.end !== null && this.end.at <= now ? this.end : null;
    const startAt = this.startAt !== null && this.startAt <= now ? this.startAt : null;
    const cancelling = this.cancelAt !== null && this.cancelAt <= now;
    let status = 'PENDING';
    if (end) status = end.status;
    else if (cancelling) status = 'CANCELLING';
    else if (startAt !== null) status = 'RUNNING';
    else if (this.deliverAt <= now) status = 'DELIVERING';
    const shown = this.chunks.filter((chunk) => chunk.at <= now);
    let updatedAt = Math.max(
      this.createdMs,
      this.deliverAt <= now ? this.deliverAt : this.createdMs,
      startAt ?? 0,
      shown[shown.length - 1]?.at ?? 0,
    );
    if (cancelling) updatedAt = Math.max(updatedAt, this.cancelAt ?? 0);
    if (end) updatedAt = Math.max(updatedAt, end.at);
    return {
      status,
      exitCode: end ? end.exitCode : 0,
      startAt,
      execEndAt: end && startAt !== null ? end.at : null,
      endAt: end ? end.at : null,
      errorInfo: end ? end.errorInfo : '',
      output: Buffer.concat(shown.map((chunk) => chunk.bytes)),
      dropped: shown.reduce((sum, chunk) => sum + chunk.dropped, 0),
      updatedAt,
    };
  }
}
