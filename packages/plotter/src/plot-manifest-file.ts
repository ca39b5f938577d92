/** Plotting manifests by name or path, one at a time or every one in the data directory. */
import { readdir } from 'node:fs/promises';
import { loadPlottingManifest, toDataDir } from '@autoslo/config';
import { type PlotOptions, type PlotResult, plotManifestContent } from './plot-manifest.js';

/**
 * Plot one manifest, named by its file stem (`main_eval_v8` -> `plots/main_eval_v8.png`): an
 * absolute path, an existing path from `cwd`, or a name under `manifests/plotting/`.
 * @throws InputError for a missing or invalid manifest or SLO table.
 */
export async function plotManifest(
  nameOrPath: string,
  options: PlotOptions & { cwd?: string },
): Promise<PlotResult> {
  const loaded = await loadPlottingManifest(nameOrPath, {
    dataDir: options.dataDir,
    cwd: options.cwd,
  });
  return plotManifestContent(loaded.stem, loaded.value, { ...options, file: loaded.file });
}

/** Plot every manifest in `manifests/plotting/`, in name order. */
export async function plotAllManifests(options: PlotOptions): Promise<PlotResult[]> {
  const dir = toDataDir(options.dataDir).manifestsDir('plotting');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    names = [];
  }
  const results: PlotResult[] = [];
  for (const name of names) results.push(await plotManifest(`${dir}/${name}`, options));
  return results;
}
