// Timeouts for the tests whose length grows with their settings (appeals submitted, SIGKILLs, seconds of outage): the
// demo server's starts, the time the test itself waits, and a part per request, each many times what a busy two-core
// machine takes, so that such a test fails on its timeout only when something hangs, not because the machine was slow.

/** How long startDemoServer waits for a server to answer: a cold start with migrations and the demo seed, ~5 s here. */
export const SERVER_START_MS = 60_000;

export interface Budget {
  /** Demo servers started (and restarted). */
  starts?: number;
  /** Time the test spends waiting on purpose (an outage it holds, a window it gives the server to recover in). */
  waitMs?: number;
  requests?: number;
  perRequestMs?: number;
  /** Everything else: scratch databases, logins, the checks at the end. */
  fixedMs?: number;
}

export function timeBudget({ starts = 1, waitMs = 0, requests = 0, perRequestMs = 200, fixedMs = 60_000 }: Budget): number {
  return fixedMs + starts * SERVER_START_MS + waitMs + Math.ceil(requests * perRequestMs);
}
