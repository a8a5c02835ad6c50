// The sticker link on an older phone with a weak signal: from the tap on a sticker's URL (/q/cy/dorm2, the H5
// form with the place filled) to a painted shell — something a worker can read instead of a blank screen — and
// to a usable form (the categories drawn, the text box and 提交诉求 there). Chromium at 1.6 Mbps down, 750 kbps
// up, 300 ms latency, the CPU slowed 4× (Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate),
// no cache: a first visit. Goals: shell ≤ 1000 ms, usable form ≤ 2500 ms (medians).
// BENCH_FIRST_PAINT_RUNS (default 5) runs; figures in bench/results/first-paint.json.
/* global window, document, getComputedStyle, requestAnimationFrame -- watchPage and the waits run in the page */
import os from 'node:os';
import { chromium } from 'playwright-core';
import { ms, record, startServer } from './lib.mjs';

const RUNS = Number(process.env.BENCH_FIRST_PAINT_RUNS ?? 5);
/** BENCH_CPU_SLOWDOWN=1: the network alone, to tell its share from the CPU's on a loaded machine. */
const CPU_SLOWDOWN = Number(process.env.BENCH_CPU_SLOWDOWN ?? 4);
const STICKER = '/q/cy/dorm2';

/**
 * Runs in the page before any of its scripts: notes, on the page's clock, the first contentful paint and the
 * frame in which the form became usable (checked every frame, so the figure does not depend on how often the
 * bench polls).
 */
function watchPage() {
  const marks = {};
  window.__firstPaint = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') marks.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const visible = (el) => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const check = () => {
    const submit = [...document.querySelectorAll('#submit-button')].find(visible);
    const chips = [...document.querySelectorAll('.category-chip')].filter(visible).length;
    const box = [...document.querySelectorAll('#content textarea, #content')].find(visible);
    if (submit && chips > 0 && box) marks.usable = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** One visit of the sticker link, as a first visit on the slow phone. */
async function visit(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchPage);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    // What travelled before the form was usable: the encoded (gzip) bytes of each response.
    const received = new Map();
    cdp.on('Network.loadingFinished', (e) => received.set(e.requestId, e.encodedDataLength));
    const urls = new Map();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
    const tapped = Date.now();
    await page.goto(`${baseUrl}${STICKER}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__firstPaint?.usable !== undefined, null, { timeout: 60_000, polling: 100 });
    const { fcp, usable, origin, loaded } = await page.evaluate(() => ({
      ...window.__firstPaint,
      origin: performance.timeOrigin,
      // When each file had arrived, on the page's clock: where the time went.
      loaded: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .filter((r) => !r.name.startsWith('data:'))
        .map((r) => [new URL(r.name).pathname, r.responseEnd]),
    }));
    // The page's clock starts at the navigation (the redirect included); the tap was a moment before it.
    const before = origin - tapped;
    return {
      shellMs: ms(before + fcp),
      usableMs: ms(before + usable),
      htmlMs: ms(before + loaded[0][1]),
      arrivedMs: loaded.map(([path, at]) => `${path} ${Math.round(before + at)}`),
      requests: [...urls].filter(([id, url]) => received.has(id) && !url.startsWith('image/')).map(([id, url]) => `${url} ${Math.round(received.get(id) / 102.4) / 10} KB`),
      transferKB: Math.round([...received.values()].reduce((a, b) => a + b, 0) / 102.4) / 10,
    };
  } finally {
    await context.close();
  }
}

function summary(runs) {
  const shellMs = median(runs.map((r) => r.shellMs));
  const usableMs = median(runs.map((r) => r.usableMs));
  const run = runs.find((r) => r.usableMs === usableMs);
  return {
    shellMs: runs.map((r) => r.shellMs),
    usableMs: runs.map((r) => r.usableMs),
    htmlMs: runs.map((r) => r.htmlMs),
    shellMedianMs: shellMs,
    usableMedianMs: usableMs,
    htmlMedianMs: median(runs.map((r) => r.htmlMs)),
    transferKB: runs[0].transferKB,
    requests: runs[0].requests,
    // The median run's: when each file had arrived (ms from the tap).
    arrivedMs: run.arrivedMs,
    met: shellMs <= 1000 && usableMs <= 2500,
  };
}

// BENCH_COMPARE_H5_DIR: another H5 build (an earlier one) served by a second server and visited in turn with
// this one, run for run, so both meet the same moments of a shared machine.
const compareDir = process.env.BENCH_COMPARE_H5_DIR;
const servers = [{ name: 'built', server: await startServer() }];
if (compareDir) servers.push({ name: compareDir.split('/').filter(Boolean).at(-1), server: await startServer({ H5_DIR: compareDir }) });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  // The machine is shared: its load average (1, 5, 15 min) before and after, to read the figures by.
  const loadBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const runs = Object.fromEntries(servers.map((s) => [s.name, []]));
  for (let i = 0; i < RUNS; i++) for (const { name, server } of i % 2 ? [...servers].reverse() : servers) runs[name].push(await visit(browser, server.baseUrl));
  const built = summary(runs.built);
  record(CPU_SLOWDOWN === 4 ? 'first-paint' : `first-paint-cpu${CPU_SLOWDOWN}`, {
    conditions: `1.6 Mbps down / 750 kbps up / 300 ms latency, CPU ${CPU_SLOWDOWN}× slower, no cache; 390×844 phone; the sticker link /q/cy/dorm2`,
    runs: RUNS,
    loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    goals: 'painted shell ≤ 1000 ms; usable form ≤ 2500 ms (medians, from the tap)',
    ...built,
    ...(compareDir ? { compared: Object.fromEntries(servers.slice(1).map((s) => [s.name, summary(runs[s.name])])) } : {}),
  });
} finally {
  await browser.close();
  for (const { server } of servers) await server.stop();
}
