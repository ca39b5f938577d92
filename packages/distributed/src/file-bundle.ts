/**
 * A run directory's files as one byte string (name, length, bytes, repeated), the form in
 * which a worker hands a run back to the submitter.
 */
export type FileEntries = readonly (readonly [name: string, bytes: Uint8Array])[];

export function packFiles(files: FileEntries): Buffer {
  const parts: Buffer[] = [];
  for (const [name, bytes] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(8);
    head.writeUInt32LE(nameBytes.length, 0);
    head.writeUInt32LE(bytes.byteLength, 4);
    parts.push(head, nameBytes, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return Buffer.concat(parts);
}

export function unpackFiles(bundle: Buffer): [string, Buffer][] {
  const files: [string, Buffer][] = [];
  let at = 0;
  while (at < bundle.length) {
    const nameLength = bundle.readUInt32LE(at);
    const size = bundle.readUInt32LE(at + 4);
    at += 8;
    const name = bundle.subarray(at, at + nameLength).toString('utf8');
    at += nameLength;
    files.push([name, bundle.subarray(at, at + size)]);
    at += size;
  }
  return files;
}
