/**
 * Which template a statement belongs to: the fingerprint of its SQL with literals removed,
 * matched against the fingerprints of the data directory's SQL catalog
 * (`query_texts/<schema>/<name>.sql` is template `<schema>#<name>`, whose SLO the SLO table
 * gives). A statement no template matches is `unknown#<fingerprint>`: it gets the config's
 * default SLO.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDir } from '@autoslo/config';
import { sqlFingerprint } from '@autoslo/workload';

export const UNKNOWN_TEMPLATE_PREFIX = 'unknown#';

export class TemplateCatalog {
  private constructor(
    private readonly byFingerprint: ReadonlyMap<string, string>,
    /** SQL files read (several may share a fingerprint: they differ only in literals). */
    readonly files: number,
  ) {}

  /** Fingerprints of every SQL file of `dataDir`'s catalog (in name order; first one wins). */
  static load(dataDir: string): TemplateCatalog {
    const map = new Map<string, string>();
    let files = 0;
    const root = new DataDir(dataDir).queryTextsDir;
    if (!existsSync(root)) return new TemplateCatalog(map, 0);
    for (const schema of readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()) {
      for (const file of readdirSync(join(root, schema))
        .filter((f) => f.endsWith('.sql'))
        .sort()) {
        files++;
        const fp = sqlFingerprint(readFileSync(join(root, schema, file), 'utf8'));
        if (!map.has(fp)) map.set(fp, `${schema}#${file.slice(0, -'.sql'.length)}`);
      }
    }
    return new TemplateCatalog(map, files);
  }

  get size(): number {
    return this.byFingerprint.size;
  }

  /** The template id of `sqls` (a batch counts as one statement), and whether it is known. */
  templateOf(sqls: readonly string[]): { id: string; known: boolean } {
    const fp = sqlFingerprint(sqls.join(';\n'));
    const id = this.byFingerprint.get(fp);
    return id === undefined
      ? { id: `${UNKNOWN_TEMPLATE_PREFIX}${fp}`, known: false }
      : { id, known: true };
  }
}
