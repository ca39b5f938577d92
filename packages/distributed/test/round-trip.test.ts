/**
 * A batch through Redis and a worker equals the same batch on local worker threads: the same
 * summaries and byte-identical run directories, written by the submitter. Two executors at
 * once each get their own results; an unreachable Redis is named at connect.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluateBatch } from '@autoslo/simulator';
import {
  decodeWorkload,
  encodeWorkload,
  RedisExecutor,
  RedisUnreachableError,
  SimulationWorker,
} from '../src/index.js';
import { freePort, type RedisServer, startRedisServer } from '../src/local-redis-server.js';
import { type Fixture, makeFixture, treeOf } from './fixtures.js';

describe('distributed batches over Redis', () => {
  let redis: RedisServer;
  let fixture: Fixture;
  let worker: SimulationWorker;

  beforeAll(async () => {
    [redis, fixture] = await Promise.all([startRedisServer(), makeFixture()]);
    worker = await SimulationWorker.start({ url: redis.url, concurrency: 2 });
  });

  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
    if (fixture) await rm(fixture.dataDir, { recursive: true, force: true });
  });

  it('encodes a workload losslessly', () => {
    const w = fixture.workloads[0];
    if (!w) throw new Error('no workload');
    const back = decodeWorkload(encodeWorkload(w));
    expect(back.id).toBe(w.id);
    expect(back.trace.queryTextId).toEqual(w.trace.queryTextId);
    expect(Array.from(back.trace.queryId)).toEqual(Array.from(w.trace.queryId));
    expect(Array.from(back.relStartS)).toEqual(Array.from(w.relStartS));
    expect(back.trace.isolatedLatencyS).toBeNull();
  });

  it('returns the local summaries and writes byte-identical run directories', async () => {
    const { dataDir, configs, workloads } = fixture;
    const batch = { configs, workloads, dataDir, configIds: ['rpu16', 'rpu32'] };
    const localRoot = join(dataDir, 'local');
    const local = await evaluateBatch({ ...batch, outRoot: localRoot, threads: 1 });
    const executor = await RedisExecutor.connect({ url: redis.url });
    const ticks: number[] = [];
    try {
      const remoteRoot = join(dataDir, 'remote');
      const remote = await executor.evaluateBatch({
        ...batch,
        outRoot: remoteRoot,
        onProgress: (done) => ticks.push(done),
      });
      expect(remote).toEqual(local);
      expect(ticks).toEqual([1, 2, 3, 4]);
      const [a, b] = await Promise.all([treeOf(localRoot), treeOf(remoteRoot)]);
      expect([...b.keys()]).toEqual([...a.keys()]);
      expect([...a.keys()]).toContain(join('mini__2024-04-02', 'rpu16', 'structured_log.parquet'));
      for (const [file, bytes] of a) expect((b.get(file) as Buffer).equals(bytes)).toBe(true);
      expect(executor.liveWorkers).toBe(1);
    } finally {
      await executor.close();
    }
  });

  it('keeps the jobs of two runs submitted at once apart', async () => {
    const { dataDir, configs, workloads } = fixture;
    const local = await evaluateBatch({ configs, workloads, dataDir, threads: 0 });
    const [first, second] = await Promise.all([
      RedisExecutor.connect({ url: redis.url }),
      RedisExecutor.connect({ url: redis.url }),
    ]);
    try {
      const [one, two] = await Promise.all([
        first.evaluateBatch({ configs: [configs[0] as (typeof configs)[0]], workloads, dataDir }),
        second.evaluateBatch({ configs: [configs[1] as (typeof configs)[0]], workloads, dataDir }),
      ]);
      expect(one).toEqual([local[0]]);
      expect(two).toEqual([local[1]]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('names the URL when Redis cannot be reached', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const attempt = RedisExecutor.connect({ url });
    await expect(attempt).rejects.toBeInstanceOf(RedisUnreachableError);
    await expect(attempt).rejects.toThrow(`cannot reach Redis at ${url}`);
  });
});
