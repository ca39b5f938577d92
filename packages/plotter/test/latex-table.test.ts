import { latexTable, texEscape } from '../src/latex-table.js';
import { panel, point } from './fixtures.js';

const panels = [
  panel({
    row: 0,
    col: 0,
    title: 'λ=0.1, κ=4, C=[8]',
    points: [point('A', 'a', 0.2, 10), point('B', 'b', 0.1, 12), point('C', 'c', 0.05, 15)],
  }),
  panel({
    row: 1,
    col: 0,
    title: 'λ=0.2, κ=2, C=[16]',
    points: [point('A', 'a', 0.4, 20), point('B', 'b', 0.3, 18), point('C', 'c', 0.38, 30)],
  }),
];

test('a standalone document with one row per panel, best bold and second best underlined', () => {
  const tex = latexTable(panels)!;
  const lines = tex.split('\n');
  expect(lines.slice(0, 5)).toEqual([
    '\\documentclass{article}',
    '\\usepackage{booktabs}',
    '\\usepackage{amsmath}',
    '\\usepackage[landscape, margin=1cm]{geometry}',
    '\\begin{document}',
  ]);
  expect(lines.slice(-5)).toEqual([
    '\\bottomrule',
    '\\end{tabular}',
    '\\end{table}',
    '\\end{document}',
    '',
  ]);
  expect(tex).toContain('\\begin{tabular}{c c c || c c | c c | c c}');
  expect(tex).toContain(
    '$\\lambda$ & $\\kappa$ & C & \\multicolumn{2}{c|}{A} & \\multicolumn{2}{c|}{B} & \\multicolumn{2}{c}{C} \\\\',
  );
  expect(tex).toContain(
    '0.1 & 4 & [8] & 0.2000 & \\$10.00 & \\underline{0.1000} & \\$12.00 & \\textbf{0.0500} & \\$15.00 \\\\',
  );
  expect(tex).toContain(
    '0.2 & 2 & [16] & 0.4000 & \\$20.00 & \\textbf{0.3000} & \\$18.00 & \\underline{0.3800} & \\$30.00 \\\\',
  );
  // Mean change vs A: B = (-50% - 25%)/2 VR, (+20% - 10%)/2 cost; C = (-75% - 5%)/2, (+50% + 50%)/2.
  expect(tex).toContain(
    '\\multicolumn{3}{c||}{\\textit{Mean~$\\Delta$}} & --- & --- & \\underline{-37.5\\%} & +5.0\\% & \\textbf{-40.0\\%} & +50.0\\% \\\\',
  );
  expect(tex).toContain('Mean improvement is relative to A.');
  // Balanced environments.
  for (const env of ['document', 'table', 'tabular']) {
    expect(tex.split(`\\begin{${env}}`).length).toBe(tex.split(`\\end{${env}}`).length);
  }
});

test('table_reference_label picks the method the Mean Δ row compares against', () => {
  const tex = latexTable(panels, { referenceLabel: 'B' })!;
  expect(tex).toContain('Mean improvement is relative to B.');
  // A vs B: VR (+100%, +33.3%) -> +66.7%; C vs B: (-50%, +26.7%) -> -11.7%.
  expect(tex).toContain(
    '\\multicolumn{3}{c||}{\\textit{Mean~$\\Delta$}} & \\underline{+66.7\\%} & ',
  );
  expect(tex).toMatch(/& --- & --- & \\textbf\{-11\.7\\%\} & /);
});

test('titles not in the λ/κ/C form fill the first column; missing methods show dashes', () => {
  const tex = latexTable([
    panel({ title: 'May 27, κ=4', points: [point('A', 'a', 0.1, 1), point('B_x', 'b', 0.2, 2)] }),
    panel({ title: 'April 15', points: [point('A', 'a', 0.3, 3)] }),
  ])!;
  expect(tex).toContain(
    'May 27, $\\kappa$=4 &  &  & \\textbf{0.1000} & \\$1.00 & \\underline{0.2000} & \\$2.00 \\\\',
  );
  expect(tex).toContain('April 15 &  &  & \\textbf{0.3000} & \\$3.00 & --- & --- \\\\');
  expect(tex).toContain('\\multicolumn{2}{c}{B\\_x}');
});

test('no points, no table', () => {
  expect(latexTable([panel({ points: [] })])).toBeNull();
});

test('LaTeX specials are escaped, Greek letters become math', () => {
  expect(texEscape('κ=2, Δ')).toBe('$\\kappa$=2, $\\Delta$');
  expect(texEscape('a_b & c#{d}~^\\')).toBe(
    'a\\_b \\& c\\#\\{d\\}\\textasciitilde{}\\textasciicircum{}\\textbackslash{}',
  );
});

test('pdflatex compiles the table, Greek titles and escaped labels included (where installed)', async () => {
  const { execFile } = await import('node:child_process');
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const run = (args: string[], cwd: string) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile('pdflatex', args, { cwd }, (error, stdout) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code: Number.isNaN(code) ? 127 : code, out: stdout });
      });
    });
  const dir = await mkdtemp(join(tmpdir(), 'autoslo-tex-'));
  try {
    const tex = latexTable([
      ...panels,
      panel({ title: 'May 27, κ=2', points: [point('A_1 & co', 'a', 0.3, 3)] }),
    ])!;
    await writeFile(join(dir, 't.tex'), tex);
    const r = await run(['-interaction=nonstopmode', '-halt-on-error', 't.tex'], dir);
    if (r.code === 127 || /ENOENT/.test(r.out)) {
      console.warn('pdflatex not installed: LaTeX compile check skipped');
      return;
    }
    expect(r.out).toContain('Output written on t.pdf');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
