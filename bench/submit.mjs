// Submission throughput and latency on MariaDB: the product (NestJS, TypeORM, the content check
// through the WeChat simulator, the serial counter, the idempotency key) beside a bare Fastify +
// mysql2 handler doing the same INSERT, and one making the product's round trips (the same-work
// baseline, bench/baseline-server.mjs), at 50 and 500 concurrent workers. Each figure carries the
// machine's load average when it was taken: on a shared machine the CPU per request is the steadier figure.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT, cpuMs, freePort, login, ms, record, scratchDatabase, startServer } from './lib.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const LEVELS = [50, 500];
// BENCH_COMPARE_SERVER_DIR: another server build's dist/ (an earlier one, copied inside the repository so
// its packages resolve, e.g. server/.before/dist) served beside this one; then, instead of the levels,
// BENCH_ROUNDS rounds at 50 connections serve this build, that one and the same-work baseline in turn
// (the order turned each round), so all three meet the same moments of a shared machine.
const COMPARE_DIR = process.env.BENCH_COMPARE_SERVER_DIR;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
// BENCH_SERVER_ARGS: node's options for the product (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
const SERVER_ARGS = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
const BODY = JSON.stringify({ org: 'cy', category: 'living', content: '宿舍热水供应不稳定,晚上十点以后经常没有热水', identity: 'named', publishConsent: true });

function run(url, connections, headers, duration = DURATION) {
  let n = 0;
  return autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    body: BODY,
    requests: [
      { setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers(n++) } }) },
    ],
  });
}

const summary = (result, cpuUsedMs) => ({
  requestsPerSecond: Math.round(result.requests.average),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  serverCpuMsPerRequest: ms(cpuUsedMs / Math.max(1, result.requests.total)),
  errors: result.errors,
  non2xx: result.non2xx,
  timeouts: result.timeouts,
});

/** One measured run, with the CPU the server process spent on it. */
async function measure(pid, url, connections, headers) {
  const before = cpuMs(pid);
  const load = os.loadavg()[0];
  const result = await run(url, connections, headers);
  return { ...summary(result, cpuMs(pid) - before), loadAverage: [load, os.loadavg()[0]].map((l) => Math.round(l * 10) / 10) };
}

const db = await scratchDatabase('mq_bench');
const PRODUCT_ENV = { DATABASE_URL: db.url, APPEAL_LIMIT_PER_10_MINUTES: '1000000', APPEAL_LIMIT_PER_DAY: '1000000', DEMO_SEED: 'true' };
const product = await startServer(PRODUCT_ENV, SERVER_ARGS);
const compared = COMPARE_DIR ? await startServer(PRODUCT_ENV, SERVER_ARGS, path.resolve(COMPARE_DIR, 'main.js')) : null;
const baselinePort = await freePort();
const baseline = spawn('node', [path.join(ROOT, 'bench/baseline-server.mjs')], {
  env: { ...process.env, DATABASE_URL: db.url, PORT: String(baselinePort) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => baseline.stdout.on('data', (c) => String(c).includes('ready') && resolve()));
try {
  const tokens = [];
  for (let i = 0; i < 500; i++) tokens.push(await login(product.baseUrl, `bench_worker_${i}`));
  const figures = {};
  if (compared) {
    const comparedTokens = [];
    for (let i = 0; i < 500; i++) comparedTokens.push(await login(compared.baseUrl, `bench_worker_${i}`));
    const served = [
      { name: 'product', pid: product.pid, url: `${product.baseUrl}/api/appeals`, headers: (n) => ({ authorization: `Bearer ${tokens[n % tokens.length]}` }) },
      { name: 'compared', pid: compared.pid, url: `${compared.baseUrl}/api/appeals`, headers: (n) => ({ authorization: `Bearer ${comparedTokens[n % comparedTokens.length]}` }) },
      { name: 'baselineSameWork', pid: baseline.pid, url: `http://127.0.0.1:${baselinePort}/appeals-same-work`, headers: () => ({}) },
    ];
    const rounds = Object.fromEntries(served.map((s) => [s.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of round % 2 ? [...served].reverse() : served) {
        await run(s.url, 50, s.headers, WARMUP);
        rounds[s.name].push(await measure(s.pid, s.url, 50, s.headers));
      }
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    for (const [name, list] of Object.entries(rounds)) {
      figures[name] = {
        cpuMsPerRequest: list.map((r) => r.serverCpuMsPerRequest),
        medianCpuMsPerRequest: median(list.map((r) => r.serverCpuMsPerRequest)),
        requestsPerSecond: list.map((r) => r.requestsPerSecond),
        p99Ms: list.map((r) => r.p99Ms),
        non2xx: list.reduce((n, r) => n + r.non2xx, 0),
        loadAverage: list.map((r) => r.loadAverage),
      };
    }
    figures.compared.dir = COMPARE_DIR;
    record('submit-compare', figures);
  }
  for (const connections of compared ? [] : LEVELS) {
    const baselineUrl = `http://127.0.0.1:${baselinePort}/appeals`;
    const productUrl = `${product.baseUrl}/api/appeals`;
    const asWorker = (n) => ({ authorization: `Bearer ${tokens[n % tokens.length]}` });
    // Both warmed up first (JIT, pools, caches), then measured: a server in service runs warm.
    await run(baselineUrl, connections, () => ({}), WARMUP);
    const base = await measure(baseline.pid, baselineUrl, connections, () => ({}));
    await run(`${baselineUrl}-same-work`, connections, () => ({}), WARMUP);
    const sameWork = await measure(baseline.pid, `${baselineUrl}-same-work`, connections, () => ({}));
    await run(productUrl, connections, asWorker, WARMUP);
    const mine = await measure(product.pid, productUrl, connections, asWorker);
    const ratio = (a, b) => Math.round((1000 * a.requestsPerSecond) / Math.max(1, b.requestsPerSecond)) / 1000;
    figures[`c${connections}`] = { product: mine, baseline: base, throughputRatio: ratio(mine, base), baselineSameWork: sameWork, throughputRatioSameWork: ratio(mine, sameWork) };
  }
  if (!compared) {
    figures.goal = 'product ≥ 0.7 × the same-work baseline throughput at 50 concurrent (issue 19), p99 stated';
    figures.met = figures.c50.throughputRatioSameWork >= 0.7;
    figures.p99MsAt50 = figures.c50.product.p99Ms;
    record('submit', figures);
  }
} finally {
  baseline.kill('SIGTERM');
  await product.stop();
  await compared?.stop();
  await db.drop();
}
