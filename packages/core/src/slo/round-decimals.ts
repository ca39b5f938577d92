/**
 * Python's `round(x, n)`: the nearest n-decimal value, exact binary ties to even.
 * `toFixed` rounds the exact binary value correctly but sends ties away from zero, so
 * ties are detected and sent to the even neighbour; SLO tables and per-query latencies are
 * written with this, so they match the reference's files digit for digit.
 */
export function roundDecimals(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  // toFixed(100) is the exact decimal expansion for any value with a tie (a tie's expansion
  // ends one digit after `decimals`), so a tie reads as "5" followed only by zeros.
  const exact = Math.abs(x).toFixed(100);
  const rest = exact.slice(exact.indexOf('.') + 1 + decimals);
  const rounded = Number(x.toFixed(decimals));
  if (/^50*$/.test(rest)) {
    // toFixed sent the tie away from zero; step back when that lands on an odd last digit.
    const scale = 10 ** decimals;
    const lastDigit = Math.round(Math.abs(rounded) * scale) % 10;
    if (lastDigit % 2 === 1) return Number((rounded - Math.sign(x) / scale).toFixed(decimals));
  }
  return rounded;
}
