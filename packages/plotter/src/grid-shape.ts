/** Rows and columns of a plot's grid, with the reference's checks on panel positions. */
import { InputError, type PlotLayout, type PlotPanel } from '@autoslo/config';

export interface GridShape {
  readonly rows: number;
  readonly cols: number;
}

/**
 * `layout.rows`/`cols`, defaulting to the largest position + 1.
 * @throws InputError for two panels at one position or a panel outside the grid.
 */
export function gridShape(
  panels: readonly PlotPanel[],
  layout: PlotLayout,
  file?: string,
): GridShape {
  const rows = layout.rows ?? Math.max(...panels.map((p) => p.row)) + 1;
  const cols = layout.cols ?? Math.max(...panels.map((p) => p.col)) + 1;
  const seen = new Set<string>();
  panels.forEach((p, i) => {
    const key = `${p.row},${p.col}`;
    if (seen.has(key)) {
      throw new InputError({
        file,
        path: `main_content.panels.${i}`,
        message: `two panels at row ${p.row}, col ${p.col}`,
      });
    }
    seen.add(key);
    if (p.row >= rows || p.col >= cols) {
      throw new InputError({
        file,
        path: `main_content.panels.${i}`,
        message: `panel at row ${p.row}, col ${p.col} is outside the ${rows}x${cols} grid`,
      });
    }
  });
  return { rows, cols };
}

/** Cells of a rows x cols grid filled from (row, col, item) triples; the rest are null. */
export function gridCells<T>(
  shape: GridShape,
  items: readonly { row: number | null; col: number | null; item: T }[],
): (T | null)[][] {
  const cells: (T | null)[][] = Array.from({ length: shape.rows }, () =>
    Array.from({ length: shape.cols }, () => null),
  );
  for (const { row, col, item } of items) {
    const r = cells[row ?? 0];
    if (r) r[col ?? 0] = item;
  }
  return cells;
}
