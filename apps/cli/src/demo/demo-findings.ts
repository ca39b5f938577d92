/**
 * What the demo reports: per method its violation and cost, whether it meets the threshold,
 * and the headline method's saving against the cheapest static baseline that meets it.
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
}

export function demoFindings(
  methods: readonly MethodResult[],
  threshold: number,
  headlineLabel: string | null,
): DemoFindings {
  const scored = methods.map((m) => ({ ...m, meets: isFeasible(m.violation, threshold) }));
  const headline = scored.find((m) => m.label === headlineLabel) ?? null;
  let cheapestStaticMeeting: ScoredMethod | null = null;
  for (const m of scored) {
    if (m.isStatic && m.meets && (!cheapestStaticMeeting || m.cost < cheapestStaticMeeting.cost)) {
      cheapestStaticMeeting = m;
    }
  }
  const saving =
    headline?.meets && cheapestStaticMeeting && cheapestStaticMeeting.cost > 0
      ? {
          baseline: cheapestStaticMeeting.label,
          baselineCost: cheapestStaticMeeting.cost,
          cost: headline.cost,
          dollars: cheapestStaticMeeting.cost - headline.cost,
          fraction: 1 - headline.cost / cheapestStaticMeeting.cost,
        }
      : null;
  return { threshold, methods: scored, headline, cheapestStaticMeeting, saving };
}
