/** Fault injection: throttling, transient server errors and statements made to fail. */

import { SeededRandom } from '@autoslo/workload';
import { ServiceError } from './service-error.js';

export interface FailingStatementRule {
  /** A regular expression (case-insensitive) tested against the statement's SQL. */
  readonly pattern: string;
  /** The error the statement reports; default `injected failure`. */
  readonly error?: string;
}

export interface FaultOptions {
  /** Probability (0..1) that an API request is refused with `ThrottlingException`. */
  readonly throttleRate?: number;
  /** Probability (0..1) that an API request fails with `InternalServerException` (HTTP 500). */
  readonly transientErrorRate?: number;
  /** Only these operations (e.g. `ExecuteStatement`) get throttled or transient errors; default all. */
  readonly operations?: readonly string[];
  /** Statements whose SQL matches a rule end FAILED with the rule's error. */
  readonly failStatements?: readonly FailingStatementRule[];
  /**
   * Workgroups whose creation is refused with `ServiceQuotaExceededException`, an error
   * the SDK does not retry (regular expressions, case-insensitive, tested against the
   * workgroup name): a failed spin-up.
   */
  readonly refuseWorkgroups?: readonly string[];
  /** Seed of the fault generator: the same seed and request order give the same faults. */
  readonly seed?: number;
}

export class FaultInjector {
  private readonly random: SeededRandom;
  private readonly rules: readonly { regex: RegExp; error: string }[];
  private readonly refused: readonly RegExp[];

  constructor(private readonly options: FaultOptions = {}) {
    this.random = new SeededRandom(options.seed ?? 0);
    this.rules = (options.failStatements ?? []).map((rule) => ({
      regex: new RegExp(rule.pattern, 'i'),
      error: rule.error ?? 'injected failure',
    }));
    this.refused = (options.refuseWorkgroups ?? []).map((p) => new RegExp(p, 'i'));
  }

  /** Throws when the creation of workgroup `name` is to be refused. */
  beforeWorkgroupCreation(name: string): void {
    if (this.refused.some((r) => r.test(name)))
      throw new ServiceError(
        'ServiceQuotaExceededException',
        `The workgroup quota of the account is reached: ${name} cannot be created (injected).`,
      );
  }

  /** Throws the injected API error for this request, if one is drawn. */
  beforeRequest(operation: string): void {
    const { operations, throttleRate = 0, transientErrorRate = 0 } = this.options;
    if (operations && !operations.includes(operation)) return;
    if (throttleRate > 0 && this.random.next() < throttleRate) {
      throw new ServiceError('ThrottlingException', 'Rate exceeded');
    }
    if (transientErrorRate > 0 && this.random.next() < transientErrorRate) {
      throw new ServiceError(
        'InternalServerException',
        'The request processing has failed because of an unknown error (injected).',
        500,
      );
    }
  }

  /** The error an injected rule gives this SQL, or null. */
  statementFailure(sql: string): string | null {
    return this.rules.find((rule) => rule.regex.test(sql))?.error ?? null;
  }
}
