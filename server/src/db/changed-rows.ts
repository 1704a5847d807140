import type { EntityManager } from 'typeorm';

/**
 * Runs a write and answers how many rows it changed, the same way on both drivers: inside the
 * manager's transaction when it has one, else on a query runner of its own.
 */
export async function changedRows(em: EntityManager, sql: string, params: readonly unknown[]): Promise<number> {
  if (em.queryRunner) return ((await em.queryRunner.query(sql, [...params], true)) as { affected?: number }).affected ?? 0;
  const qr = em.connection.createQueryRunner();
  try {
    return ((await qr.query(sql, [...params], true)) as { affected?: number }).affected ?? 0;
  } finally {
    await qr.release();
  }
}
