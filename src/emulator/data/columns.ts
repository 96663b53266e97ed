/**
 * Growable typed columns and a string table: the compact storage of a packed fleet (packed.ts).
 * A 100,000-invocation region in objects took ~1.2 KB per invocation; in columns it takes a few
 * hundred bytes, most of them the id strings.
 */

type TypedArray = Float64Array | Int32Array | Uint16Array | Uint8Array;

/** A typed array that doubles when full; permute() or assign() leave it exactly as long as its values. */
export class Column<T extends TypedArray> {
  private values: T;
  length = 0;

  constructor(private readonly make: (size: number) => T) {
    this.values = make(1024);
  }

  push(value: number): number {
    if (this.length === this.values.length) {
      const bigger = this.make(Math.max(1024, this.values.length * 2));
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length] = value;
    return this.length++;
  }

  get(index: number): number {
    // Callers index within length (records and tasks address their own rows).
    return this.values[index] as number;
  }

  /** Keeps the values at `order` (old indexes), in that order: the rows rearranged. */
  permute(order: ArrayLike<number>): void {
    this.assign(Array.from(order, (index) => this.get(index)));
  }

  /** Replaces every value (exactly as long as `values`). */
  assign(values: readonly number[]): void {
    this.values = this.make(values.length);
    this.values.set(values);
    this.length = values.length;
  }
}

export const floats = (): Column<Float64Array> => new Column((n) => new Float64Array(n));
export const ints = (): Column<Int32Array> => new Column((n) => new Int32Array(n));
export const shorts = (): Column<Uint16Array> => new Column((n) => new Uint16Array(n));
export const bytes = (): Column<Uint8Array> => new Column((n) => new Uint8Array(n));

/**
 * Each distinct value once, addressed by a small number (statuses, instance ids, scripts: a
 * fleet has a few hundred distinct values in these fields, not one per invocation). Each value's
 * JSON text is kept too, as serialising a page writes it (json-bytes.ts).
 */
export class Table<T> {
  readonly values: T[] = [];
  private readonly indexes = new Map<T, number>();

  constructor(private readonly limit = 0xffff) {}

  add(value: T): number {
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.values.length;
      if (index > this.limit) throw new Error(`more than ${this.limit + 1} distinct values in one column`);
      this.values.push(value);
      this.indexes.set(value, index);
    }
    return index;
  }

  get(index: number): T {
    // Indexes come from add(), so the value exists.
    return this.values[index] as T;
  }
}
