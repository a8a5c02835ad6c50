// The office clerk finding appeals in the workbench, through the UI only, at phone size: 25 new appeals
// wait (seeded through the API) and one is past its deadline. The clerk opens the workbench from 我的,
// finds one appeal by the last digits of its serial, filters to the overdue ones, sorts by due time,
// and reads the 新诉求 tab to its end, whose count the tab showed. The taps of each step are counted
// (printed as a table) and every step's screenshot kept.
import { apiAct, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

/** The minutes of "12月5日 18:00" within a year (the rows of one test are within a few months). */
function dueMinutes(text: string): number {
  const [, month, day, hour, minute] = /(\d+)月(\d+)日 (\d\d):(\d\d)/.exec(text)!.map(Number);
  return ((month * 31 + day) * 24 + hour) * 60 + minute;
}

it('finds, filters and sorts the inbox as the office clerk, every list read to its end', async () => {
  const base = session.server.baseUrl;
  const seeded: Array<{ id: string; serial: string }> = [];
  for (let i = 0; i < 25; i++) {
    const worker = await apiLogin(base, `find_worker_${i}`);
    seeded.push(
      await apiSubmit(base, worker, { org: 'cy', category: 'living', place: 'bath', identity: 'named', content: `澡堂第${i + 1}号淋浴喷头坏了,一直漏水`, publishConsent: true }),
    );
  }
  const target = seeded[7];
  // One that a department let slip: dispatched with a deadline a few seconds ahead, which passes.
  const late = await apiSubmit(base, await apiLogin(base, 'find_worker_late'), {
    org: 'cy',
    category: 'living',
    place: 'canteen',
    identity: 'confidential',
    content: '食堂窗口排队太久,夜班下来吃不上热饭',
  });
  const office = await apiLogin(base, 'cy_office');
  await apiAct(base, office, late.id, 'accept', { urgent: true });
  const due = new Date(Date.now() + 4000);
  await apiAct(base, await apiLogin(base, 'cy_leader'), late.id, 'dispatch', {
    department: 'logistics',
    instructions: '请后勤管理部尽快增开窗口',
    dueAt: due.toISOString(),
    reason: '夜班职工吃饭问题急',
  });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, due.getTime() - Date.now()) + 500));

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
  const rows = () => session.page.locator('.staff-item:visible');
  const rowSerials = async () => (await rows().evaluateAll((els) => els.map((el) => el.getAttribute('data-serial')))) as string[];
  const waitForRows = () => session.page.waitForFunction(() => document.querySelectorAll('.staff-item').length > 0 || !!document.querySelector('.mq-empty'));

  // 0. The workbench, from 我的.
  await loginAs('cy_office');
  // The 我的 tab, opened by its address: Taro's tab bar items are javascript: links, which the page's
  // Content-Security-Policy refuses (a console violation every test fails on) — counted as the one tap it is.
  await session.page.goto(`${base}/#/pages/profile/index`);
  count++;
  await tap('#open-workbench');
  await visible('#inbox-tabs').waitFor();
  await waitForRows();
  done('打开工作台');
  const newTab = visible('.inbox-tab[data-code="new"]');
  await session.page.waitForFunction(() => /新诉求 \d+/.test(document.querySelector('.inbox-tab[data-code="new"]')?.textContent ?? ''));
  const newCount = Number(/新诉求 (\d+)/.exec(await newTab.innerText())![1]);
  expect(newCount).toBeGreaterThanOrEqual(25);
  expect(await visible('.inbox-tab[data-code="review"]').innerText()).toMatch(/待复核 \d+/);
  await session.page.screenshot({ path: screenshotPath('inbox-find-0-tabs') });

  // 1. Find one by the last digits of its serial.
  await tap('#inbox-search');
  await visible('#inbox-search input').fill(target.serial.slice(-4));
  await tap('#inbox-search-go');
  await visible(`.staff-item[data-serial="${target.serial}"]`).waitFor();
  done('按编号尾号查找');
  expect(await rowSerials()).toContain(target.serial);
  const found = await visible(`.staff-item[data-serial="${target.serial}"]`).innerText();
  // What the clerk reads on the row: when, where, what kind, who may be known, where it stands.
  for (const text of ['职工澡堂', '衣食住行', '实名', '已提交', '澡堂第8号淋浴喷头坏了']) expect(found).toContain(text);
  expect(found).toMatch(/刚刚|\d+分钟前/);
  expect(await visible('#search-active').innerText()).toContain(target.serial.slice(-4));
  await session.page.screenshot({ path: screenshotPath('inbox-find-1-serial') });

  // 2. Only the overdue ones (the search cleared).
  await tap('#search-clear');
  await tap('#filter-overdue');
  await visible(`.staff-item[data-serial="${late.serial}"]`).waitFor();
  done('筛选已逾期');
  const overdueRow = await visible(`.staff-item[data-serial="${late.serial}"]`).innerText();
  for (const text of ['特事特办', '已逾期', '职工食堂', '保密', '后勤管理部', '前答复']) expect(overdueRow).toContain(text);
  for (const row of await rows().allInnerTexts()) expect(row).toContain('已逾期');
  await session.page.screenshot({ path: screenshotPath('inbox-find-2-overdue') });

  // 3. Everything by due time: the dated ones first, soonest first.
  await tap('#filter-overdue');
  await tap('.sort-chip[data-code="due"]');
  await session.page.waitForFunction(() => document.querySelector('.staff-item')?.querySelector('.staff-item__due') !== null);
  done('按到期时间排序');
  const texts = await rows().allInnerTexts();
  const dated = texts.filter((t) => t.includes('前答复'));
  expect(texts.slice(0, dated.length)).toEqual(dated);
  const minutes = dated.map(dueMinutes);
  expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
  await session.page.screenshot({ path: screenshotPath('inbox-find-3-due') });

  // 4. The 新诉求 tab to its end: as many as its count said, none twice.
  await tap('.sort-chip[data-code="newest"]');
  await tap('.inbox-tab[data-code="new"]');
  await waitForRows();
  while (await visible('#load-more').count()) {
    const before = await rows().count();
    await tap('#load-more');
    // The next page is in when the list grew (or reached its end) and the button is free again.
    await session.page.waitForFunction(
      (shown) =>
        (document.querySelectorAll('.staff-item').length > shown || !!document.querySelector('#list-end')) && !document.querySelector('#load-more')?.hasAttribute('disabled'),
      before,
    );
  }
  await visible('#list-end').waitFor();
  done('新诉求看到底');
  const all = await rowSerials();
  expect(new Set(all).size).toBe(all.length);
  expect(all.length).toBe(newCount);
  expect(await visible('#list-end').innerText()).toBe(`已显示全部 ${newCount} 条`);
  for (const { serial } of seeded) expect(all).toContain(serial);
  await session.page.screenshot({ path: screenshotPath('inbox-find-4-end'), fullPage: true });

  // No code or English word on the screen: serials are the only letters.
  const screen = await session.page.locator('body').innerText();
  expect(all.reduce((text, serial) => text.split(serial).join(''), screen)).not.toMatch(/[A-Za-z]{2,}/);

  console.log(['| 步骤 | 点按次数 |', '|---|---|', ...taps.map(([step, n]) => `| ${step} | ${n} |`)].join('\n'));
}, 180_000);
