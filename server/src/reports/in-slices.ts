// The figures' main-thread work in short pieces. A month of 100,000 appeals is ~12,600 kept-count rows;
// decoding and adding them up (rateCountsOf, partCountsOf) was one block of 25–100 ms on the event loop
// (bench/reports-scale.mjs with BENCH_CPU_PROF: the longest busy stretches of the live dashboard were
// rateCountsOf/decodedRates/groupOf and the garbage collector, beside mysql2's parsing, which already
// comes a socket read at a time, and the SQLite reader's chunks of 1,000 rows). Every /api/health and
// every submission that came meanwhile waited it out.
//
// Why pieces on the main thread and not the whole computation in a worker thread: the rows have to come
// in anyway (mysql2 on the app's pool, the SQLite reader's chunks), the adding up is plain arithmetic on
// the counts, and a worker would need its own copy of the figures' code, of the database connection and
// of the organisation's names — two ways of computing the same figures to keep equal. Yielding keeps one
// computation, the same code the tests compare with the figures counted from the appeals.
// A turn of the event loop (whatever came — a request, a socket's data, a timer — runs before we go on) is
// Node's own setImmediate, as the export's pages take it.
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How long one piece runs before the event loop gets its turn. A request that waits takes a few turns of
 * the loop (its bytes read, its database answer, its reply written), and at each it may wait a piece of
 * every computation in flight: on MariaDB, ten dashboards at once beside /api/health (the dashboard step of
 * bench/reports-scale.mjs alone, one month of 100,000 appeals, two runs each): 4 ms pieces, health p99 52–56 ms; 2 ms,
 * 35–55; 1 ms, 31–35; 0.5 ms, 34–43 — and the dashboards' own throughput the same (150–200 req/s each).
 * A turn costs a few microseconds: at 1 ms that is well under 1% of the work.
 */
export const SLICE_MS = 1;

/**
 * Calls `each` on every item in order, letting the event loop run every SLICE_MS. The clock is read every
 * 32 items: a kept-count row's work is a microsecond, but an export row's (exceljs's cells and styles) is
 * 20–50: read every 256, a piece of the export ran 10–25 ms, and /api/health, which takes a few turns of
 * the loop, waited that at each (p99 85 ms while the rows were written beside four SQLite submitters).
 */
export async function eachInSlices<T>(items: readonly T[], each: (item: T, index: number) => void): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    each(items[i], i);
    if ((i & 31) === 31 && performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/** `items` mapped, in slices as eachInSlices. */
export async function mapInSlices<T, U>(items: readonly T[], map: (item: T) => U): Promise<U[]> {
  const out = new Array<U>(items.length);
  await eachInSlices(items, (item, i) => (out[i] = map(item)));
  return out;
}
