/**
 * Output files of a plot: `plots/<stem>.png` with its companions beside it, where the stem is
 * the manifest name, with `#live` appended for live runs (as the reference names them).
 */
import type { DataDir } from '@autoslo/config';

export interface PlotOutputs {
  readonly scatter: string;
  readonly bars: string;
  readonly csv: string;
  readonly tex: string;
  readonly timeline: string;
  readonly cdf: string;
  readonly clusters: string;
}

export function plotStem(name: string, live: boolean): string {
  return live ? `${name}#live` : name;
}

export function plotOutputs(dataDir: DataDir, stem: string): PlotOutputs {
  const png = dataDir.plot(stem);
  const base = png.slice(0, -'.png'.length);
  return {
    scatter: png,
    bars: `${base}_bars.png`,
    csv: `${base}.csv`,
    tex: `${base}.tex`,
    timeline: `${base}_timeline.png`,
    cdf: `${base}_cdf.png`,
    clusters: `${base}_clusters.png`,
  };
}

/** The reference's per-panel file stem: `<stem>#<title lower-cased, spaces to _>`. */
export function panelStem(stem: string, title: string | null): string {
  const slug = (title ?? 'panel')
    .toLowerCase()
    .replace(/\s+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${stem}#${slug}`;
}
