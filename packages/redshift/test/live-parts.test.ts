/** The live driver's small parts: retry classification and back-off, rate limiting, journal, run index, SQL catalog. */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import {
  abandonedPartialRuns,
  appendRunIndex,
  classifyError,
  latestCompleteRun,
  OWNER_PID_FILENAME,
  outstandingResources,
  RateLimiter,
  ResourceJournal,
  RetryPolicy,
  readRunIndex,
  removeAbandonedPartialRuns,
  SqlCatalog,
  taggedSql,
  validCapacityAtLeast,
} from '../src/index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'autoslo-parts-'));

describe('classifyError', () => {
  it.each([
    [{ name: 'ThrottlingException' }, 'throttling'],
    [{ name: 'ActiveStatementsExceededException' }, 'throttling'],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 429 } }, 'throttling'],
    [{ name: 'InternalServerException' }, 'transient'],
    [{ name: 'Error', code: 'ECONNRESET' }, 'transient'],
    [{ name: 'Unknown', $metadata: { httpStatusCode: 503 } }, 'transient'],
    [{ name: 'ValidationException', $metadata: { httpStatusCode: 400 } }, 'fatal'],
    [{ name: 'ResourceNotFoundException' }, 'fatal'],
  ])('%j is %s', (error, kind) => {
    expect(classifyError(error)).toBe(kind);
  });
});

describe('RetryPolicy', () => {
  it('draws full-jitter delays under a doubling ceiling, the same for the same seed', () => {
    const a = new RetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, seed: 3 });
    const b = new RetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, seed: 3 });
    const ceilings = [100, 200, 400, 800, 1000, 1000];
    const delays = ceilings.map((_, i) => a.delayMs(i + 1));
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(ceilings[i] as number);
    });
    expect(ceilings.map((_, i) => b.delayMs(i + 1))).toEqual(delays);
  });
});

