/**
 * Namespaces and workgroups for a live run, through the Redshift Serverless API: created
 * tagged and journaled before use, awaited until AVAILABLE, deleted at teardown and awaited
 * until gone. Workgroups named by the user (pre-existing) are used as they are and never
 * created or deleted.
 */
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  DeleteNamespaceCommand,
  DeleteWorkgroupCommand,
  GetNamespaceCommand,
  GetWorkgroupCommand,
  type RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { sleep } from './rate-limiter.js';
import type { ResourceJournal } from './resource-journal.js';

/** Tag keys on every resource the tool creates (`autoslo cleanup` looks for the first). */
export const RUN_ID_TAG = 'autoslo:run_id';
export const CREATED_BY_TAG = 'autoslo:created_by';
export const CLUSTER_TAG = 'autoslo:cluster';

export interface CapacitySettings {
  /** `provisioner_config.max_capacity_ratio`: maxCapacity = max(base, base * ratio). */
  readonly maxCapacityRatio: number;
  /** RAIS baseline: a price-performance level instead of a base capacity. */
  readonly pricePerformanceLevel: number | null;
  readonly maxCapacityUnderTarget: number;
}

/** The `provisioner_config` keys the capacity of created workgroups is read from. */
export interface ProvisionerConfigKeys {
  readonly max_capacity_ratio?: number;
  readonly price_performance_target_level?: number | null;
  readonly max_capacity_under_price_performance_target?: number;
}

/** Capacity settings from an execution config's `provisioner_config`, with its defaults. */
export function capacitySettingsOf(prov: ProvisionerConfigKeys | undefined): CapacitySettings {
  return {
    maxCapacityRatio: prov?.max_capacity_ratio ?? 1,
    pricePerformanceLevel: prov?.price_performance_target_level ?? null,
    maxCapacityUnderTarget: prov?.max_capacity_under_price_performance_target ?? 128,
  };
}

export interface ProvisionerSettings {
  readonly capacity: CapacitySettings;
  /** Longest wait for a status change (default 1200 s). */
  readonly timeoutS?: number;
  /** Longest pause between two status polls (default 5 s). */
  readonly maxPollMs?: number;
}

export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';
}

/** A valid capacity at or above `rpu` (8-512 in steps of 8, then steps of 32). */
export function validCapacityAtLeast(rpu: number): number {
  if (rpu <= 4) return 4;
  if (rpu <= 512) return Math.ceil(rpu / 8) * 8;
  return Math.min(1024, Math.ceil(rpu / 32) * 32);
}

function isNotFound(error: unknown): boolean {
  return (error as { name?: string }).name === 'ResourceNotFoundException';
}

function isConflict(error: unknown): boolean {
  return (error as { name?: string }).name === 'ConflictException';
}

export class ServerlessProvisioner {
  private readonly timeoutMs: number;
  private readonly maxPollMs: number;

  constructor(
    private readonly client: RedshiftServerlessClient,
    private readonly journal: ResourceJournal,
    private readonly settings: ProvisionerSettings,
  ) {
    this.timeoutMs = (settings.timeoutS ?? 1200) * 1000;
    this.maxPollMs = settings.maxPollMs ?? 5000;
  }

  private tags(cluster: string) {
    return [
      { key: RUN_ID_TAG, value: this.journal.runId },
      { key: CREATED_BY_TAG, value: 'autoslo-ts' },
      { key: CLUSTER_TAG, value: cluster },
    ];
  }

  /** Polls `probe` with growing pauses until it returns true. */
  private async until(what: string, probe: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    let waitMs = 100;
    for (;;) {
      if (await probe()) return;
      if (Date.now() > deadline) throw new ProvisioningError(`timed out waiting for ${what}`);
      await sleep(waitMs);
      waitMs = Math.min(this.maxPollMs, waitMs * 1.5);
    }
  }

