// Every staff screen in the words of the people who use it: the office clerk, a leader, a department,
// the administrator and the group's administrator walk each of their pages — every inbox tab, the
// appeal page in each status with each action's form opened, the message list, the monthly report,
// the setup screens and the group's rankings — and no page may show a raw code, an English word, a
// time zone's name or an id. Serial numbers (CY202612-0001) are the only letters a clerk reads.
import type { Page } from 'playwright-core';
import { apiAct, apiLogin, apiSubmit } from '../support/api.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

const SERIAL = /[A-Z]{2,}\d{6}-\d{4}/g;
/** The paper size (打印全部小蓝码(A4)) is how a clerk names the paper in the printer. */
const PAPER = /\bA4\b/g;
/** Latin words a Chinese clerk reads as Chinese: none. A name here must say why. */
const ALLOWED: string[] = [];

/** The visible page's text (Taro keeps earlier pages hidden in the document) and its visible placeholders. */
async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const pages = [...document.querySelectorAll<HTMLElement>('.taro_page')].filter((p) => p.offsetParent !== null || getComputedStyle(p).display !== 'none');
    const root = pages.at(-1) ?? document.body;
    const placeholders = [...root.querySelectorAll<HTMLInputElement>('input, textarea')].filter((el) => el.offsetParent !== null).map((el) => el.placeholder ?? '');
    const tabBar = document.querySelector<HTMLElement>('.taro-tabbar__container');
    return [root.innerText, ...placeholders, tabBar?.innerText ?? ''].join('\n');
  });
}

/** What on the screen is not Chinese for a clerk: words of Latin letters, time zone names, ids. */
function foreignWords(text: string): string[] {
  const words =
    text
      .replace(SERIAL, ' ')
      .replace(PAPER, ' ')
      .match(/[A-Za-z][A-Za-z_./-]*[A-Za-z]|[A-Za-z]/g) ?? [];
  return words.filter((w) => !ALLOWED.includes(w));
}

const seen: Array<{ who: string; screen: string; words: string[] }> = [];

async function look(who: string, screen: string) {
  // The page has answered: no 正在加载… left.
  await session.page.waitForFunction(() => ![...document.querySelectorAll<HTMLElement>('.mq-shell--loading')].some((el) => el.offsetParent !== null), undefined, {
    timeout: 15_000,
  });
  await session.page.waitForTimeout(300);
  const words = foreignWords(await screenText(session.page));
  seen.push({ who, screen, words });
}

async function open(path: string, ready: string) {
  await session.page.goto(`${session.server.baseUrl}/#${path}`);
  await visible(ready).first().waitFor();
}

/** The appeal page as `who`, then each action's form opened in turn (cancelled, nothing sent). */
async function lookAtAppeal(who: string, id: string, label: string) {
  await open(`/admin/appeal/index?id=${id}`, '#staff-serial');
  await look(who, `诉求页(${label})`);
  const actions = await visible('.action-button').evaluateAll((els) => els.map((el) => el.getAttribute('data-action') ?? ''));
  for (const action of actions.filter((a) => a !== 'acknowledge')) {
    await visible(`.action-button[data-action="${action}"]`).tap();
    await visible(`#action-form-${action}`).waitFor();
    await look(who, `诉求页(${label})·${action} 表单`);
    await visible(`#action-form-${action} .mq-button--ghost`).last().tap();
    await visible('#action-bar').waitFor();
  }
}

async function lookAtTabs(who: string, chip: string) {
  const codes = await visible(chip).evaluateAll((els) => els.map((el) => el.getAttribute('data-code') ?? ''));
  for (const code of codes) {
    await visible(`${chip}[data-code="${code}"]`).tap();
    await session.page.waitForFunction((selector) => document.querySelector(selector)?.classList.contains('mq-chip--on'), `${chip}[data-code="${code}"]`);
    await look(who, `${chip} ${code}`);
  }
}

