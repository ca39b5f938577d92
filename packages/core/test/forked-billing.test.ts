import { BillingAccumulator, ForkedBilling } from '../src/index.js';

describe('ForkedBilling (counterfactual replays)', () => {
  it('continues from the original without changing it', () => {
    const base = new BillingAccumulator();
    base.add(0, 10); // 60 s
    base.add(100, 200); // 100 s
    const fork = new ForkedBilling(base);
    expect(fork.billedSeconds()).toBe(160);
    fork.add(150, 230); // merges with [100, 200]: [100, 230] = 130 s
    expect(fork.billedSeconds()).toBe(190);
    fork.add(400, 410); // a new group: 60 s
    expect(fork.billedSeconds()).toBe(250);
    expect(base.billedSeconds()).toBe(160);
  });

  it('forks a fork, and answers "if added" without state change', () => {
    const base = new BillingAccumulator();
    base.add(0, 30);
    const first = new ForkedBilling(base);
    first.add(50, 90); // within the 60 s minimum of [0, 30]: [0, 90] = 90 s
    const second = new ForkedBilling(first);
    expect(second.billedSeconds()).toBe(90);
    expect(second.billedSecondsIfAdded(100, 200)).toBe(190); // a new 100 s group
    expect(second.billedSeconds()).toBe(90);
    second.add(80, 120); // extends [0, 90] to [0, 120]
    expect(second.billedSeconds()).toBe(120);
    expect(first.billedSeconds()).toBe(90);
  });
});
