// Timeouts for the tests whose size grows with the application: one request per route and caller, per action, status
// and actor, per generated body. Such a test gets a fixed part for its setup plus a part per request, each many times
// what it costs on a busy two-core machine (5–50 ms a request on MariaDB with other test files running beside it), so
// it fails on its timeout only when something hangs — not because the machine was slow, nor because the app grew.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function timeBudget(requests: number, perRequestMs: number, fixedMs = 60_000): number {
  return fixedMs + Math.ceil(requests * perRequestMs);
}

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * The routes the controllers declare, counted from their @Get/@Post/… decorators: a test's timeout is fixed before
 * the application boots, so it cannot read the route list the test itself walks (that list has exactly these).
 */
export function declaredRouteCount(dir = SRC): number {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) count += declaredRouteCount(file);
    else if (entry.name.endsWith('.controller.ts')) count += fs.readFileSync(file, 'utf8').match(/@(Get|Post|Put|Patch|Delete)\(/g)?.length ?? 0;
  }
  return count;
}

/** A test file's setup: the application booted on a fresh database and migrated (~10 s on MariaDB on a busy machine). */
export const SETUP_MS = 180_000;
