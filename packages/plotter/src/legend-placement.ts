/**
 * matplotlib legend locations (`upper right`, `center left`, `best`, ...) inside the axes. The
 * legend is drawn in the plot area as matplotlib does, so a panel with a legend keeps the same
 * plot area as its neighbours in a grid with shared axes.
 */
export type LegendVertical = 'upper' | 'center' | 'lower';
export type LegendHorizontal = 'left' | 'center' | 'right';

export interface LegendLocation {
  readonly vertical: LegendVertical;
  readonly horizontal: LegendHorizontal;
}

/** `null` = no legend; `'best'` = the least crowded location, chosen once points are placed. */
export function legendLocation(showLegend: boolean | string): LegendLocation | 'best' | null {
  if (showLegend === false || showLegend === '') return null;
  const loc = typeof showLegend === 'string' ? showLegend.trim().toLowerCase() : 'best';
  if (loc === 'best') return 'best';
  if (loc === 'right') return { vertical: 'center', horizontal: 'right' };
  if (loc === 'center') return { vertical: 'center', horizontal: 'center' };
  const [first = '', second = ''] = loc.split(/\s+/);
  const vertical: LegendVertical =
    first === 'upper' ? 'upper' : first === 'lower' ? 'lower' : 'center';
  const horizontal: LegendHorizontal =
    second === 'left' ? 'left' : second === 'right' ? 'right' : 'center';
  return { vertical, horizontal };
}

/**
 * Candidates for `best` in matplotlib's order, without `lower right`, where the "[Simulated]"
 * note sits.
 */
export const BEST_CANDIDATES: readonly LegendLocation[] = [
  { vertical: 'upper', horizontal: 'right' },
  { vertical: 'upper', horizontal: 'left' },
  { vertical: 'lower', horizontal: 'left' },
  { vertical: 'center', horizontal: 'right' },
  { vertical: 'center', horizontal: 'left' },
  { vertical: 'lower', horizontal: 'center' },
  { vertical: 'upper', horizontal: 'center' },
  { vertical: 'center', horizontal: 'center' },
];
