/**
 * Per-query SLOs: `slo_dict[template] × tightening`, falling back to `slo_s × tightening`
 * when the template is missing or the id cannot be parsed (reference `SloResolver`).
 */
import { isAbsolute, join } from 'node:path';
import { InputError } from '@autoslo/config';
import { readSloTableFile, type SloTable } from './slo-table-file.js';
import { templateIdOf } from './template-id.js';

/** Default SLO in seconds for templates missing from the table (reference default). */
export const DEFAULT_SLO_S = 10;

/**
 * The `slo_resolver_config` section as written in execution configs; structurally the
 * same as `SloResolverConfig` from `@autoslo/config`.
 */
export interface SloResolverSettings {
  readonly slo_s?: number;
  readonly slo_dict_filename?: string | null;
  readonly slo_tightening_factor?: number;
}

/**
 * The SLO table file `slo_dict_filename` names: `<dataDir>/slos/<name>`, or the name itself
 * when absolute; null when the config names none.
 */
export function sloTableFileOf(config: SloResolverSettings, dataDir: string): string | null {
  const filename = config.slo_dict_filename;
  if (filename === null || filename === undefined || filename === '') return null;
  return isAbsolute(filename) ? filename : join(dataDir, 'slos', filename);
}

export interface SloResolverInit {
  /** Default SLO (seconds) before tightening. */
  readonly sloS?: number;
  /** Template id ('042') -> SLO seconds before tightening. */
  readonly sloDict?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  /** Scales every SLO, the default included. Must be > 0. */
  readonly tighteningFactor?: number;
}

export class SloResolver {
  readonly sloS: number;
  readonly tighteningFactor: number;
  readonly sloDict: ReadonlyMap<string, number>;
  /** query_text_id -> resolved SLO; the simulator asks once per query. */
  private readonly cache = new Map<string, number>();

  constructor(init: SloResolverInit = {}) {
    const sloS = init.sloS ?? DEFAULT_SLO_S;
    const factor = init.tighteningFactor ?? 1;
    // slo_s: 0 is allowed (the reference's own plotting manifests use it): every query of a
    // template missing from the table then violates.
    if (!(sloS >= 0) || !Number.isFinite(sloS)) {
      throw new InputError({
        path: 'slo_resolver_config.slo_s',
        message: 'must be a number >= 0',
        received: String(sloS),
      });
    }
    if (!(factor > 0) || !Number.isFinite(factor)) {
      throw new InputError({
        path: 'slo_resolver_config.slo_tightening_factor',
        message: 'must be a positive number',
        received: String(factor),
      });
    }
    this.sloS = sloS;
    this.tighteningFactor = factor;
    const dict = init.sloDict ?? new Map<string, number>();
    const normalised = new Map<string, number>();
    const entries = dict instanceof Map ? dict.entries() : Object.entries(dict);
    for (const [key, value] of entries) {
      const template = templateIdOf(key);
      if (template !== null) normalised.set(template, value);
    }
    this.sloDict = normalised;
  }

  /**
   * Builds the resolver of an execution config's `slo_resolver_config`, reading the table
   * it names (see {@link sloTableFileOf}). Synchronous, so it can run in constructors and
   * worker threads.
   * @throws InputError when the table is missing or malformed, or a value is out of range.
   */
  static fromConfig(config: SloResolverSettings, dataDir: string): SloResolver {
    const file = sloTableFileOf(config, dataDir);
    return SloResolver.fromTable(config, file === null ? null : readSloTableFile(file));
  }

  /** The resolver of `config` over a table already read (null: no table, `slo_s` for all). */
  static fromTable(config: SloResolverSettings, table: SloTable | null): SloResolver {
    return new SloResolver({
      ...(config.slo_s !== undefined ? { sloS: config.slo_s } : {}),
      ...(table !== null ? { sloDict: table.sloDict } : {}),
      ...(config.slo_tightening_factor !== undefined
        ? { tighteningFactor: config.slo_tightening_factor }
        : {}),
    });
  }

  /** A copy with a different tightening factor (replaces, does not multiply). */
  tightened(factor: number): SloResolver {
    return new SloResolver({ sloS: this.sloS, sloDict: this.sloDict, tighteningFactor: factor });
  }

  /** The SLO in seconds of a query, tightening included. Cached per query text id. */
  sloFor(queryTextId: string | null | undefined): number {
    if (queryTextId === null || queryTextId === undefined) return this.sloS * this.tighteningFactor;
    const cached = this.cache.get(queryTextId);
    if (cached !== undefined) return cached;
    const slo = this.sloForTemplate(templateIdOf(queryTextId));
    this.cache.set(queryTextId, slo);
    return slo;
  }

  /** The SLO of a template id ('042'), tightening included; null gives the default. */
  sloForTemplate(template: string | null): number {
    const base = template === null ? undefined : this.sloDict.get(template);
    return (base ?? this.sloS) * this.tighteningFactor;
  }

  /** Whether the template has its own entry in the table. */
  hasTemplate(template: string): boolean {
    return this.sloDict.has(template);
  }
}
