// One appeal through the whole loop in the browser, as four people of the mine: the worker submits;
// the office accepts it as 特事特办; a leader issues the sheet; the department acknowledges and
// explains; the office replies and logs the call; the worker rates it 基本满意. A screenshot per step.
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible, openAsStaff } = session;
const settle = () => session.settle(true);

/** Opens an action's form, fills it, sends it, and waits for the status it leads to. */
async function perform(action: string, fill: () => Promise<void>, expectedStatus: string) {
  await visible(`.action-button[data-action="${action}"]`).tap();
  await visible(`#action-form-${action}`).waitFor();
  await fill();
  await visible('.action-form__submit').tap();
  await session.page.waitForFunction(
    (status: string) => Array.from(document.querySelectorAll('#staff-status')).some((el) => (el as HTMLElement).offsetParent !== null && el.textContent?.startsWith(status)),
    expectedStatus,
  );
}

const type = (field: string, text: string) => visible(`[data-field="${field}"] textarea`).fill(text);

it('carries one appeal through the whole loop, as four people', async () => {
  // 1. The worker, at the team room's sticker.
  await loginAs('worker_yuanyongjian');
  await session.page.goto(`${session.server.baseUrl}/q/cy/zj2`);
  await session.page.locator('#place-badge').waitFor();
  await session.page.locator('.category-chip[data-code="welfare"]').tap();
  await session.page.locator('#content textarea').fill('综掘二区会议室空调不制冷,班前会职工酷热难耐,望及时解决');
  await session.page.locator('#submit-button').tap();
  await session.page.waitForURL(/pages\/detail\/index/);
  const id = new URL(session.page.url().replace('#', '')).searchParams.get('id')!;
  const serial = (await session.page.locator('#appeal-serial').innerText()).trim();
  await settle();
  await session.page.screenshot({ path: screenshotPath('loop-1-worker-submitted') });

  // 2. The office accepts it as 特事特办, from its inbox.
  await loginAs('cy_office');
  await session.page.goto(`${session.server.baseUrl}/#/admin/inbox/index`);
  await visible(`.staff-item[data-serial="${serial}"]`).tap();
  await visible('#staff-serial').waitFor();
  await perform('accept', () => visible('[data-field="urgent"] input').tap(), '已受理');
  expect(await visible('#staff-serial').innerText()).toContain('特事特办');
  await settle();
  await session.page.screenshot({ path: screenshotPath('loop-2-office-accepted') });

  // 3. A leader issues the dispatch sheet.
  await openAsStaff('cy_leader', id);
  await perform(
    'dispatch',
    async () => {
      await visible('.choice-department[data-code="logistics"]').tap();
      await type('instructions', '请后勤管理部立即检修空调,并排查其他值班室');
      await type('measures', '检修空调,覆盖式检查值班室');
    },
    '已批办',
  );
  expect(await visible('.sheet').first().innerText()).toContain('后勤管理部');
  await settle();
  await session.page.screenshot({ path: screenshotPath('loop-3-leader-dispatched') });

  // 4. The department acknowledges and explains.
  await openAsStaff('cy_logistics', id);
  // 接单 asks nothing: one tap does it, no form in between.
  await visible('.action-button[data-action="acknowledge"]').tap();
  await session.page.waitForFunction(() =>
    Array.from(document.querySelectorAll('#staff-status')).some((el) => (el as HTMLElement).offsetParent !== null && el.textContent?.startsWith('办理中')),
  );
  expect(await session.page.locator('#action-form-acknowledge').count()).toBe(0);
  await perform(
    'respond',
    async () => {
      await visible('.choice-outcome[data-code="explained"]').tap();
      await type('text', '空调压缩机需厂家更换,已报采购,期间调配移动空调');
    },
    '已答复待反馈',
  );
  await settle();
  await session.page.screenshot({ path: screenshotPath('loop-4-department-responded') });

  // 5. The office replies to the worker and logs the feedback call.
  await openAsStaff('cy_office', id);
  await perform('reply', () => type('text', '空调压缩机需更换,已报采购,期间先用移动空调,请您理解'), '已反馈');
  await perform(
    'calls',
    async () => {
      await visible('.choice-result[data-code="reached"]').tap();
      await type('summary', '已电话说明,职工表示理解');
    },
    '已反馈',
  );
  expect(await visible('.timeline-item--call_logged').innerText()).toContain('已接通');
  await settle();
  await session.page.screenshot({ path: screenshotPath('loop-5-office-replied-and-called') });

  // 6. The worker reads the reply and rates it 基本满意.
  await loginAs('worker_yuanyongjian');
  await session.page.goto(`${session.server.baseUrl}/#/pages/detail/index?id=${id}`);
  await visible('#rate-card').waitFor();
  expect(await visible('.timeline-item--replied').innerText()).toContain('移动空调');
  expect(await session.page.locator('.timeline-item--call_logged').count()).toBe(0);
  await visible('.rating-chip[data-code="basic"]').tap();
  await visible('#submit-rating').tap();
  await visible('.timeline-item--rated').waitFor();
  expect(await visible('#appeal-status').innerText()).toBe('已办结');
  await settle();
  await session.page.screenshot({ path: screenshotPath('loop-6-worker-rated') });
});
