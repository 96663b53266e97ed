/**
 * A region's finished generated invocations, packed into columns (columns.ts) instead of one
 * object graph each: a 100,000-invocation region held ~110 MiB as objects (plan, task states,
 * closures per invocation) and holds a few tens of MiB packed. A packed invocation is unpacked
 * into the very GeneratedInvocation it was made from whenever the API shows it (record.ts), so
 * what clients see is unchanged; a page of DescribeInvocations is written straight from the
 * columns as JSON bytes (writeInvocation), without building objects at all.
 *
 * Only invocations with a single snapshot (finished before the emulator started, so the same at
 * any clock) are packed; the few still running keep their plans as objects (generator.ts).
 */
import { type ByteWriter, jsonText, type JsonText } from '../json-bytes.js';
import { compareServerOrder } from '../../api/order.js';
import type { CommandSpec } from './catalog.js';
import { bytes, floats, ints, shorts, Table } from './columns.js';
import { isFinalInvocationStatus, type TaskState } from './lifecycle.js';
import { formatTime } from './model.js';
import type { GeneratedInvocation } from './record.js';

/**
 * A flat copy of an id. Ids are built as `prefix-` + random text, which V8 keeps as a pair of
 * strings (a cons string, 64 bytes for 14 characters); the copy is one string of half the size.
 */
const flat = (id: string): string => Buffer.from(id, 'latin1').toString('latin1');

/** Null times are stored as NaN (no generated time is NaN). */
const orNaN = (ms: number | null): number => (ms === null ? NaN : ms);
const orNull = (ms: number): number | null => (Number.isNaN(ms) ? null : ms);

export class PackedFleet {
  private readonly strings = new Table<string>();
  private readonly stringJson: JsonText[] = [];
  private readonly specs = new Table<CommandSpec>();
  private readonly heads = new Map<number, JsonText>();
  private readonly specJson = new Map<number, { description: JsonText; defaultParameters: JsonText }>();
  // One row per invocation.
  private ids: string[] = [];
  private readonly created = floats();
  private readonly at = floats();
  private readonly outputSeed = floats();
  private readonly spec = shorts();
  private readonly status = shorts();
  private readonly commandId = shorts();
  private readonly kind = shorts();
  private readonly parameters = shorts();
  private readonly source = shorts();
  private readonly username = shorts();
  private readonly workingDirectory = shorts();
  private readonly cosBucket = shorts();
  private readonly cosPrefix = shorts();
  private readonly content = shorts();
  private readonly showName = bytes();
  private readonly firstTask = ints();
  private readonly taskCount = shorts();
  // One row per task.
  private taskIds: string[] = [];
  private readonly instance = shorts();
  private readonly taskStatus = shorts();
  private readonly exitCode = ints();
  private readonly execStart = floats();
  private readonly execEnd = floats();
  private readonly endAt = floats();
  private readonly errorInfo = shorts();
  private readonly output = shorts();

  /** Packs `g` and returns its row, or undefined when it is not finished (it is then not packed). */
  add(g: GeneratedInvocation): number | undefined {
    const [snapshot, ...later] = g.plan.snapshots;
    if (
      !snapshot ||
      later.length > 0 ||
      snapshot.tasks.length !== g.instances.length ||
      g.taskIds.length !== g.instances.length
    )
      return undefined;
    const s = (text: string): number => this.strings.add(text);
    const row = this.ids.length;
    this.ids.push(flat(g.id));
    this.created.push(g.plan.createdMs);
    this.at.push(snapshot.at);
    this.outputSeed.push(g.outputSeed);
    this.spec.push(this.specs.add(g.spec));
    this.status.push(s(snapshot.status));
    this.commandId.push(s(g.commandId));
    this.kind.push(s(g.kind));
    this.parameters.push(s(g.parameters));
    this.source.push(s(g.source));
    this.username.push(s(g.username));
    this.workingDirectory.push(s(g.workingDirectory));
    this.cosBucket.push(s(g.cosBucket));
    this.cosPrefix.push(s(g.cosPrefix));
    this.content.push(s(g.content));
    this.showName.push(g.showName ? 1 : 0);
    this.firstTask.push(this.taskIds.length);
    this.taskCount.push(g.taskIds.length);
    snapshot.tasks.forEach((task, i) => {
      this.taskIds.push(flat(g.taskIds[i] ?? ''));
      this.instance.push(s(g.instances[i] ?? ''));
      this.taskStatus.push(s(task.status));
      this.exitCode.push(task.exitCode);
      this.execStart.push(orNaN(task.execStart));
      this.execEnd.push(orNaN(task.execEnd));
      this.endAt.push(orNaN(task.endAt));
      this.errorInfo.push(s(task.errorInfo));
      this.output.push(s(task.output));
    });
    return row;
  }

