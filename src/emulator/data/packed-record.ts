/** A packed invocation as a StoredInvocation: its fleet and row, nothing else (packed.ts). */
import type { ByteWriter } from '../json-bytes.js';
import type { StoredInvocation } from './model.js';
import type { PackedFleet } from './packed.js';
import { generatedRecord } from './record.js';

/** One packed invocation: a row number and its fleet (40 bytes), answering as a StoredInvocation. */
export class PackedRecord implements StoredInvocation {
  constructor(
    private readonly fleet: PackedFleet,
    private readonly row: number,
  ) {}

  get InvocationId(): string {
    return this.fleet.id(this.row);
  }

  get createdMs(): number {
    return this.fleet.createdMs(this.row);
  }

  get commandCreatedBy(): 'TAT' | 'USER' {
    return this.fleet.specOf(this.row).createdBy;
  }

  get CommandId(): string {
    return this.fleet.text('commandId', this.row);
  }

  get InstanceKind(): string {
    return this.fleet.text('kind', this.row);
  }

  get taskIds(): readonly string[] {
    return this.fleet.taskIdsOf(this.row);
  }

  get instanceIds(): readonly string[] {
    return this.fleet.instanceIdsOf(this.row);
  }

  invocation(nowMs: number): ReturnType<StoredInvocation['invocation']> {
    return generatedRecord(this.fleet.unpack(this.row)).invocation(nowMs);
  }

  tasks(nowMs: number): ReturnType<StoredInvocation['tasks']> {
    return generatedRecord(this.fleet.unpack(this.row)).tasks(nowMs);
  }

  writeInvocation(out: ByteWriter): void {
    this.fleet.writeInvocation(this.row, out);
  }
}