describe('RateLimiter', () => {
  it('halves its rate on throttling down to the floor and recovers by tenths', () => {
    const limiter = new RateLimiter({ ratePerS: 20, minRatePerS: 4 });
    limiter.onThrottle();
    expect(limiter.ratePerS).toBe(10);
    limiter.onThrottle();
    limiter.onThrottle();
    expect(limiter.ratePerS).toBe(4);
    limiter.onSuccess();
    expect(limiter.ratePerS).toBe(6);
    expect(limiter.throttles).toBe(3);
  });

  it('spaces calls beyond the burst at the rate', async () => {
    // On a fake clock: 5 at once, then 10 more at 50/s, one each 20 ms.
    jest.useFakeTimers({ now: 0 });
    try {
      const limiter = new RateLimiter({ ratePerS: 50, burst: 5 });
      let granted = 0;
      const all = Array.from({ length: 15 }, () => limiter.take().then(() => granted++));
      await jest.advanceTimersByTimeAsync(0);
      expect(granted).toBe(5);
      await jest.advanceTimersByTimeAsync(100);
      expect(granted).toBe(10);
      await jest.advanceTimersByTimeAsync(99);
      expect(granted).toBe(14);
      await jest.advanceTimersByTimeAsync(2);
      expect(granted).toBe(15);
      await Promise.all(all);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('abandoned partial runs', () => {
  it('are those whose owner died; the ones with nothing left to delete are removed', async () => {
    const dataDir = tmp();
    const runs = join(dataDir, 'runs');
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      }).stdout,
    );
    const partial = (id: string, pid: number) => {
      const dir = join(runs, `.${id}.partial`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, OWNER_PID_FILENAME), String(pid));
      return new ResourceJournal(dir, id);
    };
    partial('1', dead).willCreate('workgroup', 'w1');
    partial('1', dead).deleted('workgroup', 'w1');
    partial('2', dead).willCreate('workgroup', 'w2'); // still to delete: kept for cleanup
    partial('3', process.ppid).willCreate('workgroup', 'w3'); // its owner is running
    mkdirSync(join(runs, '4'), { recursive: true }); // a complete run
    expect(abandonedPartialRuns(dataDir).map((r) => [r.runId, r.outstanding])).toEqual([
      ['1', 0],
      ['2', 1],
    ]);
    expect((await removeAbandonedPartialRuns(dataDir)).map((r) => r.runId)).toEqual(['1']);
    expect(readdirSync(runs).sort()).toEqual(['.2.partial', '.3.partial', '4']);
  });
});

describe('ResourceJournal', () => {
  it('lists created and not deleted resources, ignoring a torn last line', () => {
    const dir = tmp();
    const journal = new ResourceJournal(dir, '42');
    journal.willCreate('namespace', 'a');
    journal.willCreate('workgroup', 'a');
    journal.willCreate('namespace', 'b');
    journal.deleted('workgroup', 'a');
    writeFileSync(journal.file, `${readFileSync(journal.file, 'utf8')}{"action":"dele`);
    expect(outstandingResources(journal.file)).toEqual([
      { kind: 'namespace', name: 'a', run_id: '42' },
      { kind: 'namespace', name: 'b', run_id: '42' },
    ]);
  });
});

describe('run index', () => {
  it('keeps every entry of concurrent appends intact', async () => {
    const dataDir = tmp();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        appendRunIndex(dataDir, {
          run_id: String(1000 + i),
          workload_id: `w${i % 2}`,
          execution_config_id: 'c',
          started_at: '2026-01-01T00:00:00.000Z',
        }),
      ),
    );
    const entries = await readRunIndex(dataDir);
    expect(entries.map((e) => e.run_id).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => String(1000 + i)),
    );
  });

  it('breaks a lock left by a dead process', async () => {
    const dataDir = tmp();
    mkdirSync(join(dataDir, 'runs'));
    const lock = join(dataDir, 'runs', 'map.yml.lock');
    writeFileSync(lock, '999999');
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    await appendRunIndex(dataDir, {
      run_id: '1',
      workload_id: 'w',
      execution_config_id: 'c',
      started_at: 'x',
    });
    expect(await readRunIndex(dataDir)).toHaveLength(1);
  });

  it('finds the newest complete run of a pair', async () => {
    const dataDir = tmp();
    for (const id of ['5', '7', '9']) {
      await appendRunIndex(dataDir, {
        run_id: id,
        workload_id: 'w',
        execution_config_id: 'c',
        started_at: 'x',
      });
    }
    for (const id of ['5', '7']) {
      mkdirSync(join(dataDir, 'runs', id));
      writeFileSync(join(dataDir, 'runs', id, 'execution_config.yml'), '{}');
    }
    expect(await latestCompleteRun(dataDir, 'c', 'w')).toBe('7'); // 9 never completed
    expect(await latestCompleteRun(dataDir, 'c', 'other')).toBeNull();
  });
});

describe('SqlCatalog', () => {
  it("prefers the query text's own file, then its template's", async () => {
    const dataDir = tmp();
    mkdirSync(join(dataDir, 'query_texts', 'tpcds'), { recursive: true });
    writeFileSync(join(dataDir, 'query_texts', 'tpcds', '042.sql'), 'SELECT 42;\n');
    writeFileSync(join(dataDir, 'query_texts', 'tpcds', 'tpcds#042#007.sql'), 'SELECT 7;');
    const catalog = await SqlCatalog.load(dataDir, ['tpcds#042#001', 'tpcds#042#007']);
    expect(catalog.sqlOf('tpcds#042#001')).toBe('SELECT 42;');
    expect(catalog.sqlOf('tpcds#042#007')).toBe('SELECT 7;');
    expect(taggedSql('1700', 12, 'SELECT 7;')).toBe('--1700/12\nSELECT 7;');
  });
});

describe('validCapacityAtLeast', () => {
  it.each([
    [3, 4],
    [8, 8],
    [12, 16],
    [512, 512],
    [513, 544],
    [2000, 1024],
  ])('%d RPU -> %d', (rpu, capacity) => {
    expect(validCapacityAtLeast(rpu)).toBe(capacity);
  });
});
