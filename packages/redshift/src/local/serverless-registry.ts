/**
 * Namespaces and workgroups, with the service's status life cycle: a workgroup is CREATING
 * for the spin-up delay, then AVAILABLE; a deleted one is DELETING for the delete delay,
 * then gone (ResourceNotFoundException). Statuses are derived from timestamps when read,
 * so no timer is left running.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import { notFound, ServiceError, validation } from './service-error.js';

export const LOCAL_ACCOUNT_ID = '123456789012';
export const LOCAL_REGION = 'us-east-1';
/** The service's default base capacity (RPU) when none is given. */
export const DEFAULT_BASE_CAPACITY = 128;
const PERFORMANCE_LEVELS = [1, 25, 50, 75, 100];

export interface TagJson {
  key: string;
  value: string;
}

export interface PerformanceTargetJson {
  status: string;
  level: number;
}

export interface NamespaceRecord {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly adminUsername: string;
  readonly dbName: string;
  readonly createdMs: number;
  deletingSinceMs: number | null;
  tags: TagJson[];
}

export interface WorkgroupRecord {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly namespaceName: string;
  readonly createdMs: number;
  readonly availableAtMs: number;
  deletingSinceMs: number | null;
  baseCapacity: number | null;
  maxCapacity: number | null;
  pricePerformanceTarget: PerformanceTargetJson | null;
  publiclyAccessible: boolean;
  port: number;
  configParameters: { parameterKey: string; parameterValue: string }[];
  tags: TagJson[];
}

export type WorkgroupStatus = 'CREATING' | 'AVAILABLE' | 'DELETING';

/** 4, 8-512 in steps of 8, 512-1024 in steps of 32 (platform-facts.md §6). */
export function isValidBaseCapacity(rpu: number): boolean {
  if (!Number.isInteger(rpu)) return false;
  if (rpu === 4) return true;
  if (rpu >= 8 && rpu <= 512) return rpu % 8 === 0;
  return rpu > 512 && rpu <= 1024 && rpu % 32 === 0;
}

export function validatePerformanceTarget(value: unknown): PerformanceTargetJson | null {
  if (value === undefined || value === null) return null;
  const t = value as { status?: unknown; level?: unknown };
  const status = t.status ?? 'ENABLED';
  if (status !== 'ENABLED' && status !== 'DISABLED') {
    throw validation('pricePerformanceTarget.status must be ENABLED or DISABLED.');
  }
  if (typeof t.level !== 'number' || !PERFORMANCE_LEVELS.includes(t.level)) {
    throw validation(
      `pricePerformanceTarget.level must be one of ${PERFORMANCE_LEVELS.join(', ')}.`,
    );
  }
  return { status, level: t.level };
}

export interface RegistryTiming {
  readonly spinUpDelayMs: number;
  readonly deleteDelayMs: number;
}

