// The worker's path in a real browser on the H5 build: log in as a demo worker, open a sticker's
// landing URL, submit an appeal with a photo, and find it in 我的诉求 with its serial and timeline.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { apiAct, apiGet, apiLogin } from '../support/api.js';
import { ARTIFACTS, screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs } = session;
const settle = () => session.settle();
let submittedId = '';

it('submits an appeal from a sticker and follows it in 我的诉求', async () => {
  await loginAs('worker_duanwei');

  // The sticker on 2号宿舍楼: its link lands on the form with the place filled in.
  await session.page.goto(`${session.server.baseUrl}/q/cy/dorm2`);
  await session.page.locator('#place-badge').waitFor();
  expect(await session.page.locator('#org-name').innerText()).toContain('赤峪煤矿');
  expect(await session.page.locator('#place-badge').innerText()).toContain('2号宿舍楼');
  expect(await session.page.locator('.place-chip.mq-chip--on').innerText()).toBe('2号宿舍楼');
  await settle();
  await session.page.screenshot({ path: screenshotPath('worker-landing') });

  await session.page.locator('.category-chip[data-code="living"]').tap();
  const content = '2号宿舍楼顶的喇叭早上六点就响,夜班职工白天睡不好,希望调小音量或换个位置';
  await session.page.locator('#content textarea').fill(content);

  const photo = path.join(ARTIFACTS, 'dorm-roof.jpg');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(
    photo,
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#37474f' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCam' } })
      .toBuffer(),
  );
  const [chooser] = await Promise.all([session.page.waitForEvent('filechooser'), session.page.locator('#add-photo').tap()]);
  await chooser.setFiles(photo);
  await session.page.locator('.photo-picker__thumb').waitFor();
  await settle();
  await session.page.screenshot({ path: screenshotPath('worker-submit-form'), fullPage: true });

  await session.page.locator('#submit-button').tap();
  await session.page.waitForURL(/pages\/detail\/index/);
  const serial = (await session.page.locator('#appeal-serial').innerText()).trim();
  submittedId = new URL(session.page.url().replace('#', '')).searchParams.get('id') ?? '';
  expect(serial).toMatch(/^CY\d{6}-\d{4}$/);
  expect(await session.page.locator('#appeal-status').innerText()).toContain('已提交');
  expect(await session.page.locator('#appeal-content').innerText()).toBe(content);
  expect(await session.page.locator('.timeline-item--submitted').count()).toBe(1);
  await session.page.locator('.appeal-photo img, img.appeal-photo').first().waitFor();
  await settle();
  await session.page.screenshot({ path: screenshotPath('worker-appeal-detail'), fullPage: true });

  await session.page.goto(`${session.server.baseUrl}/#/pages/mine/index`);
  const item = session.page.locator('.appeal-item', { hasText: serial });
  await item.waitFor();
  expect(await item.locator('.appeal-item__status').innerText()).toBe('已提交');
  await settle();
  await session.page.screenshot({ path: screenshotPath('worker-mine'), fullPage: true });

  // The detail again from the list: the timeline is there for the worker to follow.
  await item.tap();
  await session.page.waitForURL(/pages\/detail\/index/);
  // Taro's H5 keeps earlier pages of the stack in the document, hidden: look at the visible one.
  await session.page.locator('#timeline .timeline-item:visible').first().waitFor();
  expect(await session.page.locator('#appeal-serial:visible').innerText()).toBe(serial);
});

it("keeps the draft through a closed page, and says so when a sticker's place is unknown", async () => {
  await loginAs('worker_liyunfang');
  await session.page.goto(`${session.server.baseUrl}/q/cy/no-such-place`);
  await session.page.locator('#form-banner').waitFor();
  expect(await session.page.locator('#form-banner').innerText()).toContain('没有找到这个地点');
  expect(await session.page.locator('.place-chip.mq-chip--on').count()).toBe(0);

  await session.page.locator('.category-chip[data-code="rights"]').tap();
  // 权益维护 preselects 保密: only the office will know who wrote it.
  expect(await session.page.locator('.identity-chip.mq-chip--on').innerText()).toBe('保密');
  await session.page.locator('#content textarea').fill('工资条上的扣税看不明白,想请劳资部解释');

  await session.page.reload();
  await session.page.locator('#content textarea').waitFor();
  expect(await session.page.locator('#content textarea').inputValue()).toBe('工资条上的扣税看不明白,想请劳资部解释');
  expect(await session.page.locator('.category-chip.mq-chip--on').innerText()).toBe('权益维护');

  // Too short: the contract's rule, shown before anything is sent.
  await session.page.locator('#content textarea').fill('扣税');
  await session.page.locator('#submit-button').tap();
  await session.page.locator('.mq-error', { hasText: '至少写 5 个字' }).waitFor();
});

it("shows the office's reply and lets the worker rate it", async () => {
  expect(submittedId).not.toBe('');
  const office = await apiLogin(session.server.baseUrl, 'cy_office');
  const leader = await apiLogin(session.server.baseUrl, 'cy_leader');
  const logistics = await apiLogin(session.server.baseUrl, 'cy_logistics');
  await apiAct(session.server.baseUrl, office, submittedId, 'accept', { urgent: true });
  await apiAct(session.server.baseUrl, leader, submittedId, 'dispatch', { department: 'logistics', instructions: '请后勤管理部调低广播音量' });
  await apiAct(session.server.baseUrl, logistics, submittedId, 'acknowledge');
  await apiAct(session.server.baseUrl, logistics, submittedId, 'respond', { outcome: 'resolved', text: '音量已调低,喇叭移到东侧' });
  await apiAct(session.server.baseUrl, office, submittedId, 'reply', { text: '广播音量已调低,喇叭已移到东侧,请您再感受一下' });

  await loginAs('worker_duanwei');
  await session.page.goto(`${session.server.baseUrl}/#/pages/detail/index?id=${submittedId}`);
  await session.page.locator('#rate-card:visible').waitFor();
  expect(await session.page.locator('.timeline-item--replied:visible').innerText()).toContain('广播音量已调低');
  await session.page.locator('.rating-chip[data-code="basic"]:visible').tap();
  await session.page.locator('#submit-rating:visible').tap();
  await session.page.locator('.timeline-item--rated:visible').waitFor();
  expect(await session.page.locator('#appeal-status:visible').innerText()).toBe('已办结');
  expect(await session.page.locator('#rate-card').count()).toBe(0);
  await settle();
  await session.page.screenshot({ path: screenshotPath('worker-rated') });
});

it("counts a link QR's scan when WeChat opens the form with q (it never fetches /q)", async () => {
  const admin = await apiLogin(session.server.baseUrl, 'cy_admin');
  const bathScans = async () =>
    (await apiGet<{ places: Array<{ code: string; scanCount: number }> }>(session.server.baseUrl, admin, '/api/admin/org')).places.find((p) => p.code === 'bath')!.scanCount;
  const before = await bathScans();

  // What WeChat hands the page for the sticker's link: the link encoded once, and the scan's time.
  const q = encodeURIComponent(`${session.server.baseUrl}/q/cy/bath`);
  const counted = session.page.waitForResponse((r) => r.url().endsWith('/api/public/orgs/scans') && r.request().method() === 'POST', { timeout: 15000 });
  await session.page.goto(`${session.server.baseUrl}/#/pages/submit/index?q=${q}&scancode_time=1764640000`);
  await session.visible('#place-badge').waitFor();
  expect(await session.visible('#place-badge').innerText()).toContain('职工澡堂');
  expect((await counted).status()).toBe(204);
  expect(await bathScans()).toBe(before + 1);
});
