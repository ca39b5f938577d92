/**
 * A worker process's simulation threads, one per concurrent job. BullMQ's concurrency
 * bounds the calls, so a call always finds a free thread; a thread that dies takes its task
 * down with an error (the job fails and the submitter hears why) and is replaced.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SimulationSummary } from '@autoslo/simulator';
import type { FileEntries } from './file-bundle.js';
import type { SimulationThreadData, ThreadReply, ThreadTask } from './thread-protocol.js';

/** The built thread file; tests run sources, so they use the package's `dist/` build. */
export function simulationThreadPath(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(here, '..', 'simulation-thread.js');
  const built = join(here, '..', '..', 'dist', 'simulation-thread.js');
  if (!existsSync(built))
    throw new Error(`thread file ${built} is missing: run 'pnpm build' in packages/distributed`);
  return built;
}

export interface ThreadResult {
  readonly summary: SimulationSummary;
  readonly files?: FileEntries;
}

interface Slot {
  worker: Worker;
  /** Taken by a call (set synchronously when handed out, so two calls never share it). */
  taken: boolean;
  busy: ((reply: ThreadReply | Error) => void) | null;
}

export class SimulationThreads {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly data: SimulationThreadData,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = {
      worker: new Worker(simulationThreadPath(), { workerData: this.data }),
      taken: false,
      busy: null,
    };
    const fail = (error: Error) => {
      const busy = slot.busy;
      slot.busy = null;
      busy?.(error);
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
    };
    slot.worker.on('message', (reply: ThreadReply) => slot.busy?.(reply));
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`a simulation thread exited (code ${code})`));
    });
    return slot;
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.taken);
    if (free) {
      free.taken = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    slot.taken = false;
    slot.busy = null;
    const free = this.slots.find((s) => !s.taken);
    const next = free ? this.waiting.shift() : undefined;
    if (free && next) {
      free.taken = true;
      next(free);
    }
  }

  /** Simulates `task`; `workloadBytes` is called when the thread lacks the workload. */
  async run(
    task: Omit<ThreadTask, 'id' | 'workloadBytes'>,
    workloadBytes: () => Uint8Array,
  ): Promise<ThreadResult> {
    const slot = await this.acquire();
    const id = this.nextId++;
    const send = (withBytes: boolean) =>
      new Promise<ThreadReply>((resolve, reject) => {
        slot.busy = (reply) => (reply instanceof Error ? reject(reply) : resolve(reply));
        slot.worker.postMessage({
          ...task,
          id,
          ...(withBytes ? { workloadBytes: workloadBytes() } : {}),
        } satisfies ThreadTask);
      });
    try {
      let reply = await send(false);
      if ('need' in reply) reply = await send(true);
      if ('error' in reply) throw new Error(reply.error);
      if ('need' in reply) throw new Error(`the thread did not take workload ${reply.need}`);
      return reply.files
        ? { summary: reply.summary, files: reply.files }
        : { summary: reply.summary };
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