  /** Creates namespace and workgroup `name` of `rpu` and waits until it takes queries. */
  async spinUp(name: string, rpu: number): Promise<void> {
    const tags = this.tags(name);
    this.journal.willCreate('namespace', name);
    try {
      // The admin password is kept by Secrets Manager: no secret passes through this tool.
      await this.client.send(
        new CreateNamespaceCommand({ namespaceName: name, manageAdminPassword: true, tags }),
      );
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    await this.until(`namespace ${name}`, async () => {
      const ns = await this.client.send(new GetNamespaceCommand({ namespaceName: name }));
      return ns.namespace?.status === 'AVAILABLE';
    });
    const c = this.settings.capacity;
    const capacity =
      c.pricePerformanceLevel !== null
        ? {
            pricePerformanceTarget: { status: 'ENABLED' as const, level: c.pricePerformanceLevel },
            maxCapacity: c.maxCapacityUnderTarget,
          }
        : {
            baseCapacity: rpu,
            maxCapacity: validCapacityAtLeast(Math.max(rpu, rpu * c.maxCapacityRatio)),
          };
    this.journal.willCreate('workgroup', name);
    try {
      await this.client.send(
        new CreateWorkgroupCommand({
          workgroupName: name,
          namespaceName: name,
          publiclyAccessible: false,
          tags,
          ...capacity,
        }),
      );
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    await this.until(`workgroup ${name}`, async () => {
      const wg = await this.client.send(new GetWorkgroupCommand({ workgroupName: name }));
      return wg.workgroup?.status === 'AVAILABLE';
    });
  }

  /** Checks that a workgroup the user named exists and takes queries (nothing is created). */
  async checkExisting(workgroup: string): Promise<void> {
    let status: string | undefined;
    try {
      status = (await this.client.send(new GetWorkgroupCommand({ workgroupName: workgroup })))
        .workgroup?.status;
    } catch (error) {
      if (isNotFound(error)) throw new ProvisioningError(`workgroup ${workgroup} does not exist`);
      throw error;
    }
    if (status !== 'AVAILABLE')
      throw new ProvisioningError(`workgroup ${workgroup} is ${status}, not AVAILABLE`);
  }

  /** Deletes workgroup then namespace `name`, each awaited until gone. Missing is fine. */
  async tearDown(name: string): Promise<void> {
    await deleteWorkgroupAndNamespace(this.client, name, name, {
      onDeleted: (kind) => this.journal.deleted(kind, name),
      until: (what, probe) => this.until(what, probe),
    });
  }
}

/** Shared by teardown and `cleanup`: delete, wait for ResourceNotFound, report. */
export async function deleteWorkgroupAndNamespace(
  client: RedshiftServerlessClient,
  workgroup: string | null,
  namespace: string | null,
  hooks: {
    onDeleted: (kind: 'workgroup' | 'namespace') => void;
    until: (what: string, probe: () => Promise<boolean>) => Promise<void>;
  },
): Promise<void> {
  if (workgroup !== null) {
    await deleteThen(
      () => client.send(new DeleteWorkgroupCommand({ workgroupName: workgroup })),
      () => client.send(new GetWorkgroupCommand({ workgroupName: workgroup })),
      `deletion of workgroup ${workgroup}`,
      hooks.until,
    );
    hooks.onDeleted('workgroup');
  }
  if (namespace !== null) {
    await deleteThen(
      () => client.send(new DeleteNamespaceCommand({ namespaceName: namespace })),
      () => client.send(new GetNamespaceCommand({ namespaceName: namespace })),
      `deletion of namespace ${namespace}`,
      hooks.until,
    );
    hooks.onDeleted('namespace');
  }
}

async function deleteThen(
  remove: () => Promise<unknown>,
  get: () => Promise<unknown>,
  what: string,
  until: (what: string, probe: () => Promise<boolean>) => Promise<void>,
): Promise<void> {
  // A namespace cannot be deleted while its workgroup is still DELETING: retry on conflict.
  await until(what, async () => {
    try {
      await remove();
      return true;
    } catch (error) {
      if (isNotFound(error)) return true;
      if (isConflict(error)) return false;
      throw error;
    }
  });
  await until(what, async () => {
    try {
      await get();
      return false;
    } catch (error) {
      if (isNotFound(error)) return true;
      throw error;
    }
  });
}
