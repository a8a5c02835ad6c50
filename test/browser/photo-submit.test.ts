// The worker's photos and the form, on the H5 build at phone size: a photo still uploading on a weak signal when
// 提交诉求 is tapped goes with the appeal; what is no photo or too big is refused before anything is sent; a
// restored draft shows its photos; an edit after a lost answer never makes a second appeal; and the form's
// measurements (the text box's tap area and type, the button within the screen, the consent switch off).
import crypto from 'node:crypto';
import sharp from 'sharp';
import type { CDPSession, Page, Request } from 'playwright-core';
import { apiGet, apiLogin } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs } = session;

interface MyAppeal {
  id: string;
  serial: string;
  content: string;
  photos: Array<{ id: string; url: string }>;
}

/** The POST /api/uploads the page sends, counted as the server would receive them. */
function countUploads(page: Page): { requests: Request[]; stop(): void } {
  const requests: Request[] = [];
  const listener = (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/uploads') requests.push(request);
  };
  page.on('request', listener);
  return { requests, stop: () => page.off('request', listener) };
}

/** A photo of noise: it does not compress, so its size is what the test needs. */
async function noisePhoto(width: number, height: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const image = sharp(crypto.randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });
  return format === 'jpeg' ? image.jpeg({ quality: 95 }).toBuffer() : image.png({ compressionLevel: 1 }).toBuffer();
}

async function pick(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), session.visible('#add-photo').tap()]);
  await chooser.setFiles(file);
}

async function openForm(openid: string): Promise<void> {
  await loginAs(openid);
  // One browser for several workers: no draft of the last one's (the drafts are the phone's, not a person's).
  await session.page.evaluate(() => localStorage.removeItem('mq.draft'));
  await session.page.goto(`${session.server.baseUrl}/q/cy/dorm2`);
  await session.visible('#place-badge').waitFor();
}

/** The sticker's link again, a new page load: the form as the draft in storage has it. */
async function reopenForm(): Promise<void> {
  await session.page.goto(`${session.server.baseUrl}/q/cy/dorm2`);
  await session.visible('#content textarea').waitFor();
}

async function fillForm(content: string): Promise<void> {
  await session.visible('.category-chip[data-code="living"]').tap();
  await session.visible('#content textarea').fill(content);
}

/** The form opened from the 2号宿舍楼 sticker and filled in; how many appeals the worker had before. */
async function startAppeal(openid: string, content: string): Promise<number> {
  await openForm(openid);
  await fillForm(content);
  return (await myAppeals(openid)).length;
}

async function myAppeals(openid: string): Promise<MyAppeal[]> {
  const token = await apiLogin(session.server.baseUrl, openid);
  const { items } = await apiGet<{ items: Array<{ id: string }> }>(session.server.baseUrl, token, '/api/appeals?scope=mine');
  return Promise.all(items.map((item) => apiGet<MyAppeal>(session.server.baseUrl, token, `/api/appeals/${item.id}`)));
}

/** Taps 提交诉求: the appeal reaches the server, its answer never reaches the phone. */
async function submitLosingTheAnswer(): Promise<void> {
  let lost = false;
  await session.page.route('**/api/appeals', async (route) => {
    if (lost || route.request().method() !== 'POST') return route.fallback();
    lost = true;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await session.visible('#submit-button').tap();
  await session.visible('#form-banner').filter({ hasText: '网络不好' }).waitFor();
  await session.page.unroute('**/api/appeals');
}

/** Chromium's own throttling, as the benchmark's weak signal: uploads at 24 KB/s with 300 ms of latency. */
async function weakSignal(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 200_000, uploadThroughput: 24_000 });
  return cdp;
}

