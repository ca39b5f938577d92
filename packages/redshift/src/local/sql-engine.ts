/** What the endpoint needs from a Postgres: connections that run one statement at a time. */

/** A result column as Postgres describes it. */
export interface EngineField {
  readonly name: string;
  /** Postgres type OID (23 = int4, 25 = text, ...). */
  readonly dataTypeID: number;
  /** The type modifier (numeric precision and scale), where the engine gives it (a server). */
  readonly typeModifier?: number;
}

/**
 * Values are numbers, booleans, strings (numeric, dates and times stay text), bytes or null;
 * int8 values beyond 2^53 come as bigint (PGlite) or as text (a server).
 */
export type EngineValue = number | bigint | boolean | string | Uint8Array | null;

export interface QueryOutcome {
  readonly fields: readonly EngineField[];
  /** Rows in column order. */
  readonly rows: readonly (readonly EngineValue[])[];
  /** Rows returned, or rows changed by INSERT/UPDATE/DELETE. */
  readonly rowCount: number;
}

export interface EngineConnection {
  /** The backend process id (`RedshiftPid`). */
  readonly pid: number;
  query(sql: string, params?: readonly string[]): Promise<QueryOutcome>;
  /** Asks the backend to stop the running query; false where the engine cannot. */
  cancel(): Promise<boolean>;
  release(): void;
}

export interface AcquireOptions {
  /**
   * The statement may change data or session state: on an engine of several replicas it
   * runs alone, on all of them (default false: a read, on any free connection).
   */
  readonly exclusive?: boolean;
  /** The connection is for a Data API session: it is held outside the statement slots. */
  readonly forSession?: boolean;
}

export interface SqlEngine {
  /**
   * True when a connection can be kept for a Data API session without blocking others
   * (a server pool); PGlite has a single connection, shared in turn by everyone.
   */
  readonly holdsSessionConnections: boolean;
  /** Waits for a free connection: statements queue here, first come first served. */
  acquire(options?: AcquireOptions): Promise<EngineConnection>;
  close(): Promise<void>;
}

/** Type OIDs whose values stay text rather than parsed to Date objects. */
export const TEXT_KEPT_TYPE_OIDS: readonly number[] = [1082, 1083, 1114, 1184, 1266, 1186];
