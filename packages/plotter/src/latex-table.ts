/**
 * The standalone LaTeX table of plotted points, as the reference writes it: one row per panel
 * (λ, κ, C split from titles like "λ=0.1, κ=4, C=[8]"), a VR and a Cost column per method, the
 * best and second-best VR per row in bold and underlined, and a "Mean Δ" row of the mean
 * relative change against the reference method.
 */
import type { PlottedPanel } from './plotted-panel.js';

const PANEL_TITLE = /^λ=([^,]+),\s*κ=([^,]+),\s*C=(.+)/;

/**
 * Greek letters panel titles use ("May 27, κ=4"): pdflatex has no glyphs for them in text
 * mode, so they become math symbols.
 */
const GREEK: Readonly<Record<string, string>> = {
  α: '$\\alpha$',
  β: '$\\beta$',
  γ: '$\\gamma$',
  δ: '$\\delta$',
  Δ: '$\\Delta$',
  ε: '$\\epsilon$',
  θ: '$\\theta$',
  κ: '$\\kappa$',
  λ: '$\\lambda$',
  μ: '$\\mu$',
  ρ: '$\\rho$',
  σ: '$\\sigma$',
  τ: '$\\tau$',
};

/** Escape the characters LaTeX treats specially in running text (Greek letters as math). */
export function texEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const greek = GREEK[ch];
    if (greek !== undefined) {
      out += greek;
      continue;
    }
    switch (ch) {
      case '\\':
        out += '\\textbackslash{}';
        break;
      case '&':
      case '#':
      case '_':
      case '{':
      case '}':
        out += `\\${ch}`;
        break;
      case '~':
        out += '\\textasciitilde{}';
        break;
      case '^':
        out += '\\textasciicircum{}';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

function splitTitle(title: string): [string, string, string] {
  const m = PANEL_TITLE.exec(title);
  return m ? [m[1]!.trim(), m[2]!.trim(), m[3]!.trim()] : [title, '', ''];
}

const round4 = (x: number): number => Number(x.toFixed(4));
const signed1 = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
const mean = (xs: readonly number[]): number | null =>
  xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null;

export interface LatexTableOptions {
  /** The method the Mean Δ row compares against; the first method when unset or absent. */
  readonly referenceLabel?: string | null;
}

/** The table as a complete document, or null when no panel has a point. */
export function latexTable(
  panels: readonly PlottedPanel[],
  options: LatexTableOptions = {},
): string | null {
  const methods: string[] = [];
  const rows = panels.map((panel) => {
    const byMethod = new Map<string, { x: number; y: number }>();
    for (const p of panel.points) {
      byMethod.set(p.label, { x: p.x, y: p.y });
      if (!methods.includes(p.label)) methods.push(p.label);
    }
    return { key: panel.title ?? `(${panel.row},${panel.col})`, byMethod };
  });
  if (methods.length === 0) return null;
  const ref =
    options.referenceLabel && methods.includes(options.referenceLabel)
      ? options.referenceLabel
      : methods[0]!;

  const colSpec = ['c', 'c', 'c', '||'];
  methods.forEach((_, i) => {
    colSpec.push('c', 'c', ...(i < methods.length - 1 ? ['|'] : []));
  });
  const lines = [
    '\\documentclass{article}',
    '\\usepackage{booktabs}',
    '\\usepackage{amsmath}',
    '\\usepackage[landscape, margin=1cm]{geometry}',
    '\\begin{document}',
    '\\begin{table}[t]',
    '\\centering',
    '\\footnotesize',
    '\\setlength{\\tabcolsep}{2.5pt}',
    `\\caption{Mean improvement is relative to ${texEscape(ref)}. Bold/underline indicate first/second best per row, respectively.}\\label{tab:todo}`,
    `\\begin{tabular}{${colSpec.join(' ')}}`,
    '\\toprule',
  ];
  const header = ['$\\lambda$', '$\\kappa$', 'C'];
  methods.forEach((m, i) => {
    header.push(`\\multicolumn{2}{${i < methods.length - 1 ? 'c|' : 'c'}}{${texEscape(m)}}`);
  });
  lines.push(`${header.join(' & ')} \\\\`);
  lines.push(`${['', '', '', ...methods.flatMap(() => ['VR', 'Cost'])].join(' & ')} \\\\`);
  lines.push('\\hline');

  for (const { key, byMethod } of rows) {
    const ranked = [...byMethod.values()].map((v) => round4(v.x)).sort((a, b) => a - b);
    const best = ranked[0];
    const second = ranked[1];
    const cells = splitTitle(key).map(texEscape);
    for (const m of methods) {
      const v = byMethod.get(m);
      if (!v) {
        cells.push('---', '---');
        continue;
      }
      let vr = v.x.toFixed(4);
      if (round4(v.x) === best) vr = `\\textbf{${vr}}`;
      else if (round4(v.x) === second) vr = `\\underline{${vr}}`;
      cells.push(vr, `\\$${v.y.toFixed(2)}`);
    }
    lines.push(`${cells.join(' & ')} \\\\`);
  }

  // Mean relative change per method against the reference, over panels holding both.
  const change = new Map<string, { vr: number | null; cost: number | null }>();
  for (const m of methods) {
    if (m === ref) continue;
    const dx: number[] = [];
    const dy: number[] = [];
    for (const { byMethod } of rows) {
      const r = byMethod.get(ref);
      const v = byMethod.get(m);
      if (!r || !v) continue;
      if (r.x !== 0) dx.push(((v.x - r.x) / r.x) * 100);
      if (r.y !== 0) dy.push(((v.y - r.y) / r.y) * 100);
    }
    change.set(m, { vr: mean(dx), cost: mean(dy) });
  }
  const byMeanVr = [...change.entries()]
    .filter((e): e is [string, { vr: number; cost: number | null }] => e[1].vr !== null)
    .sort((a, b) => a[1].vr - b[1].vr)
    .map(([m]) => m);
  const meanCells = ['\\multicolumn{3}{c||}{\\textit{Mean~$\\Delta$}}'];
  for (const m of methods) {
    const c = change.get(m);
    if (!c) {
      meanCells.push('---', '---');
      continue;
    }
    let vr = c.vr === null ? '---' : `${signed1(c.vr)}\\%`;
    if (m === byMeanVr[0]) vr = `\\textbf{${vr}}`;
    else if (m === byMeanVr[1]) vr = `\\underline{${vr}}`;
    meanCells.push(vr, c.cost === null ? '---' : `${signed1(c.cost)}\\%`);
  }
  lines.push('\\hline', `${meanCells.join(' & ')} \\\\`);
  lines.push('\\bottomrule', '\\end{tabular}', '\\end{table}', '\\end{document}');
  return `${lines.join('\n')}\n`;
}
