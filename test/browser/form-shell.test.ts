// The sticker's link on a slow signal: before a byte of the app's bundle has arrived the worker sees the form's
// shell (the header, the categories' places, the text box, 提交诉求) instead of a blank screen; once the form is
// drawn the shell is gone and takes no tap. The bench (bench/first-paint.mjs) measures how soon each happens.
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();

it('paints the form shell from the page alone, then gives way to the form', async () => {
  const base = session.server.baseUrl;
  // The bundle held back: what the phone shows while it is still on its way.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await session.page.route(/\/js\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  // The scripts travel as the build's brotli copies (smaller than the gzip made per request).
  const script = session.page.waitForResponse((r) => /\/js\/app\.[0-9a-f]+\.js$/.test(r.url()));
  // The sticker's URL answers the page itself: no redirect before it (a round trip on a weak signal).
  const landing = await session.page.goto(`${base}/q/cy/dorm2`, { waitUntil: 'commit' });
  expect([landing?.status(), landing?.request().redirectedFrom()?.url() ?? null]).toEqual([200, null]);
  const shell = session.page.locator('#mq-shell');
  await shell.waitFor({ state: 'visible' });
  const painted = await shell.innerText();
  for (const words of ['反映哪方面的事?', '什么事?说清楚就行', '提交诉求', '正在打开']) expect(painted).toContain(words);
  const box = await shell.boundingBox();
  expect(box && box.width * box.height).toBeGreaterThan(300 * 600);
  await session.page.screenshot({ path: screenshotPath('form-shell-1-before-js') });

  release();
  expect(await (await script).headerValue('content-encoding')).toBe('br');
  await session.page.locator('#submit-button:visible').waitFor();
  await session.page.locator('.category-chip:visible').first().waitFor();
  await expect(session.page.locator('#mq-shell').count()).resolves.toBe(0);
  // The form's own address took the sticker's (a reload or a copied link opens the form), its place filled in.
  expect(session.page.url()).toBe(`${base}/#/pages/submit/index?org=cy&place=dorm2`);
  expect(await session.page.locator('#place-badge:visible').innerText()).toContain('2号宿舍楼');
  // The form is the one a tap reaches.
  await session.page.locator('.category-chip:visible').first().tap();
  await session.page.unroute(/\/js\/.*\.js$/);
}, 60_000);

it('shows no form shell on a page that is not the form', async () => {
  const base = session.server.baseUrl;
  await session.page.route(/\/js\/.*\.js$/, () => undefined);
  await session.page.goto('about:blank');
  await session.page.goto(`${base}/#/pages/public/index?org=cy`, { waitUntil: 'commit' });
  await session.page.locator('#mq-shell').waitFor({ state: 'visible' });
  expect(await session.page.locator('#mq-shell .mq-s-form').isVisible()).toBe(false);
  expect(await session.page.locator('#mq-shell').innerText()).toContain('正在打开');
  await session.page.unroute(/\/js\/.*\.js$/);
}, 60_000);

it("leaves a code the server would not take out of the form's address, as the redirect did", async () => {
  const base = session.server.baseUrl;
  await session.page.goto(`${base}/q/cy/%3Cscript%3E`);
  await session.page.locator('#submit-button:visible').waitFor();
  expect(session.page.url()).toBe(`${base}/#/pages/submit/index?org=cy`);
}, 60_000);
