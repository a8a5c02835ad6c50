// The SELECTs of the reads made before every request (the guard's caller and roles), every submission
// (the organisation with its category) and most staff requests (the organisation by id, a report's
// versions without their figures) without the query builder: its SelectQueryBuilder rebuilds, escapes
// and re-scans its SQL and runs the raw-results transformer on each call, which cost those reads more CPU
// than their statements. Here the column list is made once per entity and alias from the entity's own
// metadata, and every value still passes through the driver's hydration (dates, booleans, transformers),
// so an entity comes out as the builder would have made it — on SQLite and on MySQL alike.
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';

const lists = new WeakMap<EntityMetadata, Map<string, string>>();

/** `alias.column AS alias_column, …` for every column of the entity (but the properties in `omit`). */
export function selectList(db: DataSource, target: EntityTarget<ObjectLiteral>, alias: string, omit: readonly string[] = []): string {
  const metadata = db.getMetadata(target);
  let byAlias = lists.get(metadata);
  if (!byAlias) lists.set(metadata, (byAlias = new Map()));
  const key = omit.length ? `${alias}\u0000${omit.join(',')}` : alias;
  let list = byAlias.get(key);
  if (!list) {
    const { driver } = db;
    list = metadata.columns
      .filter((c) => !omit.includes(c.propertyName))
      .map((c) => `${driver.escape(alias)}.${driver.escape(c.databaseName)} AS ${driver.escape(`${alias}_${c.databaseName}`)}`)
      .join(', ');
    byAlias.set(key, list);
  }
  return list;
}

/**
 * The entity of `alias` in a row selected with `selectList` (the same `omit`: those properties left
 * unset); null when its primary key is null (a LEFT JOIN that found none).
 */
export function hydrate<T extends ObjectLiteral>(db: DataSource, target: EntityTarget<T>, row: Record<string, unknown>, alias: string, omit: readonly string[] = []): T | null {
  const metadata = db.getMetadata(target);
  if (metadata.primaryColumns.some((c) => row[`${alias}_${c.databaseName}`] == null)) return null;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (omit.length && omit.includes(column.propertyName)) continue;
    column.setEntityValue(entity, db.driver.prepareHydratedValue(row[`${alias}_${column.databaseName}`], column));
  }
  return entity;
}

/** One column's value as the driver hydrates it (a date from SQLite's text, a boolean), by the entity's property. */
export function hydrateValue(db: DataSource, target: EntityTarget<ObjectLiteral>, property: string, value: unknown): unknown {
  return db.driver.prepareHydratedValue(value, db.getMetadata(target).findColumnWithPropertyName(property)!);
}

/** How many keys one IN list holds: well under SQLite's limit of bound variables. */
const IN_LIST_MAX = 500;

/**
 * The entities whose `id` is one of `ids` (in no set order), as selectList/hydrate read them. Repository.findBy
 * with a list of keys writes an OR per key and runs its query builder; the staff list's page reads its
 * categories and places so on every view.
 */
export async function findByIds<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, ids: readonly string[]): Promise<T[]> {
  const db = manager.connection;
  const table = db.driver.escape(db.getMetadata(target).tableName);
  const found: T[] = [];
  for (let from = 0; from < ids.length; from += IN_LIST_MAX) {
    const slice = ids.slice(from, from + IN_LIST_MAX);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${selectList(db, target, 'e')} FROM ${table} e WHERE e.id IN (${slice.map(() => '?').join(', ')})`,
      slice,
    );
    for (const row of rows) found.push(hydrate(db, target, row, 'e')!);
  }
  return found;
}
