import { join } from 'node:path';
import { writeFileAtomic } from '@autoslo/config';
import type { Recorder } from './recorder.js';
import { dumpYaml } from './yaml-dump.js';

/** A recorder writing under `dir`: `.json` files as JSON, everything else as YAML, atomically. */
export function artifactRecorder(dir: string): Recorder {
  return async (relativePath, document) => {
    const text = relativePath.endsWith('.json')
      ? `${JSON.stringify(document, null, 2)}\n`
      : dumpYaml(document);
    await writeFileAtomic(join(dir, relativePath), text);
  };
}
