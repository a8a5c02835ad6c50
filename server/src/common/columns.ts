// Column shapes both engines store the same way. Ids and times are set by the application so an
// insert is one round trip on MySQL too (MySQL 8 has no INSERT … RETURNING).
import { Column, type ColumnOptions } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export const ID_LENGTH = 36;

/** Time-ordered ids (UUIDv7): events sort in the order they were written, and inserts stay local in MySQL's index. */
export const newId = (): string => uuidv7();

export function IdColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: ID_LENGTH, ...options });
}

/** UTC instants with millisecond precision. */
export function TimeColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}
