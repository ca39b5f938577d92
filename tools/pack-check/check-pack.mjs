// `pnpm check:pack`: packs every publishable package (`pnpm pack`, so `workspace:*` becomes a
// version), installs the tarballs into a throwaway project in a temp dir from the local store
// (`pnpm install --offline`, no network), then imports each package there and runs the
// `autoslo` binary. Fails on a missing field, a file left out of `files` (the LICENSE, the sources
// a source map points at), or a broken import.
// Run after `pnpm build` (the root script builds first).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
const PACKAGE_DIRS = [
  'packages/config',
  'packages/workload',
  'packages/core',
  'packages/simulator',
  'packages/tuner',
  'packages/redshift',
  'packages/plotter',
  'packages/distributed',
  'packages/report',
  'apps/cli',
];
const REQUIRED_FIELDS = [
  'name',
  'version',
  'description',
  'keywords',
  'license',
  'repository',
  'type',
  'main',
  'types',
  'exports',
  'files',
  'engines',
];
/** One export per package that must be there after install (its main entry point). */
const PROBES = {
  '@autoslo/config': 'loadExecutionConfig',
  '@autoslo/workload': 'readWorkloadFile',
  '@autoslo/core': 'SloResolver',
  '@autoslo/simulator': 'simulate',
  '@autoslo/tuner': 'runTuning',
  '@autoslo/redshift': 'startLocalRedshift',
  '@autoslo/plotter': 'plotManifest',
  '@autoslo/distributed': 'RedisExecutor',
  '@autoslo/report': 'renderReportHtml',
  '@autoslo/cli': 'main',
};

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const problems = [];
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'autoslo-pack-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);

try {
  const packed = {};
  for (const dir of PACKAGE_DIRS) {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    for (const field of REQUIRED_FIELDS) {
      if (manifest[field] === undefined) problems.push(`${dir}/package.json: no "${field}"`);
    }
    if (manifest.private) problems.push(`${dir}/package.json: "private": true cannot publish`);
    if (dir === 'apps/cli' && !manifest.bin?.autoslo) problems.push('apps/cli: no bin.autoslo');
    const before = new Set(readdirSync(tarballs));
    run('pnpm', ['pack', '--pack-destination', tarballs], join(root, dir));
    const file = readdirSync(tarballs).find((f) => !before.has(f));
    if (!file) {
      problems.push(`${dir}: pnpm pack wrote no tarball`);
      continue;
    }
    packed[manifest.name] = join(tarballs, file);
    const listing = run('tar', ['-tzf', join(tarballs, file)], work);
    const entries = listing.split('\n').filter(Boolean);
    for (const needed of [
      'package/package.json',
      'package/dist/index.js',
      'package/dist/index.d.ts',
    ]) {
      if (!entries.includes(needed)) problems.push(`${file}: ${needed} is missing`);
    }
    // The report inlines its browser script from assets/ at run time.
    if (dir === 'packages/report' && !entries.includes('package/assets/report-client.js')) {
      problems.push(`${file}: package/assets/report-client.js is missing`);
    }
    if (entries.some((e) => e.startsWith('package/test/'))) {
      problems.push(`${file}: ships test/ (check "files")`);
    }
    if (manifest.publishConfig?.access !== 'public') {
      problems.push(
        `${dir}/package.json: a scoped package needs "publishConfig": { "access": "public" }`,
      );
    }
    // The license text itself, identical to the repository's.
    if (!entries.includes('package/LICENSE')) problems.push(`${file}: no LICENSE`);
    else if (run('tar', ['-xzOf', join(tarballs, file), 'package/LICENSE'], work) !== license) {
      problems.push(`${file}: LICENSE differs from the repository's`);
    }
    // Every source map (and declaration map) points at files the tarball ships.
    const shipped = new Set(entries);
    for (const map of entries.filter((e) => e.endsWith('.map'))) {
      const { sources = [] } = JSON.parse(run('tar', ['-xzOf', join(tarballs, file), map], work));
      for (const source of sources) {
        const target = posix.normalize(posix.join(posix.dirname(map), source));
        if (!shipped.has(target)) problems.push(`${file}: ${map} points at ${target}, not shipped`);
      }
    }
    const inner = JSON.parse(
      run('tar', ['-xzOf', join(tarballs, file), 'package/package.json'], work),
    );
    const deps = JSON.stringify(inner.dependencies ?? {});
    if (deps.includes('workspace:')) problems.push(`${file}: a workspace: range survived packing`);
  }

  // The throwaway project: depends on every tarball; @autoslo/* ranges inside the tarballs are
  // pointed at the tarballs too, so nothing is fetched from a registry.
  const project = join(work, 'project');
  mkdirSync(project);
  const tarballDeps = Object.fromEntries(
    Object.entries(packed).map(([name, file]) => [name, `file:${file}`]),
  );
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'autoslo-pack-check', private: true, type: 'module', dependencies: tarballDeps }, null, 2)}\n`,
  );
  writeFileSync(
    join(project, 'pnpm-workspace.yaml'),
    [
      'overrides:',
      ...Object.entries(tarballDeps).map(([n, f]) => `  "${n}": "${f}"`),
      // canvas (an optional plotter dependency) would compile here; imports work without it.
      'allowBuilds:',
      '  canvas: false',
      '  esbuild: false',
      '  "@swc/core": false',
      'pmOnFail: ignore',
      '',
    ].join('\n'),
  );
  run(
    'pnpm',
    ['install', '--offline', '--ignore-scripts', '--config.confirmModulesPurge=false'],
    project,
  );

  const probe = Object.entries(PROBES)
    .map(
      ([name, member]) =>
        `{ const m = await import('${name}'); if (m.${member} === undefined) throw new Error('${name} has no ${member}'); }`,
    )
    .join('\n');
  writeFileSync(
    join(project, 'probe.mjs'),
    `${probe}\nconsole.log('imported ${Object.keys(PROBES).length} packages');\n`,
  );
  process.stdout.write(run('node', ['probe.mjs'], project));
  // A TypeScript consumer resolves every package's types through its `exports`.
  writeFileSync(
    join(project, 'probe.ts'),
    `${Object.entries(PROBES)
      .map(([name, member], i) => `import { ${member} as m${i} } from '${name}';`)
      .join('\n')}\nexport const members = [${Object.keys(PROBES)
      .map((_, i) => `m${i}`)
      .join(', ')}];\n`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['probe.ts'],
    }),
  );
  run(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
    project,
  );
  const help = run(join(project, 'node_modules', '.bin', 'autoslo'), ['--help'], project);
  if (!help.includes('Usage: autoslo')) problems.push('autoslo --help printed no usage');
} catch (error) {
  problems.push(`${error.message}\n${error.stderr ?? ''}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const p of problems) console.error(`check:pack: ${p}`);
  process.exit(1);
}
console.log(
  `check:pack: ${PACKAGE_DIRS.length} packages packed, installed offline, imported and type-checked in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
