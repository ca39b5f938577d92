/**
 * Collects the per-query outcome the spin-up optimizer needs straight from the control
 * plane's `arrival` and `completion` events (paired by query id, as the structured log's
 * reader does), so no log has to be kept or read back.
 */
import type { ControlEvent, ControlEventSink, SloObjective, SloResolver } from '@autoslo/core';
import type { QueryTimeline } from './types.js';

export class QueryTimelineSink implements ControlEventSink {
  private readonly arrivals = new Map<number, number>();
  private readonly arrival: number[] = [];
  private readonly completion: number[] = [];
  private readonly violation: number[] = [];

  constructor(
    private readonly resolver: SloResolver,
    private readonly objective: SloObjective,
  ) {}

  record(event: ControlEvent): void {
    if (event.query_id === undefined) return;
    if (event.event_type === 'arrival') {
      this.arrivals.set(event.query_id, event.rel_time_s);
      return;
    }
    if (event.event_type !== 'completion') return;
    const arrivalS = this.arrivals.get(event.query_id);
    if (arrivalS === undefined) return;
    this.arrivals.delete(event.query_id);
    const latency = event.rel_time_s - arrivalS;
    this.arrival.push(arrivalS);
    this.completion.push(event.rel_time_s);
    this.violation.push(
      this.objective.violation(latency, this.resolver.sloFor(event.query_text_id)),
    );
  }

  /** Completed queries in completion order (the epoch sweep sorts events itself). */
  timeline(): QueryTimeline {
    return {
      arrivalS: Float64Array.from(this.arrival),
      completionS: Float64Array.from(this.completion),
      violation: Float64Array.from(this.violation),
    };
  }
}
