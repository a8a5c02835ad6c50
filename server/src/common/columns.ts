// Column shapes both engines store the same way. Ids and times are set by the application so an
// insert is one round trip on MySQL too (TOOLCHAIN: no RETURNING there).
import { randomUUID } from 'node:crypto';
import { Column, type ColumnOptions } from 'typeorm';

export const ID_LENGTH = 36;

export const newId = (): string => randomUUID();

export function IdColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: ID_LENGTH, ...options });
}

/** UTC instants with millisecond precision. */
export function TimeColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}
