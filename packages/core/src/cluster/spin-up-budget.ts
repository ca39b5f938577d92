/**
 * The cumulative `max_clusters` cap: every spin-up over the run counts, initial clusters
 * included. A part is reserved for scheduled spin-ups so they never fail:
 * `used + reserved + available = max`.
 */
export class SpinUpBudget {
  private usedCount = 0;
  private reservedCount: number;

  constructor(
    /** Cap on spin-ups over the run; Infinity = unlimited. */
    readonly max: number,
    reserved: number,
  ) {
    this.reservedCount = reserved;
  }

  get used(): number {
    return this.usedCount;
  }

  get reserved(): number {
    return this.reservedCount;
  }

  get available(): number {
    return Math.max(0, this.max - this.usedCount - this.reservedCount);
  }

  /** Initial clusters: counted, never refused. */
  useForced(): void {
    this.usedCount++;
  }

  /** An autoscaler spin-up: draws on the available part. @returns false when none is left. */
  tryUseAvailable(): boolean {
    if (this.available < 1) return false;
    this.usedCount++;
    return true;
  }

  /** A scheduled spin-up: draws on the reserved part (or the available part once it is spent). */
  useReserved(): boolean {
    if (this.reservedCount > 0) {
      this.reservedCount--;
      this.usedCount++;
      return true;
    }
    return this.tryUseAvailable();
  }

  /** A spin-up that never came up (provisioning failed): its slot is available again. */
  release(): void {
    if (this.usedCount > 0) this.usedCount--;
  }

  snapshot(): { used: number; reserved: number; available: number; max: number | null } {
    return {
      used: this.usedCount,
      reserved: this.reservedCount,
      available: this.available,
      max: Number.isFinite(this.max) ? this.max : null,
    };
  }
}
