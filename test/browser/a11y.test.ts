// Usable by everyone, on the H5 build at phone size and on the server's public pages: axe-core over every worker
// and public page (each state a worker meets: an empty form, its errors, a photo on its way; an appeal with
// photos, a rating and the message box) fails on a critical or serious violation; zoom is allowed and every image
// has a text; and the whole form is walked with the keyboard alone — every control reached by Tab, the chips
// chosen with Space and Enter, the photo picked, the words typed, the appeal sent and saved as the keys chose.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import { apiAct, apiGet, apiLogin, apiSubmit } from '../support/api.js';
import { ARTIFACTS, screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();

/** What each page scan found below serious (moderate, minor): printed at the end, as the figures of the run. */
const lesser: string[] = [];

/** Runs axe-core on the page as it is now; returns its critical and serious violations, one line each. */
async function blockingViolations(name: string): Promise<string[]> {
  await session.settle();
  const { violations } = await new AxeBuilder({ page: session.page }).analyze();
  for (const v of violations.filter((v) => v.impact !== 'critical' && v.impact !== 'serious')) lesser.push(`${name}: ${v.impact} ${v.id} ×${v.nodes.length}`);
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Images a screen reader would announce as a file name: every visible <img> must say what it shows (or alt=""). */
async function imagesWithoutText(name: string): Promise<string[]> {
  const missing = await session.page.locator('img:visible').evaluateAll((images) => images.filter((i) => !i.hasAttribute('alt')).map((i) => i.outerHTML.slice(0, 80)));
  return missing.map((html) => `${name}: image without alt: ${html}`);
}

async function check(name: string): Promise<string[]> {
  return [...(await blockingViolations(name)), ...(await imagesWithoutText(name))];
}

afterAll(() => {
  console.log(`axe-core, below serious:\n${lesser.join('\n') || '(none)'}`);
});

async function photoFile(): Promise<string> {
  const file = path.join(ARTIFACTS, 'a11y-photo.jpg');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(
    file,
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5d4037' } })
      .jpeg()
      .toBuffer(),
  );
  return file;
}

/** Where the keyboard is, in the form's terms: a chip as `group:code`, a field by its name, a button by its id. */
function focused(): Promise<string> {
  return session.page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const chip = el.closest<HTMLElement>('.mq-chip');
    if (chip) return `${chip.closest('.mq-chips')!.id}:${chip.dataset.code}`;
    for (const field of ['content', 'phone', 'publish-consent']) if (el.closest(`#${field}`)) return field;
    return el.id || el.getAttribute('aria-label') || el.tagName.toLowerCase();
  });
}

/** Presses Tab until the keyboard is on `target`; every stop on the way is returned. */
async function tabTo(target: string, limit = 40): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await session.page.keyboard.press('Tab');
    const now = await focused();
    stops.push(now);
    if (now === target) return stops;
  }
  throw new Error(`Tab never reached ${target}; it stopped at ${stops.join(' → ')}`);
}

const chipState = (group: string, code: string) => session.visible(`#${group} .mq-chip[data-code="${code}"]`).getAttribute('aria-checked');

let keyboardAppealId = '';

