import type { StopReason } from '@autoslo/core';

/** Why a live run stopped before its end. */
export type AbortReason = StopReason;

/** The run was stopped; every resource it created was torn down (see `teardownErrors`). */
export class LiveRunAborted extends Error {
  override readonly name = 'LiveRunAborted';

  constructor(
    readonly reason: AbortReason,
    message: string,
    /** Resources whose deletion failed: `autoslo cleanup` will find them. */
    readonly teardownErrors: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
