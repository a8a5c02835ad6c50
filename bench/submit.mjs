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
const product = await startServer({ DATABASE_URL: db.url, APPEAL_LIMIT_PER_10_MINUTES: '1000000', APPEAL_LIMIT_PER_DAY: '1000000', DEMO_SEED: 'true' });
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
  for (const connections of LEVELS) {
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
  figures.goal = 'product ≥ 0.7 × the same-work baseline throughput at 50 concurrent (issue 19), p99 stated';
  figures.met = figures.c50.throughputRatioSameWork >= 0.7;
  figures.p99MsAt50 = figures.c50.product.p99Ms;
  record('submit', figures);
} finally {
  baseline.kill('SIGTERM');
  await product.stop();
  await db.drop();
}