it('lets a worker fill and send the whole form with the keyboard alone', async () => {
  const base = session.server.baseUrl;
  await session.loginAs('worker_yuanyongjian');
  await session.page.evaluate(() => localStorage.removeItem('mq.draft'));
  await session.page.goto(`${base}/#/pages/submit/index`);
  await session.page.reload();
  await session.visible('#submit-button').waitFor();
  await session.settle();

  // Every control of the form, in the order it is read, from the first Tab of the page to 提交诉求.
  const controls = await session.page.evaluate(() => {
    const form = [...document.querySelectorAll<HTMLElement>('.submit-page')].find((p) => p.offsetParent !== null)!;
    const chips = (group: string) => [...form.querySelectorAll<HTMLElement>(`#${group} .mq-chip`)].map((c) => `${group}:${c.dataset.code}`);
    return [...chips('categories'), 'content', ...chips('places'), 'add-photo', ...chips('identities'), 'phone', 'publish-consent', 'submit-button'];
  });
  expect(controls.length).toBeGreaterThan(15);
  expect(await tabTo('submit-button')).toEqual(controls);
  // The ring that shows where the keyboard is.
  expect(await session.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');

  // Back to the top, and fill it in: Space and Enter choose a chip, the photo is picked from + 拍照/选图.
  await session.page.evaluate(() => (document.activeElement as HTMLElement).blur());
  await session.page.evaluate(() => window.scrollTo(0, 0));
  await tabTo('categories:welfare');
  expect(await session.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
  await session.page.keyboard.press('Space');
  expect(await chipState('categories', 'welfare')).toBe('true');
  expect(await chipState('categories', 'living')).toBe('false');

  await tabTo('content');
  const content = '综掘二区会议室的窗户关不严,冬天开班前会冻得坐不住,请帮忙修一下';
  await session.page.keyboard.type(content);

  await tabTo('places:zj2');
  await session.page.keyboard.press('Enter');
  expect(await chipState('places', 'zj2')).toBe('true');

  // The page settled first (the draft saved, the mine's places in): a re-render between reaching the button and
  // pressing Enter took the focus away on a busy machine, and the key opened nothing. A person whose Enter opened
  // nothing looks where the focus is and presses it again: so does the test, once.
  await session.settle();
  await tabTo('add-photo');
  const openPicker = () => Promise.all([session.page.waitForEvent('filechooser', { timeout: 15_000 }), session.page.keyboard.press('Enter')]).then(([chooser]) => chooser);
  const chooser = await openPicker().catch(async () => {
    if ((await focused()) !== 'add-photo') await tabTo('add-photo');
    return openPicker();
  });
  await chooser.setFiles(await photoFile());
  await session.visible('.photo-picker__photo--done').waitFor();
  // The photo's × is a control too, named for a screen reader, and reached from the keyboard.
  expect(await session.visible('.photo-picker__photo--done [role="button"]').getAttribute('aria-label')).toBe('删除第 1 张照片');
  expect(await session.visible('.photo-picker__photo--done img').getAttribute('alt')).toBe('第 1 张照片');

  await tabTo('identities:confidential');
  await session.page.keyboard.press('Space');
  expect(await chipState('identities', 'confidential')).toBe('true');

  await tabTo('phone');
  await session.page.keyboard.type('13912345678');

  await tabTo('publish-consent');
  const consent = session.visible('#publish-consent input');
  expect(await consent.isChecked()).toBe(false);
  await session.page.keyboard.press('Space');
  expect(await consent.isChecked()).toBe(true);
  await session.page.screenshot({ path: screenshotPath('a11y-keyboard-form'), fullPage: true });

  await tabTo('submit-button');
  await session.page.keyboard.press('Enter');
  await session.page.waitForURL(/pages\/detail\/index/);
  keyboardAppealId = new URL(session.page.url().replace('#', '')).searchParams.get('id') ?? '';

  // Saved as the keys chose.
  const worker = await apiLogin(base, 'worker_yuanyongjian');
  const saved = await apiGet<{
    content: string;
    category: { code: string };
    place: { code: string } | null;
    identity: string;
    publishConsent: boolean;
    phone: string | null;
    photos: unknown[];
  }>(base, worker, `/api/appeals/${keyboardAppealId}`);
  expect(saved).toMatchObject({ content, category: { code: 'welfare' }, place: { code: 'zj2' }, identity: 'confidential', publishConsent: true });
  // The worker's own view shows the phone masked: its first three digits and last four are the ones typed.
  expect(saved.phone).toMatch(/^139\D+5678$/);
  expect(saved.photos).toHaveLength(1);
}, 120_000);

it('finds nothing critical or serious on the login page and the form: empty, with its errors, with a photo', async () => {
  const base = session.server.baseUrl;
  const found: string[] = [];
  await session.page.goto(`${base}/#/pages/login/index`);
  await session.page.reload();
  await session.visible('.demo-user').first().waitFor();
  found.push(...(await check('login')));
  // Zoom allowed: no user-scalable=no, no maximum-scale that stops a pinch.
  const viewport = (await session.page.locator('meta[name="viewport"]').getAttribute('content')) ?? '';
  expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)/);
  expect(viewport).not.toMatch(/maximum-scale\s*=\s*1(\.0*)?(\D|$)/);

  await session.loginAs('worker_huangzhanchao');
  await session.page.evaluate(() => localStorage.removeItem('mq.draft'));
  await session.page.goto(`${base}/q/cy/canteen`);
  await session.visible('#place-badge').waitFor();
  found.push(...(await check('submit, empty')));
  await session.visible('#submit-button').tap();
  await session.visible('.mq-error').first().waitFor();
  found.push(...(await check('submit, with errors')));
  const [chooser] = await Promise.all([session.page.waitForEvent('filechooser'), session.visible('#add-photo').tap()]);
  await chooser.setFiles(await photoFile());
  await session.visible('.photo-picker__photo--done').waitFor();
  found.push(...(await check('submit, with a photo')));
  expect(found).toEqual([]);
}, 120_000);

