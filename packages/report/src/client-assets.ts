/**
 * The two scripts every report inlines: chart.js's UMD build (from the `chart.js` dependency)
 * and this package's `assets/report-client.js`, which draws the charts from the inlined data
 * and makes tables sortable. Read once per process.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ClientAssets {
  readonly chartJs: string;
  readonly reportClient: string;
  /** chart.js version, named in the page's footer. */
  readonly chartJsVersion: string;
}

let cached: Promise<ClientAssets> | undefined;

async function load(): Promise<ClientAssets> {
  const require = createRequire(import.meta.url);
  // `chart.js` resolves to dist/chart.cjs; the UMD build sits beside it.
  const dist = dirname(require.resolve('chart.js'));
  const pkg = JSON.parse(await readFile(join(dist, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  // assets/ is beside src/ and dist/, so this holds from sources and from the build.
  const here = dirname(fileURLToPath(import.meta.url));
  const [chartJs, reportClient] = await Promise.all([
    readFile(join(dist, 'chart.umd.min.js'), 'utf8'),
    readFile(join(here, '..', 'assets', 'report-client.js'), 'utf8'),
  ]);
  return { chartJs, reportClient, chartJsVersion: pkg.version };
}

export function clientAssets(): Promise<ClientAssets> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
