/**
 * The access keys clients sign their requests with, configured by the operator: a keys file
 * (one `ACCESS_KEY_ID SECRET_ACCESS_KEY` per line, `#` comments) and/or the environment
 * variable `AUTOSLO_GATEWAY_KEYS` (`ID:SECRET,ID:SECRET`). These are the gateway's own keys
 * for its clients, unrelated to the AWS credentials it uses towards the service.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '@autoslo/config';

export const GATEWAY_KEYS_ENV = 'AUTOSLO_GATEWAY_KEYS';

const ACCESS_KEY_ID = /^[A-Za-z0-9]{16,128}$/;

interface Where {
  readonly file: string;
  readonly line?: number;
  readonly path?: string;
}

function add(keys: Map<string, string>, id: string, secret: string, where: Where): void {
  if (!ACCESS_KEY_ID.test(id)) {
    throw new InputError({
      ...where,
      message: 'the access key id must be 16-128 letters or digits',
    });
  }
  if (secret.length < 16) {
    throw new InputError({ ...where, message: 'the secret must be at least 16 characters' });
  }
  keys.set(id, secret);
}

/** Parses a keys file's text; `file` names it in errors. */
export function parseKeysFile(text: string, file: string): Map<string, string> {
  const keys = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    if (fields.length !== 2) {
      throw new InputError({
        file,
        line: i + 1,
        message: 'expected ACCESS_KEY_ID SECRET_ACCESS_KEY',
        received: `${fields.length} fields`,
      });
    }
    add(keys, fields[0] as string, fields[1] as string, { file, line: i + 1 });
  });
  return keys;
}

/** Keys from the file (when given) and the environment; never empty. */
export function loadGatewayKeys(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Map<string, string> {
  const keys = new Map<string, string>();
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new InputError({
        file,
        message: `cannot read the keys file (${(error as Error).message})`,
      });
    }
    for (const [id, secret] of parseKeysFile(text, file)) keys.set(id, secret);
  }
  const fromEnv = env[GATEWAY_KEYS_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    fromEnv.split(',').forEach((pair, i) => {
      const colon = pair.indexOf(':');
      const where = { file: GATEWAY_KEYS_ENV, path: `entry ${i + 1}` };
      if (colon <= 0) throw new InputError({ ...where, message: 'expected ID:SECRET' });
      add(keys, pair.slice(0, colon).trim(), pair.slice(colon + 1).trim(), where);
    });
  }
  if (keys.size === 0) {
    throw new InputError({
      message: `the gateway needs client access keys: --keys-file FILE or ${GATEWAY_KEYS_ENV}=ID:SECRET`,
    });
  }
  return keys;
}
