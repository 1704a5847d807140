import type { DataSource, QueryRunner } from 'typeorm';
import { daySql, type DaySql } from './day-sql';

/** One connection with its own temporary tables, for a query done in steps. */
export interface Scratch {
  readonly sql: DaySql;
  query<T = unknown>(sql: string, params?: readonly unknown[]): Promise<T>;
  /** Creates a temporary table with these columns and returns its name (dropped when the work ends). */
  table(columns: string): Promise<string>;
  count(table: string): Promise<number>;
}

/**
 * Above this many customers in a step, a later step reads its source's corp-wide index range once
 * and looks customers up in the scratch table; at or below it, it seeks each customer's rows by
 * primary key. Random seeks cost far more than reading an index in order, so only few customers
 * are worth seeking.
 */
export const SEEK_LIMIT = 20_000;

/**
 * Bigger in-memory temporary tables for this session on MySQL: a GROUP BY over a million customers
 * would otherwise spill to disk and take several times as long. Set back to the server's value after.
 */
const SESSION_TMP_BYTES = 512 * 1024 * 1024;

let counter = 0;

export async function withScratch<T>(ds: DataSource, work: (s: Scratch) => Promise<T>): Promise<T> {
  const sql = daySql(ds.options.type === 'mysql');
  const qr: QueryRunner = ds.createQueryRunner();
  await qr.connect();
  const tables: string[] = [];
  try {
    if (sql.mysql) await qr.query(`SET SESSION tmp_table_size = ${SESSION_TMP_BYTES}, max_heap_table_size = ${SESSION_TMP_BYTES}`);
    const scratch: Scratch = {
      sql,
      query: async <R>(text: string, params: readonly unknown[] = []) => (await qr.query(text, [...params])) as R,
      table: async (columns) => {
        const name = `scratch_${process.pid}_${++counter}`;
        tables.push(name);
        await qr.query(sql.createTemp(name, columns));
        return name;
      },
      count: async (table) => {
        const [row] = (await qr.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: number | string }>;
        return Number(row?.n ?? 0);
      },
    };
    return await work(scratch);
  } finally {
    try {
      for (const name of tables) await qr.query(sql.dropTemp(name));
      if (sql.mysql) await qr.query('SET SESSION tmp_table_size = DEFAULT, max_heap_table_size = DEFAULT');
    } finally {
      await qr.release();
    }
  }
}
