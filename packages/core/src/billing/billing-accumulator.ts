/**
 * Incremental Redshift Serverless billing of one cluster. Busy windows are merged into
 * billed groups exactly as the batch algorithm does: sorted by start, a window joins the
 * current group when it starts at or before max(group start + 60, the group's latest end).
 *
 * Adding a window that starts at or after the latest group's start (the simulator's case:
 * busy windows arrive in time order), and asking "billed seconds if this window were
 * added", are O(1). An earlier window is also handled exactly: because the 60 s minimum
 * is measured from a group's start, moving a start can split or join later groups, so the
 * raw windows are kept and the affected groups are re-merged from them.
 */
import { BILLING_MINIMUM_S, billedDuration } from './billing-rules.js';

/** One billed group: `[start_s, end_s)` with `end_s = start_s + billed_s`. */
export interface BilledInterval {
  readonly start_s: number;
  readonly end_s: number;
  readonly billed_s: number;
}

interface Group {
  start: number;
  rawEnd: number;
  /** Index of its first raw window, in the numbering after the planned insertion. */
  first: number;
}

interface MergePlan {
  insertAt: number;
  firstGroup: number;
  /** Old groups [firstGroup, endGroup) are replaced by `groups`. */
  endGroup: number;
  groups: Group[];
  delta: number;
}

export class BillingAccumulator {
  /** Raw windows sorted by start. */
  private readonly rawStarts: number[] = [];
  private readonly rawEnds: number[] = [];
  /** Billed groups, ascending by start. */
  private readonly groupStarts: number[] = [];
  private readonly groupRawEnds: number[] = [];
  private readonly groupFirst: number[] = [];
  private total = 0;

  /** Total billed seconds so far. */
  billedSeconds(): number {
    return this.total;
  }

  /** Number of billed groups so far. */
  get numIntervals(): number {
    return this.groupStarts.length;
  }

  /** Adds a busy window `[start, end]` (seconds). */
  add(start: number, end: number): void {
    checkWindow(start, end);
    const last = this.groupStarts.length - 1;
    if (last < 0 || start >= (this.groupStarts[last] as number)) {
      this.insertRaw(start, end);
      if (last >= 0 && start <= this.extendedEnd(last)) {
        const before = this.billedOf(last);
        this.groupRawEnds[last] = Math.max(this.groupRawEnds[last] as number, end);
        this.total += this.billedOf(last) - before;
      } else {
        this.groupStarts.push(start);
        this.groupRawEnds.push(end);
        this.groupFirst.push(this.rawStarts.length - 1);
        this.total += billedDuration(start, end);
      }
      return;
    }
    const plan = this.planRemerge(start, end);
    this.rawStarts.splice(plan.insertAt, 0, start);
    this.rawEnds.splice(plan.insertAt, 0, end);
    const removed = plan.endGroup - plan.firstGroup;
    this.groupStarts.splice(plan.firstGroup, removed, ...plan.groups.map((g) => g.start));
    this.groupRawEnds.splice(plan.firstGroup, removed, ...plan.groups.map((g) => g.rawEnd));
    this.groupFirst.splice(plan.firstGroup, removed, ...plan.groups.map((g) => g.first));
    for (let g = plan.firstGroup + plan.groups.length; g < this.groupFirst.length; g++) {
      this.groupFirst[g] = (this.groupFirst[g] as number) + 1;
    }
    this.total += plan.delta;
  }

  /** Billed seconds if `[start, end]` were added; the state is left unchanged. */
  billedSecondsIfAdded(start: number, end: number): number {
    checkWindow(start, end);
    const last = this.groupStarts.length - 1;
    if (last < 0 || start >= (this.groupStarts[last] as number)) {
      if (last >= 0 && start <= this.extendedEnd(last)) {
        const merged = billedDuration(
          this.groupStarts[last] as number,
          Math.max(this.groupRawEnds[last] as number, end),
        );
        return this.total - this.billedOf(last) + merged;
      }
      return this.total + billedDuration(start, end);
    }
    return this.total + this.planRemerge(start, end).delta;
  }

  /** The billed groups so far, in time order. */
  intervals(): BilledInterval[] {
    return this.groupStarts.map((start, i) => {
      const billed = this.billedOf(i);
      return { start_s: start, end_s: start + billed, billed_s: billed };
    });
  }

  /** The latest billed group (the only one a later in-order window can still merge with), in O(1). */
  lastInterval(): BilledInterval | undefined {
    const last = this.groupStarts.length - 1;
    if (last < 0) return undefined;
    const start = this.groupStarts[last] as number;
    const billed = this.billedOf(last);
    return { start_s: start, end_s: start + billed, billed_s: billed };
  }

  private extendedEnd(g: number): number {
    return Math.max(
      this.groupRawEnds[g] as number,
      (this.groupStarts[g] as number) + BILLING_MINIMUM_S,
    );
  }

  private billedOf(g: number): number {
    return billedDuration(this.groupStarts[g] as number, this.groupRawEnds[g] as number);
  }

  /** Keeps raw windows sorted by start; in-order windows are a push. */
  private insertRaw(start: number, end: number): void {
    const n = this.rawStarts.length;
    if (n === 0 || start >= (this.rawStarts[n - 1] as number)) {
      this.rawStarts.push(start);
      this.rawEnds.push(end);
      return;
    }
    const at = upperBound(this.rawStarts, start);
    this.rawStarts.splice(at, 0, start);
    this.rawEnds.splice(at, 0, end);
  }

  /**
   * Re-merges from the group the new window falls into, over the raw windows with the new
   * one virtually inserted, until a new group starts where an old group started after the
   * insertion point (from there on nothing changes).
   */
  private planRemerge(start: number, end: number): MergePlan {
    const insertAt = upperBound(this.rawStarts, start);
    const firstGroup = Math.max(0, upperBound(this.groupStarts, start) - 1);
    const numGroups = this.groupStarts.length;
    const total = this.rawStarts.length + 1;
    let v = numGroups === 0 ? 0 : Math.min(this.groupFirst[firstGroup] as number, insertAt);
    let nextOld = firstGroup; // next old group whose first raw window we may meet
    const groups: Group[] = [];
    let current: Group | null = null;
    let endGroup = numGroups;
    for (; v < total; v++) {
      const old = v < insertAt ? v : v - 1;
      const ws = v === insertAt ? start : (this.rawStarts[old] as number);
      const we = v === insertAt ? end : (this.rawEnds[old] as number);
      const isOldGroupStart =
        v !== insertAt && nextOld < numGroups && this.groupFirst[nextOld] === old;
      if (isOldGroupStart) nextOld++;
      if (current !== null && ws <= Math.max(current.rawEnd, current.start + BILLING_MINIMUM_S)) {
        current.rawEnd = Math.max(current.rawEnd, we);
        continue;
      }
      if (current !== null) {
        groups.push(current);
        if (isOldGroupStart && v > insertAt) {
          endGroup = nextOld - 1;
          current = null;
          break;
        }
      }
      current = { start: ws, rawEnd: we, first: v };
    }
    if (current !== null) groups.push(current);
    let delta = 0;
    for (const g of groups) delta += billedDuration(g.start, g.rawEnd);
    for (let g = firstGroup; g < endGroup; g++) delta -= this.billedOf(g);
    return { insertAt, firstGroup, endGroup, groups, delta };
  }
}

/** First index whose value is greater than `x` (values ascending). */
function upperBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkWindow(start: number, end: number): void {
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    throw new RangeError(`a billing window needs finite start <= end, got [${start}, ${end}]`);
  }
}