  /**
   * Once every invocation is added: lays the rows out in server order (newest first), so that a
   * page reads neighbouring rows of each column rather than 100 rows scattered over megabytes
   * (cache misses made a page cost twice as much when the client paused between pages), and
   * drops the columns' spare capacity. Returns each row's new number, by its old number.
   */
  finish(): Int32Array {
    const rows = this.ids.length;
    const order = Array.from({ length: rows }, (_, row) => row);
    order.sort((a, b) =>
      compareServerOrder(this.created.get(a), this.ids[a] ?? '', this.created.get(b), this.ids[b] ?? ''),
    );
    const taskOrder: number[] = [];
    const firstTask: number[] = [];
    for (const row of order) {
      firstTask.push(taskOrder.length);
      for (let task = this.firstTask.get(row); task < this.firstTask.get(row) + this.taskCount.get(row); task++)
        taskOrder.push(task);
    }
    const byRow = [
      this.created,
      this.at,
      this.outputSeed,
      this.spec,
      this.status,
      this.commandId,
      this.kind,
      this.parameters,
      this.source,
      this.username,
    ];
    for (const column of [
      ...byRow,
      this.workingDirectory,
      this.cosBucket,
      this.cosPrefix,
      this.content,
      this.showName,
      this.taskCount,
    ])
      column.permute(order);
    for (const column of [
      this.instance,
      this.taskStatus,
      this.exitCode,
      this.execStart,
      this.execEnd,
      this.endAt,
      this.errorInfo,
      this.output,
    ])
      column.permute(taskOrder);
    this.firstTask.assign(firstTask);
    this.ids = order.map((row) => this.ids[row] ?? '');
    this.taskIds = taskOrder.map((task) => this.taskIds[task] ?? '');
    const newRow = new Int32Array(rows);
    order.forEach((row, at) => (newRow[row] = at));
    return newRow;
  }

  id(row: number): string {
    return this.ids[row] ?? '';
  }

  createdMs(row: number): number {
    return this.created.get(row);
  }

  specOf(row: number): CommandSpec {
    return this.specs.get(this.spec.get(row));
  }

  text(column: 'commandId' | 'kind', row: number): string {
    return this.strings.get(this[column].get(row));
  }

  taskIdsOf(row: number): string[] {
    const first = this.firstTask.get(row);
    return this.taskIds.slice(first, first + this.taskCount.get(row));
  }

  instanceIdsOf(row: number): string[] {
    const first = this.firstTask.get(row);
    return Array.from({ length: this.taskCount.get(row) }, (_, i) => this.strings.get(this.instance.get(first + i)));
  }

  /** The GeneratedInvocation the row was packed from (equal to it in every field). */
  unpack(row: number): GeneratedInvocation {
    const str = (column: { get(row: number): number }, at = row): string => this.strings.get(column.get(at));
    const first = this.firstTask.get(row);
    const tasks: TaskState[] = Array.from({ length: this.taskCount.get(row) }, (_, i) => ({
      status: str(this.taskStatus, first + i),
      exitCode: this.exitCode.get(first + i),
      execStart: orNull(this.execStart.get(first + i)),
      execEnd: orNull(this.execEnd.get(first + i)),
      endAt: orNull(this.endAt.get(first + i)),
      errorInfo: str(this.errorInfo, first + i),
      // Packed from a TaskState, so the text is one of its output kinds.
      output: str(this.output, first + i) as TaskState['output'],
    }));
    return {
      id: this.id(row),
      spec: this.specOf(row),
      commandId: str(this.commandId),
      kind: str(this.kind),
      instances: this.instanceIdsOf(row),
      taskIds: this.taskIdsOf(row),
      parameters: str(this.parameters),
      source: str(this.source),
      username: str(this.username),
      workingDirectory: str(this.workingDirectory),
      cosBucket: str(this.cosBucket),
      cosPrefix: str(this.cosPrefix),
      showName: this.showName.get(row) === 1,
      content: str(this.content),
      plan: {
        createdMs: this.created.get(row),
        snapshots: [{ at: this.at.get(row), status: str(this.status), tasks }],
      },
      outputSeed: this.outputSeed.get(row),
    };
  }

