/**
 * What the demo reports: per method its violation and cost, whether it meets the threshold,
 * and the headline method's saving against the cheapest static baseline and the cheapest peer
 * system's autoscaler that meet it.
 */
import { isFeasible } from '@autoslo/core';

export interface MethodResult {
  readonly label: string;
  /** Aggregated SLO violation (the violation rate for the binary metric). */
  readonly violation: number;
  /** Total cost in dollars. */
  readonly cost: number;
  /** A fixed set of clusters: no autoscaling and no scheduled spin-ups. */
  readonly isStatic: boolean;
  /** A peer system's scaling rule (Snowflake, Redshift, Databricks), not AutoSLO's. */
  readonly isPeer?: boolean;
  readonly runDir: string;
}

export interface ScoredMethod extends MethodResult {
  readonly meets: boolean;
}

export interface Saving {
  readonly baseline: string;
  readonly baselineCost: number;
  readonly cost: number;
  readonly dollars: number;
  /** Share of the baseline's cost saved, in [.., 1]; negative when the method costs more. */
  readonly fraction: number;
}

export interface DemoFindings {
  readonly threshold: number;
  readonly methods: readonly ScoredMethod[];
  /** The method the demo is about (the plot's improvement-arrow target), if present. */
  readonly headline: ScoredMethod | null;
  readonly cheapestStaticMeeting: ScoredMethod | null;
  /** Null unless both the headline method and a static baseline meet the threshold. */
  readonly saving: Saving | null;
  readonly cheapestPeerMeeting: ScoredMethod | null;
  /** Null unless both the headline method and a peer autoscaler meet the threshold. */
  readonly savingVsPeer: Saving | null;
}

function cheapestMeeting(
  methods: readonly ScoredMethod[],
  include: (m: ScoredMethod) => boolean,
): ScoredMethod | null {
  let best: ScoredMethod | null = null;
  for (const m of methods) {
    if (include(m) && m.meets && (!best || m.cost < best.cost)) best = m;
  }
  return best;
}

function savingAgainst(
  headline: ScoredMethod | null,
  baseline: ScoredMethod | null,
): Saving | null {
  return headline?.meets && baseline && baseline.cost > 0
    ? {
        baseline: baseline.label,
        baselineCost: baseline.cost,
        cost: headline.cost,
        dollars: baseline.cost - headline.cost,
        fraction: 1 - headline.cost / baseline.cost,
      }
    : null;
}

export function demoFindings(
  methods: readonly MethodResult[],
  threshold: number,
  headlineLabel: string | null,
): DemoFindings {
  const scored = methods.map((m) => ({ ...m, meets: isFeasible(m.violation, threshold) }));
  const headline = scored.find((m) => m.label === headlineLabel) ?? null;
  const cheapestStaticMeeting = cheapestMeeting(scored, (m) => m.isStatic);
  const cheapestPeerMeeting = cheapestMeeting(scored, (m) => m.isPeer === true);
  return {
    threshold,
    methods: scored,
    headline,
    cheapestStaticMeeting,
    saving: savingAgainst(headline, cheapestStaticMeeting),
    cheapestPeerMeeting,
    savingVsPeer: savingAgainst(headline, cheapestPeerMeeting),
  };
}
