/**
 * The Redshift Serverless operations the tool uses, over the registry. This service's
 * timestamps are RFC 3339 strings (the Data API's are epoch seconds).
 */
import { FaultInjector } from './faults.js';
import {
  decodeToken,
  encodeToken,
  type JsonObject,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
} from './json-input.js';
import {
  DEFAULT_BASE_CAPACITY,
  isValidBaseCapacity,
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  type NamespaceRecord,
  type ServerlessRegistry,
  type TagJson,
  validatePerformanceTarget,
  type WorkgroupRecord,
} from './serverless-registry.js';
import { ServiceError, validation } from './service-error.js';

export type OperationHandler = (input: JsonObject) => Promise<JsonObject> | JsonObject;

function tagsOf(input: JsonObject, key = 'tags'): TagJson[] {
  return (optionalArray(input, key) ?? []).map((t) => {
    const tag = (t ?? {}) as { key?: unknown; value?: unknown };
    if (typeof tag.key !== 'string' || typeof tag.value !== 'string') {
      throw validation('Each tag needs a string key and a string value.');
    }
    return { key: tag.key, value: tag.value };
  });
}

function capacityOf(input: JsonObject, key: string): number | undefined {
  const v = optionalInteger(input, key, 1, 1024);
  if (v !== undefined && !isValidBaseCapacity(v)) {
    throw validation(
      `${key} ${v} is not valid: use 4, 8 to 512 in steps of 8, or 512 to 1024 in steps of 32.`,
    );
  }
  return v;
}

function page<T>(items: T[], input: JsonObject, max = 100): { items: T[]; nextToken?: string } {
  const limit = optionalInteger(input, 'maxResults', 1, max) ?? max;
  const offset = decodeToken(optionalString(input, 'nextToken'));
  const slice = items.slice(offset, offset + limit);
  return offset + limit < items.length
    ? { items: slice, nextToken: encodeToken(offset + limit) }
    : { items: slice };
}