/** On the weak signal, picks a photo and taps 提交诉求 while it uploads: the button says what it waits for. */
async function pickAndSubmitOnWeakSignal(photo: Buffer): Promise<CDPSession> {
  const cdp = await weakSignal(session.page);
  await pick(session.page, { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
  await session.page.locator('.photo-picker__photo--uploading').waitFor();
  await session.visible('#submit-button').tap();
  await session
    .visible('#submit-button')
    .filter({ hasText: /正在上传第 1 张照片…/ })
    .waitFor();
  return cdp;
}

async function goodSignal(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await cdp.detach();
}

it('sends the appeal with a photo still uploading on a weak signal when 提交诉求 is tapped, and starts the next form empty', async () => {
  const openid = 'worker_yuanyongjian';
  const content = '2号宿舍楼三楼的水房漏水,地面全是水,晚上下班回来容易滑倒';
  const before = await startAppeal(openid, content);

  // About 300 KB at 24 KB/s: the upload takes seconds, the tap comes first.
  const photo = await noisePhoto(640, 480, 'jpeg');
  expect(photo.length).toBeGreaterThan(200_000);
  expect(photo.length).toBeLessThan(1024 * 1024);
  const uploads = countUploads(session.page);
  const cdp = await pickAndSubmitOnWeakSignal(photo);
  // The photo shows how far it got.
  await session.page.locator('.photo-picker__progress-text', { hasText: /^[1-9]\d?%$/ }).waitFor();
  await session.visible('#waiting-note').waitFor();
  await session.page.screenshot({ path: screenshotPath('photo-waiting') });

  await session.page.waitForURL(/pages\/detail\/index/, { timeout: 90_000 });
  await goodSignal(cdp);
  uploads.stop();
  expect(uploads.requests).toHaveLength(1);

  // The detail page shows the photo, loaded.
  const shown = session.visible('.appeal-photo img, img.appeal-photo').first();
  await shown.waitFor();
  await session.page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await shown.elementHandle());
  expect(await session.visible('#appeal-content').innerText()).toBe(content);

  // On the API: one new appeal, with the photo.
  const after = await myAppeals(openid);
  expect(after).toHaveLength(before + 1);
  const sent = after.find((a) => a.content === content)!;
  expect(sent.photos).toHaveLength(1);

  // The next form is empty: no text, no photo, and photos can be added again.
  await reopenForm();
  expect(await session.visible('#content textarea').inputValue()).toBe('');
  expect(await session.page.locator('.photo-picker__photo:visible').count()).toBe(0);
  expect(await session.visible('#add-photo').innerText()).toContain('拍照/选图');
});

it('sends without the photo when the worker chooses not to wait, and the photo never turns up in the next form', async () => {
  const openid = 'worker_huangzhanchao';
  const content = '职工食堂的洗碗池下水道堵了,污水漫到地面上,气味很大';
  const before = await startAppeal(openid, content);
  const cdp = await pickAndSubmitOnWeakSignal(await noisePhoto(640, 480, 'jpeg'));

  await session.visible('#send-without').tap();
  await session.page.waitForURL(/pages\/detail\/index/, { timeout: 60_000 });
  await goodSignal(cdp);
  const sent = (await myAppeals(openid)).find((a) => a.content === content)!;
  expect(sent.photos).toEqual([]);
  expect(await myAppeals(openid)).toHaveLength(before + 1);

  // The next form: empty (the stopped upload's answer, were there one, belongs to no form).
  await reopenForm();
  expect(await session.page.locator('.photo-picker__photo:visible').count()).toBe(0);
  expect(await session.visible('#add-photo').innerText()).toContain('拍照/选图');
});

it('says a file is not a photo, refuses a photo still over 5 MB, and sends neither', async () => {
  await openForm('worker_huangzhanchao');
  const uploads = countUploads(session.page);

  await pick(session.page, { name: '工资条.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 not a photo') });
  await session.visible('#photo-error').filter({ hasText: '这个文件不是照片' }).waitFor();

  // A browser that cannot re-encode the photo (toBlob yields nothing, as a phone's browser does past its canvas
  // memory): a 13 MB photo stays 13 MB, and is refused here rather than sent in full to be refused by the server.
  await session.page.evaluate(() => {
    HTMLCanvasElement.prototype.toBlob = function toBlob(callback: BlobCallback) {
      callback(null);
    };
  });
  const huge = await noisePhoto(2048, 2048, 'png');
  expect(huge.length).toBeGreaterThan(5 * 1024 * 1024);
  await pick(session.page, { name: 'huge.png', mimeType: 'image/png', buffer: huge });
  await session.visible('#photo-error').filter({ hasText: '压缩后仍超过 5 MB' }).waitFor();
  expect(await session.visible('#photo-error').innerText()).toContain(`${(huge.length / 1024 / 1024).toFixed(1)} MB`);
  await session.page.screenshot({ path: screenshotPath('photo-too-big') });

  uploads.stop();
  expect(uploads.requests).toHaveLength(0);
  expect(await session.page.locator('.photo-picker__photo:visible').count()).toBe(0);
  await session.page.reload();
});

