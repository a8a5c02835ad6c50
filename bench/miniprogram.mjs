// The mini-program on a weak signal: the weapp main package and each subpackage (limit 2 MB, goal
// ≤ 500 KB for the main one), and the H5 form's first screen in Chromium throttled to 1.6 Mbps and
// 300 ms latency (goal ≤ 3 s).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, ms, record, startServer } from './lib.mjs';

function size(dir, skip = []) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip.includes(entry.name)) continue;
    total += entry.isDirectory() ? size(full) : fs.statSync(full).size;
  }
  return total;
}

const weapp = path.join(ROOT, 'miniprogram/dist/weapp');
const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8'));
const subpackages = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
const kb = (bytes) => Math.round(bytes / 102.4) / 10;
const figures = {
  weappMainKB: kb(size(weapp, subpackages)),
  ...Object.fromEntries(subpackages.map((root) => [`weappSubpackage_${root}_KB`, kb(size(path.join(weapp, root)))])),
};

const server = await startServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 });
    const started = performance.now();
    await page.goto(`${server.baseUrl}/q/cy/dorm2`);
    await page.locator('#submit-button').waitFor({ state: 'visible', timeout: 30_000 });
    times.push(ms(performance.now() - started));
    await context.close();
  }
  figures.h5FirstScreenMs = times;
  figures.h5FirstScreenMedianMs = [...times].sort((a, b) => a - b)[1];
  figures.h5TransferKB = kb(size(path.join(ROOT, 'miniprogram/dist/h5')));
  figures.goals = 'main package ≤ 500 KB; first screen ≤ 3000 ms at 1.6 Mbps / 300 ms';
  figures.met = figures.weappMainKB <= 500 && figures.h5FirstScreenMedianMs <= 3000;
  record('miniprogram', figures);
} finally {
  await browser.close();
  await server.stop();
}
