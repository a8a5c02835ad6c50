// 常用回复 through the UI, at phone size: the office clerk adds two under 我的 → 常用回复 (one for 衣食住行,
// one for every category), corrects one and deletes another after a confirmation; the department's
// answer form and the clerk's reply form then offer them — a tap fills the box, the clerk edits the
// sentence and sends it, and the worker's appeal carries the edited words. Screenshots kept.
import { apiAct, apiGet, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { visible } = session;

it('the office keeps its canned replies, and a tap fills the answer and the reply, edited before sending', async () => {
  const base = session.server.baseUrl;
  const { page } = session;
  await session.loginAs('cy_office');
  await page.goto(`${base}/#/pages/profile/index`);
  await visible('#open-canned-replies').tap();
  await visible('#canned-replies-card').waitFor();

  const add = async (category: string, text: string) => {
    await visible(`.canned-category-chip[data-code="${category}"]`).tap();
    await visible('#canned-text textarea').fill(text);
    await visible('#add-canned-reply').tap();
    await visible('.canned-reply-row').filter({ hasText: text }).waitFor();
  };
  await add('living', '您反映的问题已转后勤管理部,三天内给您答复。');
  await add('*', '感谢您的反映,我们会跟踪到底。');
  await add('*', '这条写错了');

  // 衣食住行 shows its own and those for every category; 权益维护 only those for every category.
  await visible('.canned-category-chip[data-code="rights"]').tap();
  expect(await visible('.canned-reply-row').filter({ hasText: '三天内' }).count()).toBe(0);
  await visible('.canned-category-chip[data-code="*"]').tap();

  const wrong = visible('.canned-reply-row').filter({ hasText: '这条写错了' });
  await wrong.locator('.delete-canned').tap();
  await page.locator('.taro-modal__title', { hasText: '删除这条常用回复?' }).waitFor();
  await page.locator('.taro-modal__foot >> text=确定').tap();
  await page.waitForFunction(() => ![...document.querySelectorAll('.canned-reply-row')].some((row) => row.textContent?.includes('这条写错了')));

  const first = visible('.canned-reply-row').filter({ hasText: '三天内' });
  await first.locator('.edit-canned').tap();
  await visible('.canned-edit-input textarea').fill('您反映的问题已转后勤管理部,两天内给您答复。');
  await visible('.save-canned').tap();
  await visible('.canned-reply-row').filter({ hasText: '两天内' }).waitFor();
  const card = await visible('#canned-replies-card').innerText();
  expect(card).toContain('衣食住行');
  expect(card).toContain('所有类别');
  expect(card).not.toMatch(/living|\*|[0-9a-f]{8}-/);
  await session.settle(true);
  await page.screenshot({ path: screenshotPath('canned-replies-1-setup'), fullPage: true });

  // An appeal of 衣食住行 waiting for the department's answer (brought there through the API).
  const worker = await apiLogin(base, 'worker_duanwei');
  const appeal = await apiSubmit(base, worker, {
    org: 'cy',
    category: 'living',
    place: 'bath',
    identity: 'named',
    publishConsent: false,
    content: '澡堂的热水时有时无,下夜班洗不上热水澡',
  });
  const [office, secretary] = await Promise.all(['cy_office', 'cy_secretary'].map((o) => apiLogin(base, o)));
  await apiAct(base, office, appeal.id, 'accept');
  await apiAct(base, secretary, appeal.id, 'dispatch', { department: 'logistics', instructions: '请查热水管路' });
  await apiAct(base, await apiLogin(base, 'cy_logistics'), appeal.id, 'acknowledge');

  // The department answers: the canned replies are offered there too (read, not kept).
  await session.openAsStaff('cy_logistics', appeal.id);
  await visible('.action-button[data-action="respond"]').tap();
  await visible('#action-form-respond').waitFor();
  await visible('.choice-outcome[data-code="resolved"]').tap();
  const offered = visible('#action-form-respond .canned-reply');
  await offered.first().waitFor();
  expect(await offered.allInnerTexts()).toEqual(['您反映的问题已转后勤管理部,两天内给您答复。', '感谢您的反映,我们会跟踪到底。']);
  await visible('#action-form-respond [data-field="text"] textarea').fill('热水管路的阀门已更换,今天起全天供热水');
  await visible('.action-form__submit').tap();
  await visible('.action-button[data-action="reply"]').or(visible('#staff-serial')).first().waitFor();

  // The clerk replies: one tap fills the box, then the sentence is made this appeal's own.
  await session.openAsStaff('cy_office', appeal.id);
  await visible('.action-button[data-action="reply"]').tap();
  await visible('#action-form-reply').waitFor();
  await visible('#action-form-reply .canned-reply').filter({ hasText: '跟踪到底' }).tap();
  const box = visible('#action-form-reply [data-field="text"] textarea');
  expect(await box.inputValue()).toBe('感谢您的反映,我们会跟踪到底。');
  await box.fill(`热水阀门已更换。${await box.inputValue()}`);
  await session.settle();
  await page.screenshot({ path: screenshotPath('canned-replies-2-reply-filled'), fullPage: true });
  await visible('.action-form__submit').tap();
  await page.waitForFunction(() => !document.querySelector('#action-form-reply'));

  const seen = await apiGet<{ status: string; timeline: Array<{ text?: string | null }> }>(base, worker, `/api/appeals/${appeal.id}`);
  expect(seen.status).toBe('replied');
  expect(JSON.stringify(seen.timeline)).toContain('热水阀门已更换。感谢您的反映,我们会跟踪到底。');
}, 120_000);
