/**
 * Turns workload rows into the control plane's `QueryArrival`s, one at a time as a driver
 * (the simulator's event loop, the wall-clock replay) reaches them: SLOs from the resolver, `S_ref` from the row / profile / SLO
 * table / default, seeded noise per sequence index.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { LatencyModelSettings } from '../latency/latency-model-settings.js';
import { ReferenceServiceTimes } from '../latency/reference-service-times.js';
import { noiseFactor } from '../latency/service-noise.js';
import { SloResolver, type SloResolverSettings, sloTableFileOf } from '../slo/slo-resolver.js';
import { readSloTableFile } from '../slo/slo-table-file.js';
import type { ControlPlaneConfig } from './control-plane-config.js';
import type { QueryArrival } from './query-arrival.js';

/** The workload as drivers need it (structurally `LoadedWorkload` of @autoslo/workload). */
export interface ArrivalWorkload {
  readonly id: string;
  readonly name: string;
  readonly trace: {
    readonly length: number;
    readonly queryId: Float64Array;
    readonly queryTextId: readonly string[];
    readonly isolatedLatencyS: Float64Array | null;
  };
  /** Seconds since the start, rescaled, ascending. */
  readonly relStartS: Float64Array;
}

/** The config parts arrivals are built from (structurally `ExecutionConfig`). */
export interface ArrivalConfig extends ControlPlaneConfig {
  readonly slo_resolver_config?: SloResolverSettings;
}

interface TextInfo {
  readonly sloS: number;
  readonly triggerSloS: number;
  readonly refS: number;
}

/** Without a table multiplier, a template's SLO is taken as this many times its latency. */
const DEFAULT_SLO_HEADROOM = 2;

function profilePath(filename: string, dataDir: string): string {
  if (isAbsolute(filename)) return filename;
  const inSlos = join(dataDir, 'slos', filename);
  return existsSync(inSlos) ? inSlos : join(dataDir, 'profiles', filename);
}

export class WorkloadArrivals {
  readonly resolver: SloResolver;
  readonly triggerResolver: SloResolver;
  private readonly serviceTimes: ReferenceServiceTimes;
  private readonly byText = new Map<string, TextInfo>();

  constructor(
    config: ArrivalConfig,
    private readonly workload: ArrivalWorkload,
    private readonly model: LatencyModelSettings,
    triggerTighteningFactor: number,
    dataDir: string,
  ) {
    const resolverConfig = config.slo_resolver_config ?? {};
    // The table is read once: the resolver's SLOs and its header's multiplier.
    const tableFile = sloTableFileOf(resolverConfig, dataDir);
    const table = tableFile === null ? null : readSloTableFile(tableFile);
    this.resolver = SloResolver.fromTable(resolverConfig, table);
    this.triggerResolver = this.resolver.tightened(triggerTighteningFactor);
    const multiplier = table === null ? DEFAULT_SLO_HEADROOM : (table.header.multiplier ?? 1);
    const profile = model.profileFilename
      ? readSloTableFile(profilePath(model.profileFilename, dataDir)).sloDict
      : undefined;
    this.serviceTimes = new ReferenceServiceTimes({
      ...(profile ? { profile } : {}),
      sloTable: this.resolver.sloDict,
      sloMultiplier: multiplier,
      defaultS: model.defaultIsolatedLatencyS ?? this.resolver.sloS / multiplier,
    });
  }

  get length(): number {
    return this.workload.trace.length;
  }

  /** SLOs and `S_ref` of a query text, looked up once per distinct text. */
  private textInfo(text: string): TextInfo {
    let info = this.byText.get(text);
    if (info === undefined) {
      info = {
        sloS: this.resolver.sloFor(text),
        triggerSloS: this.triggerResolver.sloFor(text),
        refS: this.serviceTimes.of(text),
      };
      this.byText.set(text, info);
    }
    return info;
  }

  /**
   * An arrival of template `text` outside the workload (a statement a gateway received):
   * the template's SLOs and `S_ref`; a template the SLO table does not know gets the
   * default SLO.
   */
  templateArrival(text: string, index: number, queryId: number, arrivalS: number): QueryArrival {
    const info = this.textInfo(text);
    return {
      index,
      queryId,
      queryTextId: text,
      arrivalS,
      sloS: info.sloS,
      triggerSloS: info.triggerSloS,
      refServiceS: info.refS,
      noiseFactor: noiseFactor(this.model.noiseCv, this.model.noiseSeed, index),
    };
  }

  arrival(i: number): QueryArrival {
    const trace = this.workload.trace;
    const text = trace.queryTextId[i] as string;
    const rowLatency = trace.isolatedLatencyS ? (trace.isolatedLatencyS[i] as number) : Number.NaN;
    const info = this.textInfo(text);
    return {
      index: i,
      queryId: trace.queryId[i] as number,
      queryTextId: text,
      arrivalS: this.workload.relStartS[i] as number,
      sloS: info.sloS,
      triggerSloS: info.triggerSloS,
      refServiceS: rowLatency > 0 ? rowLatency : info.refS,
      noiseFactor: noiseFactor(this.model.noiseCv, this.model.noiseSeed, i),
    };
  }
}
