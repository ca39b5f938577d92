/**
 * A closed-form stand-in for the simulator in the tuner's unit tests: each scenario's
 * metrics are a function of the config, so the tests can compute the right answers by hand.
 */
import type {
  EvaluationRequest,
  QueryTimeline,
  ScenarioRun,
  ScenarioSetEvaluator,
  ScenarioSetName,
  ScenarioSummary,
} from '../src/index.js';

export interface AnalyticOutcome {
  violation: number;
  cost: number;
  timeline?: QueryTimeline;
}

export class AnalyticEvaluator<C> implements ScenarioSetEvaluator<C> {
  readonly requests: EvaluationRequest<C>[] = [];
  runs = 0;

  constructor(
    private readonly counts: Record<ScenarioSetName, number>,
    private readonly outcome: (
      config: C,
      set: ScenarioSetName,
      scenario: number,
    ) => AnalyticOutcome,
  ) {}

  scenarioCount(set: ScenarioSetName): number {
    return this.counts[set];
  }

  async evaluate(request: EvaluationRequest<C>): Promise<ScenarioRun[][]> {
    this.requests.push(request);
    const scenarios =
      request.scenarios ?? Array.from({ length: this.counts[request.set] }, (_, i) => i);
    return request.configs.map((config) =>
      scenarios.map((s) => {
        this.runs += 1;
        const o = this.outcome(config, request.set, s);
        const summary: ScenarioSummary = {
          violation_rate: o.violation,
          violation_amount_s: o.violation * 10,
          violation_relative_mean: o.violation / 2,
          total_cost: o.cost,
        };
        const timeline = o.timeline ?? emptyTimeline();
        return { summary, dir: null, timeline: async () => timeline };
      }),
    );
  }
}

export function emptyTimeline(): QueryTimeline {
  return {
    arrivalS: new Float64Array(0),
    completionS: new Float64Array(0),
    violation: new Float64Array(0),
  };
}

/** A timeline from `[arrival, completion, violation]` triples. */
export function timelineOf(queries: readonly (readonly [number, number, number])[]): QueryTimeline {
  return {
    arrivalS: Float64Array.from(queries.map((q) => q[0])),
    completionS: Float64Array.from(queries.map((q) => q[1])),
    violation: Float64Array.from(queries.map((q) => q[2])),
  };
}