it('shows no raw code, English word, time zone or id on any staff screen', async () => {
  const base = session.server.baseUrl;
  const office = await apiLogin(base, 'cy_office');
  const leader = await apiLogin(base, 'cy_leader');
  const logistics = await apiLogin(base, 'cy_logistics');
  // Two workers (one may send five appeals in ten minutes).
  const workers = [await apiLogin(base, 'worker_duanwei'), await apiLogin(base, 'worker_liyunfang')];
  let sent = 0;
  const submit = (identity: string, content: string) => apiSubmit(base, workers[sent++ % 2], { org: 'cy', category: 'living', place: 'dorm2', identity, content });
  const fresh = await submit('named', '2号宿舍楼三层的热水器坏了,洗不了澡');
  const confidential = await submit('confidential', '三月份的夜班补贴没有发,问了班组也说不清楚');
  const dispatched = await submit('named', '2号宿舍楼门口的路灯不亮,晚上下班看不见路');
  const answered = await submit('named', '食堂的饭菜太咸了,希望少放点盐');
  const replied = await submit('anonymous', '澡堂的柜子锁坏了好几个,东西放着不放心');
  for (const appeal of [confidential, dispatched, answered, replied]) await apiAct(base, office, appeal.id, 'accept');
  for (const appeal of [dispatched, answered, replied]) await apiAct(base, leader, appeal.id, 'dispatch', { department: 'logistics', instructions: '请后勤管理部尽快处理' });
  for (const appeal of [dispatched, answered, replied]) await apiAct(base, logistics, appeal.id, 'acknowledge');
  for (const appeal of [answered, replied]) await apiAct(base, logistics, appeal.id, 'respond', { outcome: 'resolved', text: '已经处理好了' });
  await apiAct(base, office, replied.id, 'reply', { text: '柜子锁已全部换新' });

  // The office clerk.
  await loginAs('cy_office');
  await open('/admin/inbox/index', '.inbox-tab');
  await look('党群工作部', '工作台');
  await lookAtTabs('党群工作部', '.inbox-tab');
  await visible('#filter-more').tap();
  await visible('#inbox-pickers').waitFor();
  await look('党群工作部', '工作台·更多筛选');
  await lookAtAppeal('党群工作部', fresh.id, '待受理');
  await lookAtAppeal('党群工作部', confidential.id, '保密·待批办');
  await lookAtAppeal('党群工作部', answered.id, '待反馈');
  await lookAtAppeal('党群工作部', replied.id, '待回访');
  await open('/admin/outbox/index', '.outbox-tab');
  await lookAtTabs('党群工作部', '.outbox-tab');
  await open('/admin/report/index', '#report-months');
  await look('党群工作部', '月报公示');

  // A leader.
  await loginAs('cy_leader');
  await open('/admin/inbox/index', '.inbox-tab');
  await lookAtTabs('领导', '.inbox-tab');
  await lookAtAppeal('领导', confidential.id, '待批办');
  await lookAtAppeal('领导', dispatched.id, '办理中');
  await open('/admin/board/index', '#board-total');
  await look('领导', '督办看板');

  // The department.
  await loginAs('cy_logistics');
  await open('/admin/inbox/index', '.inbox-tab');
  await lookAtTabs('后勤管理部', '.inbox-tab');
  await lookAtAppeal('后勤管理部', dispatched.id, '办理中');
  await lookAtAppeal('后勤管理部', answered.id, '已答复');
  await open('/admin/board/index', '#board-total');
  await look('后勤管理部', '督办看板');

  // The administrator and the group's.
  await loginAs('cy_admin');
  await open('/admin/setup/index', '#org-card');
  await look('系统管理员', '设置');
  await loginAs('jd_group');
  await open('/admin/group/index', '.mine-row');
  await look('集团管理员', '红黑榜');

  const found = seen.filter((s) => s.words.length > 0).map((s) => `${s.who} · ${s.screen}: ${[...new Set(s.words)].join(' ')}`);
  console.log(`staff screens read: ${seen.length}`);
  expect(seen.length).toBeGreaterThan(30);
  expect(found).toEqual([]);
}, 300_000);