  /**
   * The row's invocation as JSON, byte for byte what JSON.stringify(record.invocation(now))
   * gives (record.ts, orderInvocation), for any clock: a packed invocation has one snapshot.
   */
  writeInvocation(row: number, out: ByteWriter): void {
    const spec = this.spec.get(row);
    const created = this.created.get(row);
    const updated = Math.max(this.at.get(row), created);
    out.json(this.head(row, spec));
    out.text(',"InvocationSource":');
    out.json(this.json(this.source.get(row)));
    out.text(',"WorkingDirectory":');
    out.json(this.json(this.workingDirectory.get(row)));
    out.text(`,"InvocationId":${JSON.stringify(this.id(row))},"InstanceKind":`);
    out.json(this.json(this.kind.get(row)));
    out.text(',"InvocationStatus":');
    out.json(this.json(this.status.get(row)));
    const { description, defaultParameters } = this.specTexts(spec);
    out.text(',"Description":');
    out.json(description);
    out.text(',"Parameters":');
    out.json(this.json(this.parameters.get(row)));
    out.text(',"DefaultParameters":');
    out.json(defaultParameters);
    out.text(',"Username":');
    out.json(this.json(this.username.get(row)));
    out.text(',"OutputCOSKeyPrefix":');
    out.json(this.json(this.cosPrefix.get(row)));
    out.text(',"OutputCOSBucketUrl":');
    out.json(this.json(this.cosBucket.get(row)));
    out.text(',"InvocationTaskBasicInfoSet":[');
    const first = this.firstTask.get(row);
    const count = this.taskCount.get(row);
    for (let task = first; task < first + count; task++) {
      out.text(
        `${task === first ? '' : ','}{"InvocationTaskId":${JSON.stringify(this.taskIds[task] ?? '')},"TaskStatus":`,
      );
      out.json(this.json(this.taskStatus.get(task)));
      out.text(',"InstanceId":');
      out.json(this.json(this.instance.get(task)));
      out.text('}');
    }
    const start = formatTime(created);
    const end = formatTime(updated);
    const final = isFinalInvocationStatus(this.strings.get(this.status.get(row)));
    // formatTime gives digits, '-', ':', 'T' and 'Z' only: JSON strings as they are.
    out.text(
      `],"StartTime":"${start}","EndTime":${final ? `"${end}"` : 'null'},"CreatedTime":"${start}","UpdatedTime":"${end}"}`,
    );
  }

  private json(index: number): JsonText {
    let text = this.stringJson[index];
    if (!text) this.stringJson[index] = text = jsonText(this.strings.get(index));
    return text;
  }

  /** `{"CommandId":…,"CommandName":…,"CommandContent":…,"CommandType":…,"Timeout":…` (no closing brace). */
  private head(row: number, spec: number): JsonText {
    const showName = this.showName.get(row) === 1;
    // Three 16-bit indexes and a bit: exact in a double (49 bits), cheaper to hash than text.
    const key = ((spec * 0x10000 + this.commandId.get(row)) * 0x10000 + this.content.get(row)) * 2 + (showName ? 1 : 0);
    let head = this.heads.get(key);
    if (!head) {
      const command = this.specs.get(spec);
      const fields = {
        CommandId: this.text('commandId', row),
        ...(showName ? { CommandName: command.name } : {}),
        CommandContent: this.strings.get(this.content.get(row)),
        CommandType: command.type,
        Timeout: command.timeout,
      };
      head = jsonText(fields);
      head = { ...head, text: head.text.slice(0, -1), bytes: head.bytes.subarray(0, -1) };
      this.heads.set(key, head);
    }
    return head;
  }

  private specTexts(spec: number): { description: JsonText; defaultParameters: JsonText } {
    let texts = this.specJson.get(spec);
    if (!texts) {
      const command = this.specs.get(spec);
      texts = { description: jsonText(command.description), defaultParameters: jsonText(command.defaultParameters) };
      this.specJson.set(spec, texts);
    }
    return texts;
  }
}
