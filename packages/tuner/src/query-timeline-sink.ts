/**
 * Collects the per-query outcome the spin-up optimizer needs straight from the control
 * plane's `completion` events (completion time and latency), so no structured log has to be
 * kept or read back.
 */
import type { ControlEvent, ControlEventSink, SloObjective, SloResolver } from '@autoslo/core';
import type { QueryTimeline } from './types.js';

const LATENCY = /"latency":\s*([-+0-9.eE]+)/;

function latencyOf(details: ControlEvent['details']): number {
  if (details === undefined) return Number.NaN;
  if (typeof details === 'string') return Number(LATENCY.exec(details)?.[1] ?? Number.NaN);
  const value = details.latency;
  return typeof value === 'number' ? value : Number.NaN;
}

export class QueryTimelineSink implements ControlEventSink {
  private readonly arrival: number[] = [];
  private readonly completion: number[] = [];
  private readonly violation: number[] = [];

  constructor(
    private readonly resolver: SloResolver,
    private readonly objective: SloObjective,
  ) {}

  record(event: ControlEvent): void {
    if (event.event_type !== 'completion') return;
    const latency = latencyOf(event.details);
    if (Number.isNaN(latency)) return;
    this.arrival.push(event.rel_time_s - latency);
    this.completion.push(event.rel_time_s);
    this.violation.push(
      this.objective.violation(latency, this.resolver.sloFor(event.query_text_id)),
    );
  }

  timeline(): QueryTimeline {
    return {
      arrivalS: Float64Array.from(this.arrival),
      completionS: Float64Array.from(this.completion),
      violation: Float64Array.from(this.violation),
    };
  }
}
