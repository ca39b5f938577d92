/**
 * Growable columns for the structured log: doubles in a typed array that doubles its
 * capacity, strings as dictionary codes. Millions of appends, no per-row objects.
 */

export class GrowableFloat64 {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  /** A view of the filled part (no copy). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Strings as Int32 codes into a dictionary; code -1 is null. */
export class DictionaryColumn {
  private codes: Int32Array;
  private readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  length = 0;

  constructor(capacity = 1024) {
    this.codes = new Int32Array(capacity);
  }

  /** The code of `value`, added to the dictionary if new. */
  codeOf(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }

  /** The code of `value` if it occurs, else -2 (never a row's code). */
  lookup(value: string): number {
    return this.index.get(value) ?? -2;
  }

  push(value: string | null | undefined): void {
    if (this.length === this.codes.length) {
      const next = new Int32Array(this.codes.length * 2);
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[this.length++] = value === null || value === undefined ? -1 : this.codeOf(value);
  }

  code(i: number): number {
    return this.codes[i] as number;
  }

  get(i: number): string | null {
    const code = this.codes[i] as number;
    return code < 0 ? null : (this.values[code] as string);
  }
}
