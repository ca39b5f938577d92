import { ClusterPool, DEFAULT_LATENCY_MODEL, SpinUpBudget } from '../src/index.js';
import { runningQuery as q } from './running-query.js';

describe('SpinUpBudget', () => {
  it('keeps used + reserved + available = max, and reserves for scheduled spin-ups', () => {
    const b = new SpinUpBudget(3, 1);
    b.useForced(); // an initial cluster
    expect(b.snapshot()).toEqual({ used: 1, reserved: 1, available: 1, max: 3 });
    expect(b.tryUseAvailable()).toBe(true);
    expect(b.tryUseAvailable()).toBe(false);
    expect(b.useReserved()).toBe(true);
    expect(b.snapshot()).toEqual({ used: 3, reserved: 0, available: 0, max: 3 });
  });
});

describe('ClusterPool', () => {
  const pool = () =>
    new ClusterPool(DEFAULT_LATENCY_MODEL, new SpinUpBudget(Number.POSITIVE_INFINITY, 0));

  it('names clusters by RPU and counter; only READY clusters route, sorted by name', () => {
    const p = pool();
    p.addInitial(32, 0);
    p.addInitial(16, 0);
    const pending = p.requestSpinUp(8, 5, false);
    expect(pending?.state).toBe('PENDING');
    expect(p.ready().map((c) => c.name)).toEqual(['autoslo-16-sim-001', 'autoslo-32-sim-000']);
    p.markReady('autoslo-8-sim-002', 305);
    expect(p.ready().map((c) => c.name)).toContain('autoslo-8-sim-002');
  });

  it('never tears down the last READY cluster unless forced', () => {
    const p = pool();
    const only = p.addInitial(16, 0);
    expect(p.requestTeardown(only.name, 100)).toBe('blocked');
    expect(p.requestTeardown(only.name, 100, true)).toBe('removed');
  });

  it('drains a busy cluster: no new routing, removed when its last query finishes', () => {
    const p = pool();
    const a = p.addInitial(16, 0);
    p.addInitial(16, 0);
    const query = q(1, 10, 30);
    a.place(query, 10);
    expect(p.requestTeardown(a.name, 20)).toBe('draining');
    expect(p.ready().map((c) => c.name)).toEqual(['autoslo-16-sim-001']);
    expect(p.settleDraining(a, 25)).toBe(false);
    a.finish(query, 40);
    expect(p.settleDraining(a, 40)).toBe(true);
    expect(a.state).toBe('REMOVED');
    // Busy window [10, 40] billed at the 60 s minimum.
    expect(a.billing.billedSeconds()).toBe(60);
  });

  it('bills the drain cost of an open window as if it closed at the drain end', () => {
    const p = pool();
    const a = p.addInitial(16, 0);
    a.place(q(1, 0, 100), 0);
    expect(a.billedSecondsUntilDrained(100)).toBe(100);
    expect(a.billedSecondsUntilDrained(30)).toBe(60);
  });
});
