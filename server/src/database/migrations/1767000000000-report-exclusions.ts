// A report version's 核减 list as rows of its own (report_exclusions, keyed by the version and a position)
// instead of inside its figures' JSON: a month of 100,000 appeals lists some 15,000, a megabyte the office's
// view sent whole on every read. The version's figures keep the list's count (exclusionCount). Existing
// versions' lists move into the rows one version at a time (one version's figures in memory at once);
// down() puts them back.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

interface Exclusion {
  serial: string;
  kind: string;
  reason: string;
}

/** Rows per INSERT: within SQLite's and MySQL's limits on a statement's parameters. */
const SLICE = 200;

const parsed = (figures: unknown): Record<string, unknown> => (typeof figures === 'string' ? JSON.parse(figures) : figures) as Record<string, unknown>;

async function versionIds(runner: QueryRunner): Promise<string[]> {
  const rows = (await runner.query('SELECT id FROM monthly_reports ORDER BY id')) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

async function figuresOf(runner: QueryRunner, id: string): Promise<Record<string, unknown>> {
  const [row] = (await runner.query('SELECT figures FROM monthly_reports WHERE id = ?', [id])) as Array<{ figures: unknown }>;
  return parsed(row.figures);
}

export class ReportExclusions1767000000000 implements MigrationInterface {
  name = 'ReportExclusions1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'report_exclusions',
        columns: [
          { name: 'report_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'position', type: 'integer', isPrimary: true },
          { name: 'serial', type: 'varchar', length: '32' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'reason', type: 'text' },
        ],
      }),
    );
    for (const id of await versionIds(runner)) {
      const { exclusions, ...figures } = await figuresOf(runner, id);
      const list = Array.isArray(exclusions) ? (exclusions as Exclusion[]) : [];
      for (let i = 0; i < list.length; i += SLICE) {
        const slice = list.slice(i, i + SLICE);
        await runner.query(
          `INSERT INTO report_exclusions (report_id, position, serial, kind, reason) VALUES ${slice.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
          slice.flatMap((e, j) => [id, i + j, e.serial, e.kind, e.reason]),
        );
      }
      await runner.query('UPDATE monthly_reports SET figures = ? WHERE id = ?', [JSON.stringify({ ...figures, exclusionCount: list.length }), id]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const id of await versionIds(runner)) {
      const { exclusionCount: _count, ...figures } = await figuresOf(runner, id);
      const exclusions = (await runner.query('SELECT serial, kind, reason FROM report_exclusions WHERE report_id = ? ORDER BY position', [id])) as Exclusion[];
      await runner.query('UPDATE monthly_reports SET figures = ? WHERE id = ?', [
        JSON.stringify({ ...figures, exclusions: exclusions.map((e) => ({ serial: e.serial, kind: e.kind, reason: e.reason })) }),
        id,
      ]);
    }
    await runner.dropTable('report_exclusions');
  }
}
