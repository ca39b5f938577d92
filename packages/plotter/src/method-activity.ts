/** Run activity grouped the way the timeline, CDF and cluster charts draw it. */
import type { RunActivity } from './run-activity.js';

export interface MethodActivity {
  readonly label: string;
  readonly formattingId: string;
  readonly activity: RunActivity;
}

export interface PanelActivity {
  readonly row: number | null;
  readonly col: number | null;
  readonly title: string | null;
  readonly methods: readonly MethodActivity[];
}

/** The longest run across panels, so every timeline shares one x range. */
export function longestDurationS(panels: readonly PanelActivity[]): number {
  const all = panels.flatMap((p) => p.methods.map((m) => m.activity.durationS));
  const max = all.length > 0 ? Math.max(...all) : 0;
  return max > 0 ? max : 600;
}
