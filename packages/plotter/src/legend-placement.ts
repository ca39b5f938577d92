/** matplotlib legend locations (`upper right`, `best`, ...) mapped onto chart.js's legend box. */
export interface LegendPlacement {
  readonly display: boolean;
  readonly position: 'top' | 'bottom' | 'left' | 'right';
  readonly align: 'start' | 'center' | 'end';
}

export function legendPlacement(showLegend: boolean | string): LegendPlacement {
  if (showLegend === false || showLegend === '') {
    return { display: false, position: 'top', align: 'end' };
  }
  const loc = typeof showLegend === 'string' ? showLegend.toLowerCase() : 'best';
  const position = loc.includes('lower') ? 'bottom' : loc === 'center left' ? 'left' : 'top';
  const align = loc.includes('left')
    ? 'start'
    : loc.includes('right') || loc === 'best'
      ? 'end'
      : 'center';
  return { display: true, position, align: position === 'left' ? 'center' : align };
}
