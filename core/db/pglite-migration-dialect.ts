// Migrations are plain SQL with many statements; PGlite's query() takes one at a time.
// This wraps the PGlite dialect so a query without parameters runs through exec() instead.
// PGlite has a single session, so exec() runs inside whatever transaction is open.
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';

type Exec = (sqlText: string) => Promise<QueryResult<unknown>>;

export function pgliteMigrationDialect(inner: Dialect, exec: Exec): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new MultiStatementDriver(inner.createDriver(), exec),
  };
}

class MultiStatementDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly exec: Exec,
  ) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new MultiStatementConnection(await this.inner.acquireConnection(), this.exec);
  }
  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(unwrap(conn), settings);
  }
  commitTransaction(conn: DatabaseConnection) {
    return this.inner.commitTransaction(unwrap(conn));
  }
  rollbackTransaction(conn: DatabaseConnection) {
    return this.inner.rollbackTransaction(unwrap(conn));
  }
  releaseConnection(conn: DatabaseConnection) {
    return this.inner.releaseConnection(unwrap(conn));
  }
  destroy() {
    return this.inner.destroy();
  }
}

class MultiStatementConnection implements DatabaseConnection {
  constructor(
    /** Kept so the inner driver gets back exactly what it handed out. */
    readonly inner: DatabaseConnection,
    private readonly exec: Exec,
  ) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (query.parameters.length > 0) return this.inner.executeQuery<R>(query);
    return this.exec(query.sql) as Promise<QueryResult<R>>;
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const unwrap = (conn: DatabaseConnection) => (conn as MultiStatementConnection).inner;
