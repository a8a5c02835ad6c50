// The registry of check-then-write invariants (src/database/invariants.ts) stays true: every place it
// names exists, every test it cites is there by its title, and every unique key it relies on is in the
// schema the migrations make, on each engine.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INVARIANTS, type Mechanism } from '../src/database/invariants.js';
import { enginesUnderTest, useDataSource } from './support/test-databases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const keys = INVARIANTS.flatMap((invariant) =>
  invariant.mechanisms
    .filter((m): m is Extract<Mechanism, { kind: 'unique' | 'primary-key' }> => m.kind === 'unique' || m.kind === 'primary-key')
    .map((m) => [invariant.name, m] as const),
);

describe('the registry of invariants', () => {
  it('names each invariant once, each with a mechanism, a place in the code and a parallel test', () => {
    expect(new Set(INVARIANTS.map((i) => i.name)).size).toBe(INVARIANTS.length);
    for (const invariant of INVARIANTS) {
      expect([invariant.name, invariant.mechanisms.length > 0, invariant.where.length > 0, invariant.proofs.length > 0]).toEqual([invariant.name, true, true, true]);
    }
  });

  it.each(INVARIANTS.flatMap((i) => i.where.map((w) => [i.name, w.file, w.symbol])))('%s: %s has %s', (_, file, symbol) => {
    expect(read(file)).toContain(symbol);
  });

  it.each(INVARIANTS.flatMap((i) => i.proofs.map((p) => [i.name, p.file, p.test])))('%s: %s has the test "%s"', (_, file, test) => {
    // The title as written in the file, and the test under it fires its requests in parallel (directly,
    // or through the file's helpers that do: times, fire, bindAtOnce; or interleave, which runs two requests
    // at the same moment with one held at a chosen point).
    const source = read(file);
    const at = source.indexOf(test);
    expect(at).toBeGreaterThan(-1);
    const next = source.indexOf('\n  it', at);
    expect(source.slice(at, next === -1 ? undefined : next)).toMatch(/Promise\.all|times\(|fire\(|bindAtOnce\(|interleave\(/);
  });
});

describe.each(enginesUnderTest())('the keys the invariants rely on, in the migrated schema on %s', (engine) => {
  const ctx = useDataSource(engine, { migrate: true });

  it.each(keys.map(([name, key]) => [name, key.kind === 'unique' ? key.index : `primary key of ${key.table}`, key]))('%s: %s', async (_, __, key) => {
    const runner = ctx.db.createQueryRunner();
    try {
      const table = await runner.getTable(key.table);
      expect(table).toBeDefined();
      if (key.kind === 'primary-key') {
        expect(table!.primaryColumns.map((c) => c.name).sort()).toEqual([...key.columns].sort());
        return;
      }
      const found = [...table!.indices.filter((i) => i.isUnique), ...table!.uniques].find((i) => i.name === key.index);
      expect(found && { name: found.name, columns: found.columnNames }).toEqual({ name: key.index, columns: key.columns });
    } finally {
      await runner.release();
    }
  });
});
