import type { ColumnOptions } from 'typeorm';

/** Column shapes shared by every entity, so SQLite and MySQL agree (tsx needs explicit types). */
export const idColumn = { type: 'varchar', length: 36 } as const;
export const keyColumn = (length: number) => ({ type: 'varchar', length }) as const;
export const refColumn: ColumnOptions = { type: 'varchar', length: 36 };
export const nullableRef: ColumnOptions = { type: 'varchar', length: 36, nullable: true };
export const timeColumn: ColumnOptions = { type: 'datetime', precision: 3 };
export const nullableTime: ColumnOptions = { type: 'datetime', precision: 3, nullable: true };
export const jsonColumn: ColumnOptions = { type: 'simple-json', nullable: true };
export const text = (length: number, nullable = false): ColumnOptions => ({ type: 'varchar', length, nullable });

/** A BIGINT counter such as the chat archive's seq: drivers hand it back as a string, entities see a number. */
export const bigintNumber: ColumnOptions = {
  type: 'bigint',
  transformer: { to: (v: number) => v, from: (v: string | number | null) => (v === null ? 0 : Number(v)) },
};