it("finds nothing critical or serious on 我的诉求, an appeal's page (its photo, the rating, the message box), 我的 and 使用帮助", async () => {
  const base = session.server.baseUrl;
  const found: string[] = [];
  // An appeal answered by the office, so that its page asks for a rating.
  const worker = await apiLogin(base, 'worker_yuanyongjian');
  const office = await apiLogin(base, 'cy_office');
  const logistics = await apiLogin(base, 'cy_logistics');
  const answered = await apiSubmit(base, worker, {
    org: 'cy',
    category: 'living',
    place: 'canteen',
    identity: 'named',
    content: '食堂早饭的馒头经常是凉的,希望早班前再蒸一锅',
    publishConsent: false,
  });
  await apiAct(base, office, answered.id, 'accept');
  await apiAct(base, office, answered.id, 'dispatch', { department: 'logistics', instructions: '请后勤管理部调整蒸馒头的时间' });
  await apiAct(base, logistics, answered.id, 'acknowledge');
  await apiAct(base, logistics, answered.id, 'respond', { outcome: 'resolved', text: '早班前半小时再蒸一锅' });
  await apiAct(base, office, answered.id, 'reply', { text: '食堂已改为早班前半小时再蒸一锅馒头' });

  await session.loginAs('worker_yuanyongjian');
  await session.page.goto(`${base}/#/pages/mine/index`);
  await session.visible('.appeal-item').first().waitFor();
  found.push(...(await check('mine')));
  // The card opens the appeal from the keyboard too.
  await session.visible(`.appeal-item[data-id="${answered.id}"]`).focus();
  await session.page.keyboard.press('Enter');
  await session.visible('#rate-card').waitFor();
  expect(await session.visible('#appeal-serial').innerText()).toBe(answered.serial);
  found.push(...(await check('detail, rating and message box')));

  expect(keyboardAppealId).not.toBe('');
  await session.page.goto(`${base}/#/pages/detail/index?id=${keyboardAppealId}`);
  await session.visible('.appeal-photo img').waitFor();
  expect(await session.visible('.appeal-photo img').getAttribute('alt')).toBe('第 1 张照片,点开看大图');
  found.push(...(await check('detail, with a photo')));

  await session.page.goto(`${base}/#/pages/profile/index`);
  await session.visible('#profile-name').waitFor();
  found.push(...(await check('profile')));
  await session.page.goto(`${base}/#/pages/help/index`);
  await session.visible('#help-steps').waitFor();
  found.push(...(await check('help')));
  expect(found).toEqual([]);
}, 120_000);

it("finds nothing critical or serious on the 公示 tab and the official account's public pages, screen and print", async () => {
  const base = session.server.baseUrl;
  const found: string[] = [];
  const { months } = await apiGet<{ months: Array<{ month: string }> }>(base, null, '/api/public/orgs/cy/reports');
  expect(months.length).toBeGreaterThanOrEqual(1);
  await session.page.goto(`${base}/#/pages/public/index?org=cy`);
  await session.visible('#report-headline').waitFor();
  found.push(...(await check('public tab')));

  await session.page.goto(`${base}/p/cy/resolved`);
  await session.page.locator('#resolved').waitFor();
  found.push(...(await check('resolved page')));
  await session.page.goto(`${base}/p/cy/reports/${months[0].month}`);
  await session.page.locator('#headline').waitFor();
  found.push(...(await check('report page')));
  await session.page.emulateMedia({ media: 'print' });
  await session.page.goto(`${base}/p/cy/reports/${months[0].month}?print=1`);
  await session.page.locator('#headline').waitFor();
  found.push(...(await check('report, A4 print')));
  await session.page.emulateMedia({ media: 'screen' });
  expect(found).toEqual([]);
}, 120_000);

it('asks 退出登录’s question in a dialog the keyboard can answer: on 取消 first, Escape cancels, 退出 signs out', async () => {
  const base = session.server.baseUrl;
  await session.loginAs('worker_liyunfang');
  await session.page.goto(`${base}/#/pages/profile/index`);
  await session.visible('#logout').waitFor();
  await session.settle();
  await session.visible('#logout').focus();
  await session.page.keyboard.press('Enter');
  // The dialog's own box has no size (what shows is fixed inside it): wait for its content.
  const dialog = session.page.locator('.taro__modal[role="dialog"] .taro-modal__content');
  await dialog.waitFor();
  expect(await session.page.locator('.taro__modal').getAttribute('aria-label')).toBe('退出登录?');
  expect(await session.page.evaluate(() => document.activeElement?.textContent)).toBe('取消');
  expect(await check('the 退出登录 dialog')).toEqual([]);

  // Escape: nothing happens, and the keyboard is back on 退出登录.
  await session.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect(await focused()).toBe('logout');
  expect(session.page.url()).toContain('pages/profile/index');

  // Again, Tab to 退出 and Enter: signed out, on the login page.
  await session.page.keyboard.press('Enter');
  await dialog.waitFor();
  await session.page.keyboard.press('Tab');
  expect(await session.page.evaluate(() => document.activeElement?.textContent)).toBe('退出');
  await session.page.keyboard.press('Enter');
  await session.page.waitForURL(/pages\/login\/index/);
});
