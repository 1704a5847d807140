import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';

/** The database this test project runs on: a fresh SQLite in memory, or a fresh MariaDB database. */
export function testDatabaseUrl(): string {
  if (process.env.TEST_DB === 'mysql') {
    const base = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/lodestar_test');
    base.pathname = `/${base.pathname.slice(1) || 'lodestar_test'}_${randomBytes(4).toString('hex')}`;
    return base.toString();
  }
  return 'sqlite::memory:';
}

export interface TestDatabase {
  url: string;
  ds: DataSource;
  close(): Promise<void>;
}

/** Opens a fresh, migrated database; close() drops it again (MySQL) and frees the pool. */
export async function openTestDatabase(url = testDatabaseUrl()): Promise<TestDatabase> {
  const ds = await openDatabase(url);
  return {
    url,
    ds,
    async close() {
      await ds.destroy();
      await dropTestDatabase(url);
    },
  };
}

/** Drops a MySQL test database (SQLite in memory needs nothing). */
export async function dropTestDatabase(url: string): Promise<void> {
  if (!url.startsWith('mysql:')) return;
  const u = new URL(url);
  const { createConnection } = await import('mysql2/promise');
  const conn = await createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password) });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${u.pathname.slice(1)}\``);
  } finally {
    await conn.end();
  }
}
