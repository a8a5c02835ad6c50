// Photos on timeline lines, on the H5 build at phone size, through the UI: a worker adds a photo to a 补充说明 on their
// appeal's page and the office sees it on its timeline, enlarged with a tap; the department answers with an after-photo
// (the fixed shower) and the worker sees it with the office's reply on their page. The steps around them (accept,
// dispatch, reply) go through the API.
import crypto from 'node:crypto';
import type { Locator } from 'playwright-core';
import sharp from 'sharp';
import { apiAct, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { visible } = session;

/** A small photo of its own (a random colour), as a phone's album would hand it. */
async function photo(name: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const [r, g, b] = crypto.randomBytes(3);
  return {
    name,
    mimeType: 'image/jpeg',
    buffer: await sharp({ create: { width: 480, height: 360, channels: 3, background: { r, g, b } } })
      .jpeg()
      .toBuffer(),
  };
}

/** Picks a photo with the field's add tile, as the worker or the department would. */
async function pick(addId: string, name: string): Promise<void> {
  const [chooser] = await Promise.all([session.page.waitForEvent('filechooser'), visible(`#${addId}`).tap()]);
  await chooser.setFiles(await photo(name));
}

/** The image has arrived and is drawn (a broken link draws nothing). */
async function drawn(image: Locator): Promise<void> {
  await image.waitFor();
  await session.page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await image.elementHandle());
}

async function openAppeal(openid: string, id: string): Promise<void> {
  await session.loginAs(openid);
  await session.page.goto(`${session.server.baseUrl}/#/pages/detail/index?id=${id}`);
  await visible('#appeal-serial').waitFor();
}

it('a worker adds a photo to a 补充说明 and the office sees it; the department answers with an after-photo and the worker sees it', async () => {
  const { page, server } = session;
  const worker = await apiLogin(server.baseUrl, 'worker_liyunfang');
  const appeal = await apiSubmit(server.baseUrl, worker, { org: 'cy', category: 'living', place: 'bath', content: '澡堂3号淋浴喷头坏了,出水很小', identity: 'named' });

  // 1. The worker, on the appeal's page: a photo and a few words, sent as one 补充说明.
  await openAppeal('worker_liyunfang', appeal.id);
  await pick('message-add-photo', 'shower.jpg');
  await visible('#message-photos .photo-picker__photo--done').waitFor();
  await visible('#message textarea').fill('补充一张喷头的照片');
  await visible('#send-message').tap();
  const mine = visible('#timeline .timeline-item--message .photo-viewer img');
  await drawn(mine);
  expect(await mine.getAttribute('alt')).toBe('我补充的第 1 张照片(共 1 张)');
  // The message box is empty again, its photo gone with the message.
  expect(await page.locator('#message-photos .photo-picker__photo:visible').count()).toBe(0);
  await page.screenshot({ path: screenshotPath('message-photo-worker') });

  // 2. The office sees it on the timeline, and a tap enlarges it.
  await session.openAsStaff('cy_office', appeal.id);
  const seen = visible('#staff-timeline .timeline-item--message .photo-viewer img');
  await drawn(seen);
  expect(await seen.getAttribute('alt')).toBe('职工补充的第 1 张照片(共 1 张)');
  await seen.tap();
  await drawn(visible('#photo-overlay img'));
  await visible('#photo-overlay-close').tap();
  await page.locator('#photo-overlay').waitFor({ state: 'detached' });

  // 3. The department answers with an after-photo.
  const office = await apiLogin(server.baseUrl, 'cy_office');
  await apiAct(server.baseUrl, office, appeal.id, 'accept');
  await apiAct(server.baseUrl, office, appeal.id, 'dispatch', { department: 'logistics', instructions: '请尽快更换喷头' });
  await apiAct(server.baseUrl, await apiLogin(server.baseUrl, 'cy_logistics'), appeal.id, 'acknowledge');
  await session.openAsStaff('cy_logistics', appeal.id);
  await visible('.action-button[data-action="respond"]').tap();
  await visible('#action-form-respond').waitFor();
  await visible('.choice-outcome[data-code="resolved"]').tap();
  await visible('[data-field="text"] textarea').fill('3号淋浴已换新喷头,出水正常');
  await pick('answer-add-photo', 'fixed.jpg');
  await visible('#answer-photos .photo-picker__photo--done').waitFor();
  await page.screenshot({ path: screenshotPath('answer-photo-form') });
  await visible('.action-form__submit').tap();
  await drawn(visible('#staff-timeline .timeline-item--responded .photo-viewer img'));

  // 4. The office replies; the worker sees the after-photo with the reply on their page.
  await apiAct(server.baseUrl, office, appeal.id, 'reply', { text: '喷头已更换,请您试用' });
  await openAppeal('worker_liyunfang', appeal.id);
  const after = visible('#timeline .timeline-item--replied .photo-viewer img');
  await drawn(after);
  expect(await after.getAttribute('alt')).toBe('办理结果的第 1 张照片(共 1 张)');
  await page.screenshot({ path: screenshotPath('answer-photo-worker') });
});
