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
    const conn = await this.inner.acquireConnection();
    const exec = this.exec;
    return {
      executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        if (query.parameters.length > 0) return conn.executeQuery<R>(query);
        return exec(query.sql) as Promise<QueryResult<R>>;
      },
      streamQuery: (query, chunkSize) => conn.streamQuery(query, chunkSize),
      // Kept so the inner driver can release what it handed out.
      ...{ inner: conn },
    } as DatabaseConnection;
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

function unwrap(conn: DatabaseConnection): DatabaseConnection {
  return (conn as DatabaseConnection & { inner: DatabaseConnection }).inner;
}
