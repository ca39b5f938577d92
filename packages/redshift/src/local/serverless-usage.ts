/**
 * SYS_SERVERLESS_USAGE from what a workgroup executed, with the billing rule of
 * platform-facts.md §6 (the one the simulator uses): busy intervals are merged into groups,
 * a group lasts at least 60 s, and an interval starting before a group's (extended) end
 * joins it; a group bills max(60, ceil(end - start)) seconds at the workgroup's RPU.
 * The billed seconds of a group run from its start (floored to the second) and are split
 * over the calendar minutes they fall in, one row per minute.
 */

export const BILLING_MINIMUM_S = 60;

/** A statement's execution on a workgroup, epoch milliseconds, at that time's capacity. */
export interface BusyInterval {
  readonly startMs: number;
  readonly endMs: number;
  readonly rpu: number;
}

export interface ServerlessUsageRow {
  /** Minute start, epoch ms. */
  readonly startMs: number;
  readonly endMs: number;
  /** RPU-seconds of actual execution in the minute (overlapping statements counted once). */
  readonly computeSeconds: number;
  /** RPUs of the workgroup in the minute. */
  readonly computeCapacity: number;
  /** Billed RPU-seconds in the minute: cost = sum / 3600 x price per RPU-hour. */
  readonly chargedSeconds: number;
}

interface BillingGroup {
  startS: number;
  endS: number;
  rpu: number;
}

/** Groups of the billing rule, in seconds. */
export function billingGroups(intervals: readonly BusyInterval[]): BillingGroup[] {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const groups: BillingGroup[] = [];
  let open: BillingGroup | null = null;
  for (const iv of sorted) {
    const start = iv.startMs / 1000;
    const end = iv.endMs / 1000;
    if (open && start <= open.endS) {
      open.endS = Math.max(open.endS, end);
      open.rpu = Math.max(open.rpu, iv.rpu);
    } else {
      if (open) groups.push(open);
      open = { startS: start, endS: Math.max(end, start + BILLING_MINIMUM_S), rpu: iv.rpu };
    }
  }
  if (open) groups.push(open);
  return groups;
}

/** Billed seconds of one group: at least the minimum, whole seconds. */
export function billedSecondsOf(group: { startS: number; endS: number }): number {
  return Math.max(BILLING_MINIMUM_S, Math.ceil(group.endS - group.startS - 1e-9));
}

function addOverlap(into: Map<number, number>, startS: number, endS: number, weight: number): void {
  for (let minute = Math.floor(startS / 60) * 60; minute < endS; minute += 60) {
    const overlap = Math.min(endS, minute + 60) - Math.max(startS, minute);
    if (overlap > 0) into.set(minute, (into.get(minute) ?? 0) + overlap * weight);
  }
}

/** Per-minute usage rows, ascending by minute, only minutes with compute or charge. */
export function serverlessUsageRows(intervals: readonly BusyInterval[]): ServerlessUsageRow[] {
  const charged = new Map<number, number>();
  const capacity = new Map<number, number>();
  for (const group of billingGroups(intervals)) {
    const start = Math.floor(group.startS);
    const end = start + billedSecondsOf(group);
    addOverlap(charged, start, end, group.rpu);
    for (let m = Math.floor(start / 60) * 60; m < end; m += 60) {
      capacity.set(m, Math.max(capacity.get(m) ?? 0, group.rpu));
    }
  }
  // Compute seconds count the union of busy time, so overlapping statements count once.
  const compute = new Map<number, number>();
  for (const group of unionOf(intervals)) {
    addOverlap(compute, group.startS, group.endS, group.rpu);
  }
  const minutes = [...new Set([...charged.keys(), ...compute.keys()])].sort((a, b) => a - b);
  return minutes.map((m) => ({
    startMs: m * 1000,
    endMs: (m + 60) * 1000,
    computeSeconds: round6(compute.get(m) ?? 0),
    computeCapacity: capacity.get(m) ?? 0,
    chargedSeconds: round6(charged.get(m) ?? 0),
  }));
}

function unionOf(intervals: readonly BusyInterval[]): BillingGroup[] {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs);
  const out: BillingGroup[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.startMs / 1000 <= last.endS) {
      last.endS = Math.max(last.endS, iv.endMs / 1000);
      last.rpu = Math.max(last.rpu, iv.rpu);
    } else {
      out.push({ startS: iv.startMs / 1000, endS: iv.endMs / 1000, rpu: iv.rpu });
    }
  }
  return out;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
