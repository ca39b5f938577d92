/**
 * Content-addressed blobs in Redis: inputs are stored once under their sha256 (with a time
 * to live, refreshed on every upload) and fetched by workers, who check the hash.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisKeys } from './redis-keys.js';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class ContentStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    /** Seconds a blob outlives its last upload. */
    private readonly ttlS: number = 24 * 3600,
  ) {}

  /** Stores `bytes` unless a blob of that hash exists; returns the hash. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = sha256(bytes);
    const key = this.keys.blob(hash);
    const created = await this.redis.set(key, Buffer.from(bytes), 'EX', this.ttlS, 'NX');
    if (created === null) await this.redis.expire(key, this.ttlS);
    return hash;
  }

  /** @throws Error when the blob is gone (expired) or does not match its hash. */
  async get(hash: string): Promise<Buffer> {
    const bytes = await this.redis.getBuffer(this.keys.blob(hash));
    if (bytes === null) throw new Error(`input ${hash.slice(0, 12)} is not in Redis (expired?)`);
    if (sha256(bytes) !== hash) throw new Error(`input ${hash.slice(0, 12)} is corrupt in Redis`);
    return bytes;
  }
}