it('compresses a large photo on the phone before sending it, and a restored draft shows its thumbnail', async () => {
  await openForm('worker_liyunfang');
  await fillForm('职工澡堂的热水器坏了两天了,下夜班的职工洗不上热水澡');
  const uploads = countUploads(session.page);
  const answered = session.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/uploads' && r.request().method() === 'POST');
  // 13 MB as picked; what goes out is the phone's JPEG re-encoding, under the limit.
  const large = await noisePhoto(2048, 2048, 'png');
  expect(large.length).toBeGreaterThan(5 * 1024 * 1024);
  await pick(session.page, { name: 'bath.png', mimeType: 'image/png', buffer: large });
  const response = await answered;
  // Taken (the server refuses anything over 5 MB with 413), and a JPEG: the server keeps the format it was sent,
  // so the PNG went out as the phone's re-encoding.
  expect(response.status()).toBe(201);
  const stored = (await response.json()) as { mime: string; size: number; width: number };
  expect(stored.mime).toBe('image/jpeg');
  expect(stored.size).toBeLessThan(5 * 1024 * 1024);
  expect(stored.width).toBe(2048);
  await session.page.locator('.photo-picker__photo--done').waitFor();
  uploads.stop();
  expect(uploads.requests).toHaveLength(1);

  // The page closed and opened again: the draft is back with its photo, drawn (not a broken image).
  await session.page.reload();
  const thumb = session.visible('.photo-picker__photo--done img');
  await thumb.waitFor();
  await session.page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await thumb.elementHandle(), {
    timeout: 10_000,
  });
  expect(await session.visible('#content textarea').inputValue()).toContain('热水器坏了');
  await session.page.screenshot({ path: screenshotPath('photo-restored-draft') });
});

it('never makes a second appeal of an edit after a lost answer, nor shows the reused-key sentence', async () => {
  const openid = 'worker_duanwei';
  const first = '食堂二楼的窗口中午只开一个,排队要二十多分钟,希望多开一个窗口';
  const before = await startAppeal(openid, first);

  await submitLosingTheAnswer();
  expect(await myAppeals(openid)).toHaveLength(before + 1);

  // The worker changes a word and taps again, twice.
  await session.visible('#content textarea').fill(`${first},谢谢`);
  await session.visible('#submit-button').tap();
  const earlier = session.visible('#earlier-appeal');
  await earlier.waitFor();
  const serial = (await myAppeals(openid)).find((a) => a.content === first)!.serial;
  expect(await earlier.innerText()).toContain(serial);
  await session.visible('#submit-button').tap();
  await earlier.waitFor();
  expect(await session.page.locator('body').innerText()).not.toContain('这个提交编号已用于另一条不同的诉求');
  expect(await myAppeals(openid)).toHaveLength(before + 1);
  await session.page.screenshot({ path: screenshotPath('photo-lost-answer') });

  // Their appeal is the one that arrived; the form starts over.
  await session.visible('#open-earlier').tap();
  await session.page.waitForURL(/pages\/detail\/index/);
  expect(await session.visible('#appeal-serial').innerText()).toBe(serial);
  await reopenForm();
  expect(await session.visible('#content textarea').inputValue()).toBe('');
  expect(await myAppeals(openid)).toHaveLength(before + 1);
});

