// The office clerk's morning (issue 17), in the H5 build at phone size, through the UI only — the API only
// seeds what others did before (30 workers' appeals; a sheet sent to the wrong department; a department's
// answer and the office's reply where a later step needs one). The clerk finds an appeal by the last digits
// of its serial, takes ten new appeals in (three as 特事特办, then filtered to them), merges two duplicates
// into the first report, rejects one with a reason; a leader dispatches one with a lead and a co-handling
// department, picking the date on the date wheel; the department sends a misrouted sheet back; the office and
// the department write internal notes, which the worker's page does not show; a merged worker reads the
// answer; the office has a confidential worker's contact approved, calls, and logs the call. The taps of each
// step are counted and printed as a table; every step's screenshot is kept.
import { apiAct, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';
import { pickDate } from '../support/date-picker.js';
import { dialled, recordDialling } from '../support/dialler.js';
import { tapCounter } from '../support/taps.js';

const session = useBrowserSession();
const { visible } = session;

/** What each of the 30 workers reports (category, place, content); the roles below pick some of them. */
const REPORTS: Array<[category: string, place: string | undefined, content: string]> = Array.from(
  { length: 30 },
  (_, i) =>
    [
      ['living', 'canteen', `食堂第${i + 1}号窗口的饭菜偏咸,希望清淡一些`],
      ['welfare', 'office', `第${i + 1}批劳保手套太薄,干活容易磨破`],
      ['advice', 'dorm1', `1号宿舍楼第${i + 1}层的走廊灯坏了,晚上看不清`],
    ][i % 3] as [string, string, string],
);
// Urgent-worthy: danger now.
const URGENT = [29, 28, 27];
REPORTS[29] = ['living', 'bath', '澡堂热水锅炉的压力表指针到了红线,还在烧,怕出危险'];
REPORTS[28] = ['living', 'canteen', '食堂后厨一早就有很重的燃气味,师傅们还在做饭'];
REPORTS[27] = ['living', 'dorm2', '2号宿舍楼的消防通道被电动车堵死了,楼道里还有人充电'];
// The first report of a matter, and two near-duplicates of it (same place, same problem), reported later.
const PRIMARY = 26;
const DUPLICATES = [19, 18];
REPORTS[26] = ['living', 'bath', '职工澡堂男浴室的热水器坏了,不出热水'];
REPORTS[19] = ['living', 'bath', '澡堂男浴室热水器不出热水,洗不了澡'];
REPORTS[18] = ['living', 'bath', '男浴室的热水器坏了,只有凉水'];
// 保密, with a phone number.
const CONFIDENTIAL = 25;
REPORTS[25] = ['rights', undefined, '班组长扣了我们的夜班补助,不敢实名说'];
// For the leader's sheet with 主办 and 协办, and the one sent to the wrong department.
const DISPATCHED = 24;
const MISROUTED = 23;
REPORTS[24] = ['advice', 'dorm1', '1号宿舍楼顶的广播喇叭每天早上六点就响,夜班职工白天睡不好'];
REPORTS[23] = ['rights', undefined, '这个月工资条上的夜班津贴比上个月少了两百多'];
const REJECTED = 17;
REPORTS[17] = ['advice', 'office', '想问问今年的年终奖什么时候发,发多少'];
/** The ten the clerk takes in, newest first (the first page of 新诉求). */
const ACCEPTED = [29, 28, 27, 26, 25, 24, 23, 22, 21, 20];

/** "2026-12-05" → "12月5日(周六)", as the form writes a day. */
const dayWords = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return `${date.getUTCMonth() + 1}月${date.getUTCDate()}日(周${'日一二三四五六'[date.getUTCDay()]})`;
};

