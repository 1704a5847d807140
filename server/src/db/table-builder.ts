import { Table, TableColumn, TableIndex, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** Terse, portable column shapes for migrations (the same on SQLite and MySQL). */
export const col = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  key: (name: string, length = 191): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true }),
  ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
  str: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
  text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  int: (name: string, nullable = false, dflt?: number): TableColumnOptions => ({
    name,
    type: 'int',
    isNullable: nullable,
    ...(dflt !== undefined ? { default: dflt } : {}),
  }),
  float: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'float', isNullable: nullable }),
  bool: (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', default: dflt ? 1 : 0 }),
  time: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable }),
  date: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable }),
  json: (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true }),
};

export interface IndexSpec {
  name: string;
  columns: string[];
  unique?: boolean;
}

/** SQLite has no datetime precision; MySQL needs it for milliseconds. */
const portable = (qr: QueryRunner, columns: TableColumnOptions[]): TableColumnOptions[] =>
  qr.connection.options.type === 'mysql' ? columns : columns.map((c) => ({ ...c, precision: undefined }));

export async function addColumns(qr: QueryRunner, table: string, columns: TableColumnOptions[]): Promise<void> {
  await qr.addColumns(table, portable(qr, columns).map((c) => new TableColumn(c)));
}

export async function createTable(qr: QueryRunner, name: string, columns: TableColumnOptions[], indices: IndexSpec[] = []): Promise<void> {
  const isMysql = qr.connection.options.type === 'mysql';
  const fixed = portable(qr, columns);
  await qr.createTable(
    new Table({
      name,
      columns: fixed,
      indices: indices.map((i) => new TableIndex({ name: i.name, columnNames: i.columns, isUnique: i.unique ?? false })),
      ...(isMysql ? { engine: 'InnoDB' } : {}),
    }),
    true,
  );
}

/** Adds indexes to an existing table. */
export async function addIndices(qr: QueryRunner, table: string, indices: IndexSpec[]): Promise<void> {
  await qr.createIndices(table, indices.map((i) => new TableIndex({ name: i.name, columnNames: i.columns, isUnique: i.unique ?? false })));
}