it('sends the changed form as a new appeal only when the worker chooses so, without the first one’s photo', async () => {
  const openid = 'worker_liyunfang';
  const first = '3号宿舍楼的热水每天只供应到晚上十点,下中班的职工回来没有热水';
  const before = await startAppeal(openid, first);
  await pick(session.page, { name: 'boiler.jpg', mimeType: 'image/jpeg', buffer: await noisePhoto(320, 240, 'jpeg') });
  await session.page.locator('.photo-picker__photo--done').waitFor();
  await submitLosingTheAnswer();

  const second = '3号宿舍楼一楼的洗衣机坏了两台,排队洗衣服要等很久';
  await session.visible('#content textarea').fill(second);
  await session.visible('#submit-button').tap();
  await session.visible('#submit-as-new').tap();
  await session.page.waitForURL(/pages\/detail\/index/);
  expect(await session.visible('#appeal-content').innerText()).toBe(second);

  const appeals = await myAppeals(openid);
  expect(appeals).toHaveLength(before + 2);
  expect(appeals.find((a) => a.content === first)!.photos).toHaveLength(1);
  expect(appeals.find((a) => a.content === second)!.photos).toEqual([]);
});

it('keeps a photo that failed to upload in the form, and 提交诉求 asks before going without it', async () => {
  await openForm('worker_huangzhanchao');
  await session.page.route('**/api/uploads', (route) => route.abort('connectionreset'));
  await pick(session.page, { name: 'stairs.jpg', mimeType: 'image/jpeg', buffer: await noisePhoto(320, 240, 'jpeg') });
  await session.page.locator('.photo-picker__photo--failed').waitFor();
  await session.visible('#content textarea').fill('宿舍楼梯间的灯坏了一个星期,晚上上下楼看不见');
  await session.visible('.category-chip[data-code="living"]').tap();
  await session.visible('#submit-button').tap();
  await session.visible('#form-banner').filter({ hasText: '有 1 张照片没有传上去' }).waitFor();
  expect(await session.visible('#send-without').innerText()).toBe('不等这张照片,直接提交');
  await session.page.screenshot({ path: screenshotPath('photo-failed') });

  // Sent again on a good signal: it joins the form.
  await session.page.unroute('**/api/uploads');
  await session.visible('.photo-picker__retry').tap();
  await session.page.locator('.photo-picker__photo--done').waitFor();
  expect(await session.page.locator('.photo-picker__photo--failed').count()).toBe(0);
});

it('measures up on a 375 px screen: the whole text box takes taps in the page’s type, the button fits, consent is off', async () => {
  await openForm('worker_liyunfang');
  await session.page.setViewportSize({ width: 375, height: 812 });
  // The page lays itself out again at the new width: measure once the box stands still (two reads a frame apart
  // agree), so the tap below lands where the box is, on a busy machine too.
  const boxNow = async () => (await session.visible('#content').boundingBox())!;
  let box = await boxNow();
  for (;;) {
    await session.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const again = await boxNow();
    if (again.x === box.x && again.y === box.y && again.width === box.width && again.height === box.height) break;
    box = again;
  }
  expect(box.height).toBeGreaterThanOrEqual(140);

  // A tap near the bottom of the box puts the cursor in the text.
  await session.page.touchscreen.tap(box.x + box.width / 2, box.y + box.height - 12);
  expect(await session.page.evaluate(() => document.activeElement?.closest('#content') !== null && document.activeElement?.tagName)).toBe('TEXTAREA');

  const [textSize, pageSize] = await session.page.evaluate(() => [
    getComputedStyle(document.querySelector('#content textarea')!).fontSize,
    getComputedStyle(document.body).fontSize,
  ]);
  expect(textSize).toBe(pageSize);

  const button = (await session.visible('#submit-button').boundingBox())!;
  expect(button.x).toBeGreaterThanOrEqual(0);
  expect(button.x + button.width).toBeLessThanOrEqual(375);

  const consent = session.visible('#publish-consent input');
  expect(await consent.isChecked()).toBe(false);
  expect(await session.visible('#consent-label').innerText()).toBe('允许在每月公示里列出这件事');
  await consent.tap();
  expect(await consent.isChecked()).toBe(true);
  // The page's blue (Taro's switch sets it on the checked input), not NutUI's red.
  expect(await consent.evaluate((input) => input.style.backgroundColor)).toBe('rgb(13, 71, 161)');
  await session.page.screenshot({ path: screenshotPath('photo-form-375'), fullPage: true });
  await session.page.setViewportSize({ width: 390, height: 844 });
});