it("carries the office clerk's morning through the workbench, as the clerk, a leader, a department and the workers", async () => {
  const base = session.server.baseUrl;
  const page = session.page;
  const phone = '13700001111';
  const seeded: Array<{ id: string; serial: string }> = [];
  for (const [i, [category, place, content]] of REPORTS.entries()) {
    // The demo lets a worker submit 5 in 10 minutes: one worker each.
    const worker = await apiLogin(base, `morning_worker_${i}`);
    const confidential = i === CONFIDENTIAL;
    seeded.push(
      await apiSubmit(base, worker, {
        org: 'cy',
        category,
        ...(place ? { place } : {}),
        identity: confidential ? 'confidential' : 'named',
        ...(confidential ? { phone } : {}),
        content,
        publishConsent: false,
      }),
    );
  }
  const row = (i: number) => `.staff-item[data-serial="${seeded[i].serial}"]`;
  const counter = tapCounter(session);
  const { tap, done } = counter;
  const shot = async (name: string, fullPage = false) => {
    await session.settle();
    await page.screenshot({ path: screenshotPath(`office-morning-${name}`), fullPage });
  };
  const openWorkbench = async (openid: string) => {
    await session.loginAs(openid);
    // The 我的 tab by its address (Taro's tab bar links are javascript:, refused by the page's CSP): one tap.
    await page.goto(`${base}/#/pages/profile/index`);
    counter.add();
    await tap('#open-workbench');
    await visible('#inbox-tabs').waitFor();
  };
  /** As from a notice's link: one tap. */
  const openFromNotice = async (openid: string, i: number) => {
    await session.openAsStaff(openid, seeded[i].id);
    counter.add();
  };
  /** The phone's back gesture, to the list (counted as a tap). */
  const back = async () => {
    await page.goBack();
    counter.add();
    await visible('#inbox-tabs').waitFor();
  };
  const waitForStatus = (status: string) =>
    page.waitForFunction(
      (s: string) => Array.from(document.querySelectorAll('#staff-status')).some((el) => (el as HTMLElement).offsetParent !== null && el.textContent?.startsWith(s)),
      status,
    );
  /** From the list: opens appeal `i`, opens `action`'s form, writes the reason and sends it. */
  const withReason = async (i: number, action: string, reason: string) => {
    await tap(row(i));
    await visible('#staff-serial').waitFor();
    await tap(`.action-button[data-action="${action}"]`);
    await visible(`#action-form-${action}`).waitFor();
    await tap('[data-field="reason"] textarea');
    await visible('[data-field="reason"] textarea').fill(reason);
    await tap('.action-form__submit');
  };
  const newCount = async () => {
    await page.waitForFunction(() => /新诉求 \d+/.test(document.querySelector('.inbox-tab[data-code="new"]')?.textContent ?? ''));
    return Number(/新诉求 (\d+)/.exec(await visible('.inbox-tab[data-code="new"]').innerText())![1]);
  };
  const waitForNewCount = (n: number) =>
    page.waitForFunction(
      (n: number) =>
        [...document.querySelectorAll<HTMLElement>('.inbox-tab[data-code="new"]')].some(
          (el) => el.offsetParent !== null && new RegExp(`新诉求 ${n}(?!\\d)`).test(el.textContent ?? ''),
        ),
      n,
    );
  const rowSerials = () => page.locator('.staff-item:visible').evaluateAll((els) => els.map((el) => el.getAttribute('data-serial')));
  const waitForRows = () => page.waitForFunction(() => document.querySelectorAll('.staff-item').length > 0 || !!document.querySelector('.mq-empty'));

  // 1. The workbench: 新诉求 counts the 30 (and the demo's own).
  await openWorkbench('cy_office');
  await waitForRows();
  done('打开工作台');
  const waiting = await newCount();
  expect(waiting).toBeGreaterThanOrEqual(30);
  await shot('1-workbench');

  // 2. One found by the last digits of its serial: the confidential one, no name on its row.
  const target = seeded[CONFIDENTIAL];
  await tap('#inbox-search');
  await visible('#inbox-search input').fill(target.serial.slice(-4));
  await tap('#inbox-search-go');
  await visible(row(CONFIDENTIAL)).waitFor();
  done('按编号尾号查找');
  const found = await visible(row(CONFIDENTIAL)).innerText();
  for (const words of ['保密', '权益维护', '已提交', REPORTS[CONFIDENTIAL][2]]) expect(found).toContain(words);
  expect(await visible('#search-active').innerText()).toContain(target.serial.slice(-4));
  await shot('2-found-by-serial');

  // 3. Ten taken in (受理) from 新诉求, newest first; the three dangerous ones as 特事特办.
  await tap('#search-clear');
  await tap('.inbox-tab[data-code="new"]');
  await waitForRows();
  done('清除搜索回到新诉求');
  const perAccept: number[] = [];
  for (const [n, i] of ACCEPTED.entries()) {
    const before = counter.steps.length;
    await tap(row(i));
    await visible('#staff-serial').waitFor();
    await tap('.action-button[data-action="accept"]');
    await visible('#action-form-accept').waitFor();
    if (URGENT.includes(i)) await tap('[data-field="urgent"] input');
    await tap('.action-form__submit');
    await waitForStatus('已受理');
    if (URGENT.includes(i)) expect(await visible('#staff-serial').innerText()).toContain('【特事特办】');
    if (n === 0) await shot('3-accepted-urgent');
    await back();
    await waitForNewCount(waiting - n - 1);
    done(`受理第${n + 1}件${URGENT.includes(i) ? '(特事特办)' : ''}`);
    perAccept.push(counter.steps[before][1]);
  }
  expect(await page.locator(`${row(ACCEPTED[0])}:visible`).count()).toBe(0);
  await shot('3-ten-accepted');

  // 4. Only the 特事特办 ones, of all: the three just marked among them, every row marked.
  await tap('.inbox-tab[data-code="all"]');
  await waitForRows();
  await tap('#filter-urgent');
  await visible(row(URGENT[0])).waitFor();
  done('筛选特事特办');
  const urgentRows = await rowSerials();
  for (const i of URGENT) expect(urgentRows).toContain(seeded[i].serial);
  for (const text of await page.locator('.staff-item:visible').allInnerTexts()) expect(text).toContain('特事特办');
  for (const i of ACCEPTED.filter((a) => !URGENT.includes(a))) expect(urgentRows).not.toContain(seeded[i].serial);
  expect(await visible('#filter-urgent').innerText()).toBe('✓ 特事特办');
  await shot('4-urgent-only');

  // 5. The two duplicates merged into the first report (by its serial).
  await tap('#filter-urgent');
  await tap('.inbox-tab[data-code="new"]');
  await waitForRows();
  for (const i of DUPLICATES) {
    await tap(row(i));
    await visible('#staff-serial').waitFor();
    await tap('.action-button[data-action="merge"]');
    await visible('#action-form-merge').waitFor();
    await tap('[data-field="into"] input');
    await visible('[data-field="into"] input').fill(seeded[PRIMARY].serial);
    await tap('.action-form__submit');
    await waitForStatus('已合并');
    expect(await visible('.timeline-item--merged').innerText()).toContain(seeded[PRIMARY].serial);
    if (i === DUPLICATES[0]) await shot('5-merged');
    await back();
  }
  await waitForNewCount(waiting - ACCEPTED.length - DUPLICATES.length);
  done('合并两件重复诉求');

  // 6. One rejected, with the reason the worker will read.
  const rejection = '年终奖发放属于政策咨询,已请劳资部在职代会上统一说明';
  await withReason(REJECTED, 'reject', rejection);
  await waitForStatus('不予受理');
  expect(await visible('#staff-timeline').innerText()).toContain(rejection);
  await shot('6-rejected');
  await back();
  await waitForNewCount(waiting - ACCEPTED.length - DUPLICATES.length - 1);
  done('不予受理一件(写理由)');
  await shot('6-new-after-morning');

  // 7. A leader dispatches one from 待批办: 后勤管理部 leads, 党群工作部 co-handles, the day picked on the wheel.
  await openWorkbench('cy_leader');
  await tap('.inbox-tab[data-code="to-dispatch"]');
  await tap(row(DISPATCHED));
  await visible('#staff-serial').waitFor();
  done('领导从待批办打开诉求');
  await tap('.action-button[data-action="dispatch"]');
  await visible('#action-form-dispatch').waitFor();
  await tap('.choice-department[data-code="logistics"]');
  await tap('.choice-coDepartments[data-code="party"]');
  await tap('[data-field="instructions"] textarea');
  await visible('[data-field="instructions"] textarea').fill('后勤管理部调低音量、调整喇叭朝向;党群工作部把广播改到八点以后');
  // Nothing picked yet: the form says the day the category's time gives (意见建议: 15 days).
  expect(await visible('#date-dueAt').innerText()).toBe('点此选日期');
  const fallback = await visible('[data-field="dueAt"] .date-hint__read').innerText();
  expect(fallback).toMatch(/^不选就按这类诉求的答复时限:\d+月\d+日\(周.\) \d\d:\d\d 前$/);
  const mineToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const defaultDay = new Date(Date.now() + 8 * 3600_000 + 360 * 3600_000).toISOString().slice(0, 10);
  expect([dayWords(defaultDay), dayWords(new Date(new Date(`${defaultDay}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10))].some((w) => fallback.includes(w))).toBe(
    true,
  );
  // Three days from today at the mine, on the wheel.
  const due = new Date(new Date(`${mineToday}T00:00:00Z`).getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
  const wheelTaps = await pickDate(page, '#date-dueAt', due, screenshotPath('office-morning-7-date-wheel'));
  counter.add(wheelTaps);
  expect(await visible('#date-dueAt').innerText()).toBe(dayWords(due));
  expect(await visible('[data-field="dueAt"] .date-hint__read').innerText()).toBe(`按 ${dayWords(due)} 当天下班前计`);
  await tap('[data-field="reason"] input');
  await visible('[data-field="reason"] input').fill('喇叭问题夜班职工反映强烈,三天内办好');
  await shot('7-dispatch-form', true);
  await tap('.action-form__submit');
  await visible('.timeline-item--dispatched').waitFor();
  done(`批办(主办+协办,转轮选日期 ${wheelTaps} 次)`);
  const hero = await visible('#staff-department').innerText();
  expect(hero).toContain('主办:后勤管理部 · 协办:党群工作部');
  expect(hero).toContain(due.slice(5));
  expect(await visible('.timeline-item--dispatched').innerText()).toContain('由后勤管理部主办,党群工作部协办');
  await shot('7-dispatched', true);

  // 8. The department sends back a sheet that is not theirs (sent to it before, by another leader's hand).
  const leader = await apiLogin(base, 'cy_leader');
  await apiAct(base, leader, seeded[MISROUTED].id, 'dispatch', { department: 'logistics', instructions: '请后勤管理部核对夜班津贴' });
  const sendBack = '工资和津贴由劳资部核算,不属于后勤管理部职责';
  await openWorkbench('cy_logistics');
  await withReason(MISROUTED, 'send-back', sendBack);
  await page.locator('.taro-modal__title', { hasText: '确定退单?' }).waitFor();
  await page.locator('.taro-modal__foot >> text=退单').tap();
  counter.add();
  await visible('#inbox-tabs').waitFor();
  await waitForRows();
  done('部门退单(写理由并确认)');
  await session.settle(true);
  expect(await page.locator(`${row(MISROUTED)}:visible`).count()).toBe(0);
  await shot('8-sent-back');

  // 9. Internal notes: the department on the sheet it leads, then the office.
  const notes = ['内部:喇叭线路归动力科,需要协调停电', '内部:已电话催过后勤,周五前必须回复'];
  await tap('.inbox-tab[data-code="to-ack"]');
  await tap(row(DISPATCHED));
  await visible('#staff-serial').waitFor();
  await tap('#note-input textarea');
  await visible('#note-input textarea').fill(notes[0]);
  await tap('#note-save');
  await visible('#notes').getByText(notes[0]).waitFor();
  done('部门写内部备注');
  await openFromNotice('cy_office', DISPATCHED);
  await tap('#note-input textarea');
  await visible('#note-input textarea').fill(notes[1]);
  await tap('#note-save');
  await visible('#notes').getByText(notes[1]).waitFor();
  done('办公室写内部备注');
  const written = await visible('#notes').innerText();
  for (const words of [...notes, '后勤管理部', '党群工作部']) expect(written).toContain(words);
  await visible('#notes-panel').scrollIntoViewIfNeeded();
  await shot('9-notes');

  // 10. The worker's page, as the worker: their appeal and the sheet's progress, none of the notes' words.
  const loginAsWorker = async (openid: string) => {
    await page.goto(`${base}/#/pages/login/index`);
    await visible('#custom-openid input').fill(openid);
    await page.locator('.mq-button:visible', { hasText: /^登录$/ }).tap();
    await page.waitForURL(/pages\/submit\/index/);
    await visible('#submit-button').waitFor();
  };
  const openOwn = async (i: number) => {
    await page.goto(`${base}/#/pages/mine/index`);
    await visible(`.appeal-item[data-id="${seeded[i].id}"]`).tap();
    await visible('#appeal-content').waitFor();
  };
  await loginAsWorker(`morning_worker_${DISPATCHED}`);
  await openOwn(DISPATCHED);
  await visible('.timeline-item--dispatched').waitFor();
  const workerPage = await visible('.detail-page').innerText();
  expect(workerPage).toContain(REPORTS[DISPATCHED][2]);
  for (const note of notes) expect(workerPage).not.toContain(note.slice(3));
  expect(workerPage).not.toMatch(/内部备注|动力科|停电|催过/);
  await shot('10-worker-no-notes', true);

  // 11. The first report answered (its loop through the API); a merged worker reads the answer on their page.
  const [office, secretary, logistics] = await Promise.all(['cy_office', 'cy_secretary', 'cy_logistics'].map((o) => apiLogin(base, o)));
  const answer = '男浴室热水器已更换,今天起正常供应热水';
  await apiAct(base, secretary, seeded[PRIMARY].id, 'dispatch', { department: 'logistics', instructions: '请今天修好热水器' });
  await apiAct(base, logistics, seeded[PRIMARY].id, 'acknowledge');
  await apiAct(base, logistics, seeded[PRIMARY].id, 'respond', { outcome: 'resolved', text: '已更换热水器' });
  await apiAct(base, office, seeded[PRIMARY].id, 'reply', { text: answer });
  await loginAsWorker(`morning_worker_${DUPLICATES[0]}`);
  await openOwn(DUPLICATES[0]);
  await visible('#merged-into').waitFor();
  expect(await visible('#merged-into').innerText()).toContain(`这件事已与诉求 ${seeded[PRIMARY].serial} 合并办理,目前状态:已反馈`);
  expect(await visible('#merged-timeline').innerText()).toContain(answer);
  await shot('11-merged-worker-answer', true);

  // 12. The confidential worker (answered, through the API): the office asks to see the contact, the
  //     secretary approves, the office reads it, calls from the page and logs the call.
  await apiAct(base, leader, seeded[CONFIDENTIAL].id, 'dispatch', { department: 'logistics', instructions: '请核实夜班补助' });
  await apiAct(base, logistics, seeded[CONFIDENTIAL].id, 'acknowledge');
  await apiAct(base, logistics, seeded[CONFIDENTIAL].id, 'respond', { outcome: 'resolved', text: '已补发夜班补助' });
  await apiAct(base, office, seeded[CONFIDENTIAL].id, 'reply', { text: '夜班补助已补发,请查收' });
  await openFromNotice('cy_office', CONFIDENTIAL);
  expect(await visible('#staff-submitter').innerText()).toContain('身份:保密');
  expect(await visible('.mq-page').first().innerText()).not.toContain(phone);
  await tap('#reveal-reason textarea');
  await visible('#reveal-reason textarea').fill('回访需要和职工电话核实补发金额');
  await tap('#request-reveal');
  await visible('#reveal-panel [data-state="pending"]').waitFor();
  expect(await visible('#reveal-panel').innerText()).toContain('等待审批');
  done('办公室申请查看联系方式');
  await shot('12-reveal-asked');
  await openFromNotice('cy_secretary', CONFIDENTIAL);
  await tap('#approve-reveal');
  await visible('#reveal-panel [data-state="approved"]').waitFor();
  done('书记审批同意');
  await session.settle(true);
  await openFromNotice('cy_office', CONFIDENTIAL);
  await tap('#read-contact');
  await visible('#revealed-contact').waitFor();
  expect(await visible('#revealed-contact').innerText()).toContain(phone);
  await recordDialling(page);
  await tap('#phone-call');
  expect(await dialled(page)).toEqual([`tel:${phone}`]);
  await visible('#call-log').waitFor();
  expect(await visible('#call-log').innerText()).toContain('的回访电话');
  await shot('12-call-log');
  await tap('#call-log [data-result="reached"]');
  await visible('.timeline-item--call_logged').waitFor();
  expect(await visible('.timeline-item--call_logged').innerText()).toContain('回访电话已接通');
  done('查看联系方式、拨打并记录回访');
  await visible('.timeline-item--call_logged').scrollIntoViewIfNeeded();
  await shot('12-call-logged');

  console.log(counter.table());
  // One 受理 is: open the row, 受理, (特事特办,) 确定受理, back to the list.
  expect(perAccept).toEqual(ACCEPTED.map((i) => (URGENT.includes(i) ? 5 : 4)));
}, 300_000);
