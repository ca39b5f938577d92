/**
 * A simulation workload as one deterministic byte string, so it can be hashed and sent to
 * workers once: a JSON header (ids, distinct query texts) followed by the typed arrays.
 *
 * Layout: u32 header length, header JSON, padding to 8 bytes, then `queryId`, `relStartS`
 * and (when present) `isolatedLatencyS` as float64, then one u32 text index per query.
 */
import type { SimulationWorkload } from '@autoslo/simulator';

interface Header {
  readonly id: string;
  readonly name: string;
  readonly length: number;
  readonly isolated: boolean;
  readonly texts: readonly string[];
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

export function encodeWorkload(w: SimulationWorkload): Buffer {
  const n = w.trace.length;
  const textIndex = new Map<string, number>();
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const text = w.trace.queryTextId[i] as string;
    let k = textIndex.get(text);
    if (k === undefined) {
      k = textIndex.size;
      textIndex.set(text, k);
    }
    indices[i] = k;
  }
  const isolated = w.trace.isolatedLatencyS !== null;
  const header: Header = {
    id: w.id,
    name: w.name,
    length: n,
    isolated,
    texts: [...textIndex.keys()],
  };
  const json = Buffer.from(JSON.stringify(header));
  const start = align8(4 + json.length);
  const arrays = isolated ? 3 : 2;
  const out = Buffer.alloc(start + arrays * 8 * n + 4 * n);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  let at = start;
  const put = (a: ArrayBufferView) => {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  };
  put(w.trace.queryId);
  put(w.relStartS);
  if (w.trace.isolatedLatencyS) put(w.trace.isolatedLatencyS);
  put(indices);
  return out;
}

export function decodeWorkload(bytes: Uint8Array): SimulationWorkload {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + jsonLength).toString('utf8')) as Header;
  const n = header.length;
  let at = align8(4 + jsonLength);
  // Copies: the arrays must be 8-byte aligned whatever the buffer's offset.
  const f64 = () => {
    const a = new Float64Array(n);
    new Uint8Array(a.buffer).set(buf.subarray(at, at + 8 * n));
    at += 8 * n;
    return a;
  };
  const queryId = f64();
  const relStartS = f64();
  const isolatedLatencyS = header.isolated ? f64() : null;
  const indices = new Uint32Array(n);
  new Uint8Array(indices.buffer).set(buf.subarray(at, at + 4 * n));
  const queryTextId = Array.from(indices, (k) => header.texts[k] as string);
  return {
    id: header.id,
    name: header.name,
    trace: { length: n, queryId, queryTextId, isolatedLatencyS },
    relStartS,
  };
}
