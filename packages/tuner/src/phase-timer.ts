/**
 * Wall-clock timing of the tuner's phases, written as `timing_report.csv`
 * (`phase_key, phase_name, start_wall_utc, elapsed_s`, then a TOTAL row).
 */
export interface PhaseTiming {
  readonly phase_key: string;
  readonly phase_name: string;
  readonly start_wall_utc: string;
  readonly elapsed_s: number;
}

export class PhaseTimer {
  readonly phases: PhaseTiming[] = [];
  private readonly started = Date.now();

  /** Runs `work` as one timed phase; the phase is recorded even when `work` throws. */
  async phase<T>(key: string, name: string, work: () => Promise<T>): Promise<T> {
    const start = Date.now();
    try {
      return await work();
    } finally {
      this.phases.push({
        phase_key: key,
        phase_name: name,
        start_wall_utc: new Date(start).toISOString(),
        elapsed_s: (Date.now() - start) / 1000,
      });
    }
  }

  csv(): string {
    const total: PhaseTiming = {
      phase_key: 'TOTAL',
      phase_name: 'Total',
      start_wall_utc: new Date(this.started).toISOString(),
      elapsed_s: (Date.now() - this.started) / 1000,
    };
    const lines = ['phase_key,phase_name,start_wall_utc,elapsed_s'];
    for (const p of [...this.phases, total]) {
      lines.push(`${p.phase_key},${p.phase_name},${p.start_wall_utc},${p.elapsed_s.toFixed(3)}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Parses a `timing_report.csv` back (the CLI's postflight table reads it). */
export function parseTimingReport(text: string): PhaseTiming[] {
  const [header, ...rows] = text.trim().split('\n');
  if (header !== 'phase_key,phase_name,start_wall_utc,elapsed_s') return [];
  return rows.map((row) => {
    const cells = row.split(',');
    return {
      phase_key: cells[0] ?? '',
      phase_name: cells.slice(1, -2).join(','),
      start_wall_utc: cells[cells.length - 2] ?? '',
      elapsed_s: Number(cells[cells.length - 1]),
    };
  });
}