export function serverlessOperations(
  registry: ServerlessRegistry,
  faults: FaultInjector = new FaultInjector(),
): Record<string, OperationHandler> {
  const namespaceJson = (ns: NamespaceRecord): JsonObject => ({
    namespaceArn: ns.arn,
    namespaceId: ns.id,
    namespaceName: ns.name,
    adminUsername: ns.adminUsername,
    dbName: ns.dbName,
    status: registry.namespaceStatus(ns),
    creationDate: new Date(ns.createdMs).toISOString(),
    iamRoles: [],
    logExports: [],
  });

  const workgroupJson = (wg: WorkgroupRecord): JsonObject => ({
    workgroupArn: wg.arn,
    workgroupId: wg.id,
    workgroupName: wg.name,
    namespaceName: wg.namespaceName,
    ...(wg.baseCapacity !== null ? { baseCapacity: wg.baseCapacity } : {}),
    ...(wg.maxCapacity !== null ? { maxCapacity: wg.maxCapacity } : {}),
    ...(wg.pricePerformanceTarget ? { pricePerformanceTarget: wg.pricePerformanceTarget } : {}),
    status: registry.workgroupStatus(wg),
    creationDate: new Date(wg.createdMs).toISOString(),
    publiclyAccessible: wg.publiclyAccessible,
    enhancedVpcRouting: false,
    port: wg.port,
    configParameters: wg.configParameters,
    endpoint: {
      address: `${wg.name}.${LOCAL_ACCOUNT_ID}.${LOCAL_REGION}.redshift-serverless.amazonaws.com`,
      port: wg.port,
    },
  });

  const capacities = (input: JsonObject, current?: WorkgroupRecord) => {
    const base = capacityOf(input, 'baseCapacity');
    const target = validatePerformanceTarget(input.pricePerformanceTarget);
    const max = optionalInteger(input, 'maxCapacity', 4, 5632);
    const effectiveBase = base ?? current?.baseCapacity ?? null;
    if (max !== undefined && effectiveBase !== null && max < effectiveBase) {
      throw validation(`maxCapacity ${max} is below the base capacity ${effectiveBase}.`);
    }
    return { base, target, max };
  };

  return {
    CreateNamespace: (input) => {
      const ns = registry.createNamespace({
        name: requiredString(input, 'namespaceName'),
        adminUsername: optionalString(input, 'adminUsername'),
        dbName: optionalString(input, 'dbName'),
        tags: tagsOf(input),
      });
      return { namespace: namespaceJson(ns) };
    },
    GetNamespace: (input) => ({
      namespace: namespaceJson(registry.namespace(requiredString(input, 'namespaceName'))),
    }),
    ListNamespaces: (input) => {
      const { items, nextToken } = page(registry.listNamespaces(), input);
      return { namespaces: items.map(namespaceJson), ...(nextToken ? { nextToken } : {}) };
    },
    DeleteNamespace: (input) => ({
      namespace: namespaceJson(registry.deleteNamespace(requiredString(input, 'namespaceName'))),
    }),
    CreateWorkgroup: (input) => {
      faults.beforeWorkgroupCreation(requiredString(input, 'workgroupName'));
      const { base, target, max } = capacities(input);
      if (base !== undefined && target?.status === 'ENABLED') {
        throw validation(
          'Give either baseCapacity or an enabled pricePerformanceTarget, not both.',
        );
      }
      const wg = registry.createWorkgroup({
        name: requiredString(input, 'workgroupName'),
        namespaceName: requiredString(input, 'namespaceName'),
        // The service's default base capacity, unless a price-performance target sets it.
        baseCapacity: base ?? (target?.status === 'ENABLED' ? null : DEFAULT_BASE_CAPACITY),
        maxCapacity: max ?? null,
        pricePerformanceTarget: target,
        publiclyAccessible: optionalBoolean(input, 'publiclyAccessible') ?? false,
        port: optionalInteger(input, 'port', 5431, 65535) ?? 5439,
        configParameters: (optionalArray(input, 'configParameters') ?? []).map((p) => {
          const c = (p ?? {}) as { parameterKey?: unknown; parameterValue?: unknown };
          if (typeof c.parameterKey !== 'string' || typeof c.parameterValue !== 'string') {
            throw validation(
              'Each config parameter needs a string parameterKey and parameterValue.',
            );
          }
          return { parameterKey: c.parameterKey, parameterValue: c.parameterValue };
        }),
        tags: tagsOf(input),
      });
      return { workgroup: workgroupJson(wg) };
    },
    GetWorkgroup: (input) => ({
      workgroup: workgroupJson(registry.workgroup(requiredString(input, 'workgroupName'))),
    }),
    ListWorkgroups: (input) => {
      const { items, nextToken } = page(registry.listWorkgroups(), input);
      return { workgroups: items.map(workgroupJson), ...(nextToken ? { nextToken } : {}) };
    },
    DeleteWorkgroup: (input) => ({
      workgroup: workgroupJson(registry.deleteWorkgroup(requiredString(input, 'workgroupName'))),
    }),
    UpdateWorkgroup: (input) => {
      const wg = registry.workgroup(requiredString(input, 'workgroupName'));
      if (registry.workgroupStatus(wg) !== 'AVAILABLE') {
        throw new ServiceError(
          'ConflictException',
          `Workgroup ${wg.name} is ${registry.workgroupStatus(wg)}; it can be updated once AVAILABLE.`,
        );
      }
      const { base, target, max } = capacities(input, wg);
      if (base !== undefined) wg.baseCapacity = base;
      if (target) wg.pricePerformanceTarget = target;
      if (max !== undefined) wg.maxCapacity = max;
      const pub = optionalBoolean(input, 'publiclyAccessible');
      if (pub !== undefined) wg.publiclyAccessible = pub;
      return { workgroup: workgroupJson(wg) };
    },
    TagResource: (input) => {
      const resource = registry.byArn(requiredString(input, 'resourceArn'));
      for (const tag of tagsOf(input)) {
        resource.tags = [...resource.tags.filter((t) => t.key !== tag.key), tag];
      }
      return {};
    },
    UntagResource: (input) => {
      const resource = registry.byArn(requiredString(input, 'resourceArn'));
      const keys = (optionalArray(input, 'tagKeys') ?? []).map(String);
      resource.tags = resource.tags.filter((t) => !keys.includes(t.key));
      return {};
    },
    ListTagsForResource: (input) => ({
      tags: registry.byArn(requiredString(input, 'resourceArn')).tags,
    }),
  };
}