export class ServerlessRegistry {
  private readonly namespaces = new Map<string, NamespaceRecord>();
  private readonly workgroups = new Map<string, WorkgroupRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly timing: RegistryTiming,
  ) {}

  /** Drops resources whose deletion has completed. */
  private sweep(): void {
    const now = this.clock.now();
    const gone = (since: number | null) =>
      since !== null && now >= since + this.timing.deleteDelayMs;
    for (const [name, wg] of this.workgroups)
      if (gone(wg.deletingSinceMs)) this.workgroups.delete(name);
    for (const [name, ns] of this.namespaces)
      if (gone(ns.deletingSinceMs)) this.namespaces.delete(name);
  }

  workgroupStatus(wg: WorkgroupRecord): WorkgroupStatus {
    if (wg.deletingSinceMs !== null) return 'DELETING';
    return this.clock.now() >= wg.availableAtMs ? 'AVAILABLE' : 'CREATING';
  }

  namespaceStatus(ns: NamespaceRecord): string {
    return ns.deletingSinceMs !== null ? 'DELETING' : 'AVAILABLE';
  }

  createNamespace(input: {
    name: string;
    adminUsername?: string;
    dbName?: string;
    tags?: TagJson[];
  }): NamespaceRecord {
    checkResourceName('namespaceName', input.name);
    this.sweep();
    if (this.namespaces.has(input.name)) {
      throw new ServiceError('ConflictException', `Namespace ${input.name} already exists.`);
    }
    const id = randomUUID();
    const ns: NamespaceRecord = {
      id,
      name: input.name,
      arn: `arn:aws:redshift-serverless:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:namespace/${id}`,
      adminUsername: input.adminUsername ?? 'admin',
      dbName: input.dbName ?? 'dev',
      createdMs: this.clock.now(),
      deletingSinceMs: null,
      tags: input.tags ?? [],
    };
    this.namespaces.set(ns.name, ns);
    return ns;
  }

  namespace(name: string): NamespaceRecord {
    this.sweep();
    const ns = this.namespaces.get(name);
    if (!ns) throw notFound(`Namespace ${name} not found.`);
    return ns;
  }

  listNamespaces(): NamespaceRecord[] {
    this.sweep();
    return [...this.namespaces.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  deleteNamespace(name: string): NamespaceRecord {
    const ns = this.namespace(name);
    const attached = [...this.workgroups.values()].find((w) => w.namespaceName === name);
    if (attached) {
      throw new ServiceError(
        'ConflictException',
        `Namespace ${name} has the workgroup ${attached.name}; delete it first.`,
      );
    }
    ns.deletingSinceMs ??= this.clock.now();
    return ns;
  }

  createWorkgroup(
    input: Omit<WorkgroupRecord, 'id' | 'arn' | 'createdMs' | 'availableAtMs' | 'deletingSinceMs'>,
    spinUpDelayMs = this.timing.spinUpDelayMs,
  ): WorkgroupRecord {
    checkResourceName('workgroupName', input.name);
    this.sweep();
    const ns = this.namespaces.get(input.namespaceName);
    if (!ns || ns.deletingSinceMs !== null) {
      throw notFound(`Namespace ${input.namespaceName} not found.`);
    }
    if (this.workgroups.has(input.name)) {
      throw new ServiceError('ConflictException', `Workgroup ${input.name} already exists.`);
    }
    const taken = [...this.workgroups.values()].find((w) => w.namespaceName === ns.name);
    if (taken) {
      throw new ServiceError(
        'ConflictException',
        `Namespace ${ns.name} is already associated with the workgroup ${taken.name}.`,
      );
    }
    const id = randomUUID();
    const now = this.clock.now();
    const wg: WorkgroupRecord = {
      ...input,
      id,
      arn: `arn:aws:redshift-serverless:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:workgroup/${id}`,
      createdMs: now,
      availableAtMs: now + spinUpDelayMs,
      deletingSinceMs: null,
    };
    this.workgroups.set(wg.name, wg);
    return wg;
  }

  workgroup(name: string): WorkgroupRecord {
    this.sweep();
    const wg = this.workgroups.get(name);
    if (!wg) throw notFound(`Serverless workgroup ${name} not found.`);
    return wg;
  }

  listWorkgroups(): WorkgroupRecord[] {
    this.sweep();
    return [...this.workgroups.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  deleteWorkgroup(name: string): WorkgroupRecord {
    const wg = this.workgroup(name);
    if (this.workgroupStatus(wg) === 'CREATING') {
      throw new ServiceError('ConflictException', `Workgroup ${name} is still being created.`);
    }
    wg.deletingSinceMs ??= this.clock.now();
    return wg;
  }

  /** The namespace or workgroup an ARN names. */
  byArn(arn: string): NamespaceRecord | WorkgroupRecord {
    this.sweep();
    const found =
      [...this.workgroups.values()].find((w) => w.arn === arn) ??
      [...this.namespaces.values()].find((n) => n.arn === arn);
    if (!found) throw notFound(`Resource ${arn} not found.`);
    return found;
  }

  /** RPUs a workgroup bills at: its base capacity, or the service default. */
  capacityOf(wg: WorkgroupRecord): number {
    return wg.baseCapacity ?? DEFAULT_BASE_CAPACITY;
  }
}

/** The service's rule for namespace and workgroup names: 3-64 of lowercase a-z, 0-9 and `-`. */
const RESOURCE_NAME = /^[a-z0-9-]{3,64}$/;

function checkResourceName(field: string, name: string): void {
  if (!RESOURCE_NAME.test(name))
    throw new ServiceError(
      'ValidationException',
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: ` +
        'Member must be 3 to 64 characters of lowercase letters, digits and hyphens.',
    );
}
