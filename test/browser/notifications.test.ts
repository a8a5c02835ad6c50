// What happens to news nobody could push: the worker allowed no WeChat message, so the reply waits in
// their inbox (a red dot on 我的诉求), the office's call queue marks the appeal 需电话告知, and the
// 消息投递 page lists the message; the department's group robot heard of the sheet. Screenshots kept.
import { screenshotPath } from '../support/browser.js';
import { apiAct, apiGet, apiLogin, apiSubmit } from '../support/api.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

interface OutboxList {
  items: Array<{ appeal: { id: string } | null; title: string }>;
}

it('marks an appeal whose reply reached no one for a call, and lists the message for the office', async () => {
  const base = session.server.baseUrl;
  const worker = await apiLogin(base, 'worker_huangzhanchao');
  const appeal = await apiSubmit(base, worker, {
    org: 'cy',
    category: 'living',
    place: 'dorm2',
    identity: 'confidential',
    content: '2号宿舍楼顶的大喇叭早上六点就响,夜班职工睡不好',
  });
  const office = await apiLogin(base, 'cy_office');
  const logistics = await apiLogin(base, 'cy_logistics');
  await apiAct(base, office, appeal.id, 'accept');
  await apiAct(base, office, appeal.id, 'dispatch', { department: 'logistics', instructions: '请调整广播时间' });
  await apiAct(base, logistics, appeal.id, 'acknowledge');
  await apiAct(base, logistics, appeal.id, 'respond', { outcome: 'resolved', text: '广播改到七点半以后' });
  await apiAct(base, office, appeal.id, 'reply', { text: '大喇叭已改到早上七点半以后播放' });

  // The server's own dispatcher runs every 15 seconds: wait for it to find the worker without credit,
  // and for the department's robot to have heard of the sheet — on a later run if its first post failed
  // (a busy machine: the first retry comes 30 s later), as it would in a real group chat.
  let list: OutboxList = { items: [] };
  let robot: Array<{ content: string }> = [];
  const noCredit = () => list.items.some((m) => m.appeal?.id === appeal.id && m.title.includes('七点半'));
  const robotHeard = () => robot.some((m) => m.content.includes(appeal.serial) && m.content.includes('新的批办单'));
  for (let i = 0; i < 75 && !(noCredit() && robotHeard()); i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    list = await apiGet<OutboxList>(base, office, '/api/admin/outbox?state=no_credit');
    robot = await apiGet<Array<{ content: string }>>(base, null, '/__sim/robot');
  }
  expect(noCredit()).toBe(true);
  expect(robotHeard()).toBe(true);

  // The office's call queue: marked for a call.
  await loginAs('cy_office');
  await session.page.goto(`${base}/#/admin/inbox/index`);
  // The clerk taps 待回访 once the tabs show their counts (a label that grows moves the chips after it).
  const callsTab = visible('.inbox-tab[data-code="calls"]');
  await session.page.waitForFunction(() => /待回访 \d+/.test(document.querySelector('.inbox-tab[data-code="calls"]')?.textContent ?? ''));
  await callsTab.tap();
  await session.page.waitForFunction(() => document.querySelector('.inbox-tab[data-code="calls"]')?.classList.contains('mq-chip--on'));
  const item = visible(`.staff-item[data-serial="${appeal.serial}"]`);
  await item.waitFor();
  expect(await item.locator('.needs-call').innerText()).toContain('需电话告知');
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('notify-1-call-queue') });

  // The 消息投递 page, from the workbench.
  await visible('#open-outbox').tap();
  await visible('.outbox-tab[data-code="no_credit"]').tap();
  const row = visible('.outbox-item').filter({ hasText: appeal.serial }).first();
  await row.waitFor();
  expect(await row.innerText()).toContain('职工');
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('notify-2-outbox') });

  // The worker: the red dot on 我的诉求, and the reply in the app.
  await loginAs('worker_huangzhanchao');
  await session.page.goto(`${base}/#/pages/mine/index`);
  expect(await visible('#unread-notices').innerText()).toMatch(/您有 \d+ 条新消息/);
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('notify-3-worker-unread') });
}, 120_000);
