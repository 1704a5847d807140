import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { beginImmediate, serializeTransactions } from './sqlite-transactions';
import { SnakeNamingStrategy } from './naming';

const srcRoot = join(__dirname, '..');
const entityGlob = join(srcRoot, '**', '*.entity.{ts,js}');
const migrationGlob = join(__dirname, 'migrations', '*.{ts,js}');

export type DatabaseKind = 'sqlite' | 'mysql';

export interface ParsedDatabaseUrl {
  kind: DatabaseKind;
  /** sqlite: the file path or ':memory:'; mysql: the database name. */
  database: string;
  mysql?: { host: string; port: number; user: string; password: string; params: URLSearchParams };
}

export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    return { kind: 'sqlite', database: path === ':memory:' ? ':memory:' : resolve(path) };
  }
  const u = new URL(url);
  if (u.protocol !== 'mysql:') throw new Error(`unsupported database url ${u.protocol}`);
  return {
    kind: 'mysql',
    database: decodeURIComponent(u.pathname.slice(1)),
    mysql: {
      host: u.hostname,
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password),
      params: u.searchParams,
    },
  };
}

export function dataSourceOptions(url: string): DataSourceOptions {
  const parsed = parseDatabaseUrl(url);
  const common = {
    entities: [entityGlob],
    migrations: [migrationGlob],
    migrationsRun: false,
    synchronize: false,
    logging: false,
    namingStrategy: new SnakeNamingStrategy(),
  };
  if (parsed.kind === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: parsed.database,
      enableWAL: parsed.database !== ':memory:',
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        // Long enough for another process's longest write (the demo data load) on a loaded machine.
        db.pragma('busy_timeout = 30000');
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  const m = parsed.mysql!;
  const socketPath = m.params.get('socket') ?? undefined;
  return {
    ...common,
    type: 'mysql',
    host: m.host,
    port: m.port,
    username: m.user,
    password: m.password,
    database: parsed.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    dateStrings: ['DATE'],
    extra: { connectionLimit: Number(m.params.get('pool') ?? 10), ...(socketPath ? { socketPath } : {}) },
  };
}

/** Creates the MySQL database when it is missing (utf8mb4), using the same credentials. */
async function ensureMysqlDatabase(parsed: ParsedDatabaseUrl): Promise<void> {
  const m = parsed.mysql!;
  const { createConnection } = await import('mysql2/promise');
  const socketPath = m.params.get('socket') ?? undefined;
  const conn = await createConnection({ host: m.host, port: m.port, user: m.user, password: m.password, ...(socketPath ? { socketPath } : {}) });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${parsed.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

/**
 * Opens the one DataSource of the process and brings the schema up to date with migrations
 * (never synchronize). On failure the pool is destroyed so nothing keeps the process alive.
 */
export async function openDatabase(url: string): Promise<DataSource> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.kind === 'sqlite' && parsed.database !== ':memory:') mkdirSync(dirname(parsed.database), { recursive: true });
  if (parsed.kind === 'mysql') await ensureMysqlDatabase(parsed);
  const ds = new DataSource(dataSourceOptions(url));
  try {
    await ds.initialize();
    if (parsed.kind === 'sqlite') {
      beginImmediate(ds);
      serializeTransactions(ds);
    }
    await migrate(ds);
    return ds;
  } catch (error) {
    if (ds.isInitialized) await ds.destroy().catch(() => undefined);
    throw error;
  }
}

/**
 * Runs pending migrations. On MySQL several processes may start at once, so a named lock
 * (GET_LOCK) lets one migrate while the others wait, then find nothing left to do.
 */
async function migrate(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'mysql') {
    await ds.runMigrations({ transaction: 'each' });
    return;
  }
  const qr = ds.createQueryRunner();
  try {
    const [row] = (await qr.query("SELECT GET_LOCK('lodestar_migrations', 120) AS got")) as { got: number | string }[];
    if (Number(row?.got) !== 1) throw new Error('could not take the migration lock within 120 s (another process is migrating?)');
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await qr.query("SELECT RELEASE_LOCK('lodestar_migrations')");
    }
  } finally {
    await qr.release();
  }
}

export function databaseKind(ds: DataSource): DatabaseKind {
  return ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
}
