// 字体大小 at 特大 on a 375 px phone: chosen on 我的, kept on the phone through a new page load, every worker
// page's type 1.3 times as large; the form filled and sent through the UI with nothing past the screen's edge and
// 提交诉求 whole on the screen, where a tap lands on it.
import { apiGet, apiLogin } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const WIDTH = 375;
const HEIGHT = 667;

/** The computed font size, in CSS px, of the first visible match. */
const fontSize = (selector: string) =>
  session
    .visible(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/** The page it came from is hidden once Taro's transition is over: one page shown. */
const onePageShown = () => session.page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.mq-page')].filter((p) => p.offsetParent !== null).length === 1);

/** Every box of the page shown now that reaches past the screen's left or right edge (with what it says). */
function overflowing(): Promise<string[]> {
  return session.page.evaluate((width) => {
    const page = [...document.querySelectorAll<HTMLElement>('.mq-page')].find((p) => p.offsetParent !== null)!;
    const out: string[] = [];
    for (const el of [page, ...page.querySelectorAll<HTMLElement>('*')]) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -0.5 || r.right > width + 0.5)
        out.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}] ${el.textContent?.slice(0, 20)}`);
    }
    // Nor may the page itself scroll sideways.
    const scroller = page.closest<HTMLElement>('.taro_page') ?? document.documentElement;
    if (scroller.scrollWidth > scroller.clientWidth + 1) out.push(`the page scrolls sideways: ${scroller.scrollWidth} > ${scroller.clientWidth}`);
    return out;
  }, WIDTH);
}

it('makes every page’s type 特大 from 我的, and the form still fits a 375 px screen and sends', async () => {
  const base = session.server.baseUrl;
  await session.page.setViewportSize({ width: WIDTH, height: HEIGHT });
  await session.loginAs('worker_liyunfang');
  await session.page.goto(`${base}/#/pages/profile/index`);
  await session.visible('#type-size').waitFor();
  await onePageShown();
  const standardLabel = await fontSize('#type-size .mq-label');
  expect(standardLabel).toBeCloseTo(17, 0);
  expect(await session.visible('#type-sizes .mq-chip[aria-checked="true"]').innerText()).toBe('标准');

  await session.visible('#type-sizes .mq-chip[data-code="xlarge"]').tap();
  expect(await session.visible('#type-sizes .mq-chip[data-code="xlarge"]').getAttribute('aria-checked')).toBe('true');
  expect(await fontSize('#type-size .mq-label')).toBeCloseTo(standardLabel * 1.3, 0);
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('a11y-type-xlarge-profile'), fullPage: true });

  // Kept on the phone: a new page load (the sticker's link) opens the form at 特大.
  await session.page.evaluate(() => localStorage.removeItem('mq.draft'));
  await session.page.goto(`${base}/q/cy/bath`);
  await session.visible('#place-badge').waitFor();
  await onePageShown();
  expect(await fontSize('.submit-page .mq-label')).toBeCloseTo(17 * 1.3, 0);
  expect(await fontSize('#content textarea')).toBeCloseTo(17 * 1.3, 0);
  expect(await fontSize('#submit-button')).toBeCloseTo(19 * 1.3, 0);
  expect(await fontSize('.mq-chip')).toBeCloseTo(17 * 1.3, 0);

  // Filled through the UI, as a worker would.
  await session.visible('.category-chip[data-code="welfare"]').tap();
  const content = '澡堂的劳保肥皂一个月只发一块,不够用,希望多发一块';
  await session.visible('#content textarea').fill(content);
  await session.visible('.identity-chip[data-code="confidential"]').tap();
  await session.visible('#phone input').fill('13612345678');
  await session.settle();
  expect(await overflowing()).toEqual([]);

  // 提交诉求 whole on the screen, nothing over it (the tab bar), its words not cut off.
  const button = session.visible('#submit-button');
  await button.scrollIntoViewIfNeeded();
  await session.settle();
  const fits = await button.evaluate(
    (el, [width, height]) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {
        inside: r.left >= 0 && r.right <= width && r.top >= 0 && r.bottom <= height,
        onTop: hit !== null && el.contains(hit),
        wordsFit: el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
        height: r.height,
      };
    },
    [WIDTH, HEIGHT],
  );
  expect(fits).toMatchObject({ inside: true, onTop: true, wordsFit: true });
  expect(fits.height).toBeGreaterThanOrEqual(52);
  await session.page.screenshot({ path: screenshotPath('a11y-type-xlarge-form'), fullPage: true });

  await button.tap();
  await session.page.waitForURL(/pages\/detail\/index/);
  const id = new URL(session.page.url().replace('#', '')).searchParams.get('id') ?? '';
  const saved = await apiGet<{ content: string; category: { code: string }; place: { code: string } | null; identity: string }>(
    base,
    await apiLogin(base, 'worker_liyunfang'),
    `/api/appeals/${id}`,
  );
  expect(saved).toMatchObject({ content, category: { code: 'welfare' }, place: { code: 'bath' }, identity: 'confidential' });

  // The other worker pages at 特大 too, none of them wider than the screen.
  await session.visible('#appeal-content').waitFor();
  await onePageShown();
  expect(await fontSize('#appeal-content')).toBeCloseTo(18 * 1.3, 0);
  expect(await overflowing()).toEqual([]);
  for (const [path, ready] of [
    ['/#/pages/mine/index', '.appeal-item'],
    ['/#/pages/public/index?org=cy', '#report-headline'],
    ['/#/pages/help/index', '#help-steps'],
  ]) {
    await session.page.goto(`${base}${path}`);
    await session.visible(ready).first().waitFor();
    await onePageShown();
    expect(await session.visible('.mq-page').getAttribute('class')).toContain('mq-type--xlarge');
    expect(await overflowing()).toEqual([]);
  }

  // And back to 标准.
  await session.page.goto(`${base}/#/pages/profile/index`);
  await session.visible('#type-sizes .mq-chip[data-code="standard"]').tap();
  expect(await fontSize('#type-size .mq-label')).toBeCloseTo(standardLabel, 0);
  await session.page.setViewportSize({ width: 390, height: 844 });
}, 120_000);
