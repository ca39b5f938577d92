/**
 * Turns workload rows into the control plane's `QueryArrival`s, one at a time as the
 * event loop reaches them: SLOs from the resolver, `S_ref` from the row / profile / SLO
 * table / default, seeded noise per sequence index.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  type ControlPlaneConfig,
  type LatencyModelSettings,
  noiseFactor,
  type QueryArrival,
  ReferenceServiceTimes,
  readSloTableFile,
  SloResolver,
  type SloResolverSettings,
} from '@autoslo/core';

/** The workload as the simulator needs it (structurally `LoadedWorkload` of @autoslo/workload). */
export interface SimulationWorkload {
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

export interface SimulationConfig extends ControlPlaneConfig {
  readonly slo_resolver_config?: SloResolverSettings;
}

interface TextInfo {
  readonly sloS: number;
  readonly triggerSloS: number;
  readonly refS: number;
}

/** Without a table multiplier, a template's SLO is taken as this many times its latency. */
const DEFAULT_SLO_HEADROOM = 2;

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function profilePath(filename: string, dataDir: string): string {
  if (isAbsolute(filename)) return filename;
  const inSlos = join(dataDir, 'slos', filename);
  return existsSync(inSlos) ? inSlos : join(dataDir, 'profiles', filename);
}

export class SimulationQueries {
  readonly resolver: SloResolver;
  readonly triggerResolver: SloResolver;
  private readonly serviceTimes: ReferenceServiceTimes;
  private readonly byText = new Map<string, TextInfo>();

  constructor(
    config: SimulationConfig,
    private readonly workload: SimulationWorkload,
    private readonly model: LatencyModelSettings,
    triggerTighteningFactor: number,
    dataDir: string,
  ) {
    const resolverConfig = config.slo_resolver_config ?? {};
    this.resolver = SloResolver.fromConfig(resolverConfig, dataDir);
    this.triggerResolver = this.resolver.tightened(triggerTighteningFactor);
    let multiplier = DEFAULT_SLO_HEADROOM;
    const tableName = resolverConfig.slo_dict_filename;
    if (tableName) {
      const file = isAbsolute(tableName) ? tableName : join(dataDir, 'slos', tableName);
      multiplier = numberOr(readSloTableFile(file).header.multiplier, 1);
    }
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
