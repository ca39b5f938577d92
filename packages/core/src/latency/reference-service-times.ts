/**
 * Where a query's reference service time `S_ref(q)` (isolated latency at the reference
 * RPU) comes from, in order: the workload row, a latency profile, the SLO table divided
 * by its multiplier, a configured default.
 */
import { templateIdOf } from '../slo/template-id.js';

export interface ReferenceServiceTimeSources {
  /** Per template ('042'): isolated latency at the reference RPU, from a latency profile. */
  readonly profile?: ReadonlyMap<string, number>;
  /** Per template: SLO table values (untightened) ... */
  readonly sloTable?: ReadonlyMap<string, number>;
  /** ... and the table's multiplier (kappa), so `slo / multiplier` is the measured baseline. */
  readonly sloMultiplier?: number;
  /** Used when nothing else knows the template. */
  readonly defaultS: number;
}

/** Resolves `S_ref` per query text id, caching per template. */
export class ReferenceServiceTimes {
  private readonly cache = new Map<string, number>();

  constructor(private readonly sources: ReferenceServiceTimeSources) {}

  /**
   * `S_ref` of a query: `rowLatencyS` when it is a positive number (the workload's own
   * isolated latency), else the template's profile, SLO-table or default value.
   */
  of(queryTextId: string, rowLatencyS = Number.NaN): number {
    if (rowLatencyS > 0) return rowLatencyS;
    const cached = this.cache.get(queryTextId);
    if (cached !== undefined) return cached;
    const value = this.forTemplate(templateIdOf(queryTextId));
    this.cache.set(queryTextId, value);
    return value;
  }

  private forTemplate(template: string | null): number {
    const { profile, sloTable, sloMultiplier, defaultS } = this.sources;
    if (template === null) return defaultS;
    const fromProfile = profile?.get(template);
    if (fromProfile !== undefined && fromProfile > 0) return fromProfile;
    const slo = sloTable?.get(template);
    if (slo !== undefined && slo > 0) return slo / (sloMultiplier ?? 1);
    return defaultS;
  }
}
