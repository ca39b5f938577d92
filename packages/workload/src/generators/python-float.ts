/** Python's `str(float)` for names the reference derived that way: `0.2`, `1.0`, `15.0`. */
export function pythonFloat(x: number): string {
  if (Number.isInteger(x)) return `${x}.0`;
  return String(x);
}
