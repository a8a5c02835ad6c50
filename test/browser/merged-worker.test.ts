// A worker whose appeal was merged into another's, in the H5 build at phone size (the appeals brought
// to the reply through the API): 我的诉求 says the answer waits for their rating; their page shows the
// other appeal's progress and the reply — never that worker's name or words — and takes their rating,
// which stays on their own appeal. Screenshots kept.
import { apiAct, apiGet, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

it('shows a merged worker the answer of the appeal theirs was merged into, and takes their rating', async () => {
  const base = session.server.baseUrl;
  const page = session.page;
  // 黄占超 (a named demo worker) reports first; another worker reports the same matter.
  const primaryWorker = await apiLogin(base, 'worker_huangzhanchao');
  const content = '3号井口更衣室的热水器坏了,黄占超下班后没法洗手';
  const primary = await apiSubmit(base, primaryWorker, { org: 'cy', category: 'living', place: 'bath', identity: 'named', publishConsent: false, content });
  const mergedWorker = await apiLogin(base, 'worker_yuanyongjian');
  const duplicate = await apiSubmit(base, mergedWorker, {
    org: 'cy',
    category: 'living',
    place: 'bath',
    identity: 'named',
    publishConsent: false,
    content: '更衣室热水器不出热水',
  });
  const [office, secretary, logistics] = await Promise.all(['cy_office', 'cy_secretary', 'cy_logistics'].map((o) => apiLogin(base, o)));
  await apiAct(base, office, primary.id, 'accept');
  await apiAct(base, office, duplicate.id, 'merge', { into: primary.serial });
  await apiAct(base, secretary, primary.id, 'dispatch', { department: 'logistics', instructions: '请今天修好热水器' });
  await apiAct(base, logistics, primary.id, 'acknowledge');
  await apiAct(base, logistics, primary.id, 'respond', { outcome: 'resolved', text: '已更换热水器,黄占超已确认' });
  await apiAct(base, office, primary.id, 'reply', { text: '黄占超师傅,更衣室热水器已更换,请试用' });

  await loginAs('worker_yuanyongjian');
  await page.goto(`${base}/#/pages/mine/index`);
  const item = visible(`.appeal-item[data-id="${duplicate.id}"]`);
  await item.waitFor();
  expect(await item.locator('.appeal-item__status').innerText()).toBe('已合并');
  expect(await item.locator('.appeal-item__rate').innerText()).toBe('合并办理的诉求有答复了,请评价');
  await session.settle();
  await page.screenshot({ path: screenshotPath('merged-1-mine') });

  await item.tap();
  await visible('#merged-into').waitFor();
  expect(await visible('#merged-into').innerText()).toContain(`这件事已与诉求 ${primary.serial} 合并办理,目前状态:已反馈`);
  const theirs = await visible('#merged-timeline').innerText();
  expect(theirs).toContain('后勤管理部');
  expect(theirs).toContain('师傅,更衣室热水器已更换,请试用');
  expect(await visible('#timeline').innerText()).toContain('师傅,更衣室热水器已更换,请试用');
  const whole = await page.locator('body').innerText();
  for (const secret of ['黄占超', content, '已确认', '请今天修好热水器']) expect(whole).not.toContain(secret);
  await session.settle();
  await page.screenshot({ path: screenshotPath('merged-2-detail'), fullPage: true });

  await visible('.rating-chip')
    .filter({ hasText: /^满意$/ })
    .tap();
  await visible('#submit-rating').tap();
  await visible('#rate-card').waitFor({ state: 'detached' });
  await session.settle(true);
  await page.screenshot({ path: screenshotPath('merged-3-rated'), fullPage: true });
  const rated = await apiGet<{ status: string; rating: string }>(base, mergedWorker, `/api/appeals/${duplicate.id}`);
  expect(rated).toMatchObject({ status: 'merged', rating: 'satisfied' });
  // The primary's own worker still rates their own: the merged worker's rating closed nothing.
  expect((await apiGet<{ status: string }>(base, office, `/api/appeals/${primary.id}`)).status).toBe('replied');
}, 120_000);
