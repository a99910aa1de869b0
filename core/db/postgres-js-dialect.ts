// A thin Kysely dialect over postgres.js. Unlike kysely-postgres-js it prepares every
// statement (unless told not to, behind a transaction pooler), runs single statements on the pool without reserving a connection, and sends
// BEGIN (and statements marked with `pipelined`) without waiting for their answers, so they
// share a round trip with the next statement of the transaction.
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { ReservedSql, Sql } from 'postgres';

const pipelinedQueries = new WeakSet<CompiledQuery>();

/**
 * Marks a statement whose result nobody reads (e.g. set_config) to be sent without waiting
 * for its answer inside a transaction. Its error, if any, surfaces on the next statement,
 * which the server refuses anyway once the transaction has failed. Other dialects run it as usual.
 */
export function pipelined(query: CompiledQuery): CompiledQuery {
  pipelinedQueries.add(query);
  return query;
}

export interface PostgresJsDialectOptions {
  /** Run parameterless queries through the simple protocol, which allows many statements (migrations). */
  multiStatement?: boolean;
  /**
   * Named prepared statements (default). Off behind a transaction-mode pooler without
   * protocol-level prepared statements (PgBouncer < 1.21): the next transaction may run on
   * another server connection, where the statement does not exist. The pool must be opened
   * with `prepare: false` too, which postgres.js lets win over the per-query option.
   */
  prepare?: boolean;
  /** Counts work holding or waiting for a pooled connection (for the pool gauges; see pool-metrics.ts). */
  usage?: PoolUsage;
}

/** Queries on the pool plus open transactions, each of which holds (or waits for) one connection. */
export interface PoolUsage {
  active: number;
}

export class PostgresJsDialect implements Dialect {
  constructor(
    private readonly sql: Sql,
    private readonly options: PostgresJsDialectOptions = {},
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PostgresJsDriver(this.sql, this.options);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

class PostgresJsDriver implements Driver {
  constructor(
    private readonly sql: Sql,
    private readonly options: PostgresJsDialectOptions,
  ) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PostgresJsConnection(this.sql, this.options);
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    await (conn as PostgresJsConnection).begin(settings);
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection) {
    (conn as PostgresJsConnection).release();
  }
  async destroy() {
    await this.sql.end({ timeout: 5 });
  }
}

class PostgresJsConnection implements DatabaseConnection {
  #reserved: ReservedSql | undefined;
  /** Sent, not yet awaited: BEGIN and pipelined statements, in order. */
  #inFlight: Promise<unknown>[] = [];

  constructor(
    private readonly sql: Sql,
    private readonly options: PostgresJsDialectOptions,
  ) {}

  #counted = false;

  async begin(settings: TransactionSettings) {
    this.#count(1);
    this.#reserved = await this.sql.reserve();
    let statement = 'begin';
    if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) statement += ` ${settings.accessMode}`;
    this.#send(this.#reserved.unsafe(statement).execute());
  }

  #send(pending: Promise<unknown>) {
    // Observed by the next statement; this only keeps Node from reporting it unhandled first.
    pending.catch(() => undefined);
    this.#inFlight.push(pending);
  }

  #count(delta: 1 | -1) {
    const usage = this.options.usage;
    if (!usage || this.#counted === (delta === 1)) return;
    usage.active += delta;
    this.#counted = delta === 1;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#reserved || !this.options.usage) return this.#execute(query);
    this.#count(1);
    try {
      return await this.#execute<R>(query);
    } finally {
      this.#count(-1);
    }
  }

  async #execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const target = this.#reserved ?? this.sql;
    const pending =
      this.options.multiStatement && query.parameters.length === 0
        ? target.unsafe(query.sql).simple().execute()
        : target.unsafe(query.sql, query.parameters as never[], { prepare: this.options.prepare ?? true }).execute();
    if (this.#reserved && pipelinedQueries.has(query)) {
      this.#send(pending);
      return { rows: [] };
    }
    if (this.#inFlight.length > 0) {
      const earlier = this.#inFlight;
      this.#inFlight = [];
      pending.catch(() => undefined);
      for (const statement of earlier) await statement;
    }
    const result = await pending;
    const { command, count } = result;
    return {
      numAffectedRows:
        command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE'
          ? BigInt(count)
          : undefined,
      rows: Array.from(result) as R[],
    };
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    const target = this.#reserved ?? this.sql;
    const cursor = target.unsafe(query.sql, query.parameters as never[]).cursor(chunkSize);
    for await (const rows of cursor) yield { rows: Array.from(rows) as R[] };
  }

  release() {
    this.#count(-1);
    this.#reserved?.release();
    this.#reserved = undefined;
    this.#inFlight = [];
  }
}
