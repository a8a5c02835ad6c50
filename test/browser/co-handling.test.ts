// 主办/协办 in the app, at phone size, through the UI only: a leader dispatches an appeal from 待批办 with
// 后勤管理部 as the lead and 党群工作部 co-handling, picking the date (一周后) and giving the reason a date
// other than the category's needs. The appeal page then names both, with a deadline of each. The taps of
// each step are counted (printed as a table) and every step's screenshot kept.
import { apiAct, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

it('lets a leader dispatch with a lead and a co-handling department, picking the date', async () => {
  const base = session.server.baseUrl;
  const worker = await apiLogin(base, 'worker_co_handling');
  const { id, serial } = await apiSubmit(base, worker, {
    org: 'cy',
    category: 'advice',
    place: 'dorm2',
    identity: 'named',
    content: '宿舍楼顶的大喇叭早上六点就响,能不能调小音量、晚点再放',
    publishConsent: false,
  });
  await apiAct(base, await apiLogin(base, 'cy_office'), id, 'accept');

  const taps: Array<[step: string, taps: number]> = [];
  let count = 0;
  const tap = async (selector: string) => {
    await visible(selector).first().tap();
    count++;
  };
  const done = (step: string) => {
    taps.push([step, count]);
    count = 0;
  };

  // 1. The leader opens it from 待批办.
  await loginAs('cy_leader');
  await session.page.goto(`${base}/#/pages/profile/index`);
  count++;
  await tap('#open-workbench');
  await visible('#inbox-tabs').waitFor();
  await tap('.inbox-tab[data-code="to-dispatch"]');
  await tap(`.staff-item[data-serial="${serial}"]`);
  await visible('#staff-serial').waitFor();
  done('领导从待批办打开诉求');

  // 2. 批办: 后勤管理部 leads, 党群工作部 co-handles, due a week from today (a tap), with the reason.
  await tap('.action-button[data-action="dispatch"]');
  await visible('#action-form-dispatch').waitFor();
  expect(await visible('[data-field="department"] .mq-hint').innerText()).toBe('主办部门');
  await tap('.choice-department[data-code="logistics"]');
  // The lead is not offered as co-handling.
  expect(await session.page.locator('.choice-coDepartments[data-code="logistics"]:visible').count()).toBe(0);
  await tap('.choice-coDepartments[data-code="party"]');
  expect(await visible('.choice-coDepartments[data-code="party"]').getAttribute('class')).toContain('mq-chip--on');
  await tap('[data-field="instructions"] textarea');
  await visible('[data-field="instructions"] textarea').fill('后勤管理部调低音量、调整喇叭位置;党群工作部调整广播时间');
  await tap('[data-field="dueAt"] .date-hint__pick:has-text("一周后")');
  const read = await visible('[data-field="dueAt"] .date-hint__read').innerText();
  expect(read).toMatch(/^按 \d+月\d+日\(周.\) 当天下班前计$/);
  await tap('[data-field="reason"] input');
  await visible('[data-field="reason"] input').fill('广播时间要和党群工作部一起定');
  await session.page.screenshot({ path: screenshotPath('co-handling-1-form'), fullPage: true });
  await tap('.action-form__submit');
  await visible('.timeline-item--dispatched').waitFor();
  done('批办(主办+协办+选日期)');
  await session.settle(true);

  // The page names both, with a deadline for each; the sheet says which leads.
  const [, month, day] = /(\d+)月(\d+)日/.exec(read)!.map(Number);
  const hero = await visible('#staff-department').innerText();
  expect(hero).toContain('主办:后勤管理部 · 协办:党群工作部');
  expect(hero).toContain(`${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  expect(await visible('#co-handling').innerText()).toContain('党群工作部:尚未提出');
  const steps = await visible('#steps').innerText();
  for (const words of ['答复(后勤管理部)', '答复(党群工作部)']) expect(steps).toContain(words);
  expect(await visible('.sheet').first().innerText()).toContain('后勤管理部主办 · 党群工作部协办');
  expect(await visible('.timeline-item--dispatched').innerText()).toContain('由后勤管理部主办,党群工作部协办');
  await session.page.screenshot({ path: screenshotPath('co-handling-2-dispatched'), fullPage: true });

  console.log(['| 步骤 | 点按次数 |', '|---|---|', ...taps.map(([step, n]) => `| ${step} | ${n} |`)].join('\n'));
}, 120_000);
