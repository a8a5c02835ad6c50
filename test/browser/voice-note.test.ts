// A voice note (语音) on the H5 build at phone size, through the UI only: a worker who does not type holds 按住说话
// (Chromium's fake microphone: --use-fake-device-for-media-stream, its prompt accepted by --use-fake-ui-for-media-stream),
// listens to it, sends the appeal with no text, then says a 补充说明 the same way; the office plays both back on the workbench; a leader sees that there
// is one and how long, and cannot play it; a worker whose browser refuses the microphone is told so in Chinese.
import type { Page } from 'playwright-core';
import { apiGet, apiLogin } from '../support/api.js';
import { launchChromium, phoneContext, screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession({}, { chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
const { visible } = session;

/**
 * Holds a finger on 按住说话 and speaks for `ms` once the button says it is recording (松开结束), as a worker
 * would: on a busy machine the microphone takes seconds to open, and a release timed from the press alone
 * made a recording "too short" (touch events, as a phone sends them).
 */
async function hold(page: Page, selector: string, ms: number, untilRecording = true): Promise<void> {
  const target = page.locator(`${selector}:visible`);
  // A finger can only press what is on the screen.
  await target.scrollIntoViewIfNeeded();
  // Where the finger lands: the button's middle once nothing moves it any more (a page still laying out or
  // scrolling on a busy machine put the point beside it, and the touch started nothing).
  const point = await page.waitForFunction(
    (wanted) => {
      const button = [...document.querySelectorAll<HTMLElement>(wanted)].find((el) => el.getClientRects().length > 0);
      if (!button) return null;
      const box = button.getBoundingClientRect();
      const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      return button.contains(document.elementFromPoint(middle.x, middle.y)) ? middle : null;
    },
    selector,
    { polling: 'raf' },
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [(await point.jsonValue())!] });
  if (untilRecording) {
    // Recording, or the form's reason why not (said in the failure instead of a bare timeout).
    await page.locator('.voice-note__hold--recording:visible, #voice-error:visible').first().waitFor();
    if (await page.locator('#voice-error:visible').count()) throw new Error(`no recording: ${await page.locator('#voice-error:visible').innerText()}`);
  }
  await page.waitForTimeout(ms);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** Taps a play control and waits until its <audio> has played for `seconds` without an error. */
async function playBack(page: Page, playerId: string, seconds: number): Promise<void> {
  await page.locator(`#${playerId}-button:visible`).tap();
  await page.locator(`#${playerId}-button:visible`, { hasText: '播放中' }).waitFor();
  const audio = page.locator(`#${playerId}:visible audio`);
  await audio.evaluate(
    (element: HTMLAudioElement, wanted) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (element.error) reject(new Error(`the audio failed: ${element.error.code}`));
          else if (element.currentTime >= wanted || element.ended) resolve();
          else setTimeout(check, 100);
        };
        check();
      }),
    seconds,
  );
}

interface VoiceAppeal {
  id: string;
  serial: string;
  content: string;
  voice?: { id: string; url: string | null; seconds: number } | null;
}

it('a worker says the appeal in a voice note instead of typing it, and the office plays it back', async () => {
  const { page } = session;
  const openid = 'worker_liyunfang';
  await session.loginAs(openid);
  await page.evaluate(() => localStorage.removeItem('mq.draft'));
  await page.goto(`${session.server.baseUrl}/q/cy/dorm2`);
  await visible('#place-badge').waitFor();
  await visible('.category-chip[data-code="living"]').tap();
  // 保密: the form says who will hear the voice before it is recorded.
  await visible('.identity-chip[data-code="confidential"]').tap();
  expect(await visible('.voice-note__hint').innerText()).toContain('听声音可能认出您');

  // Nothing typed, nothing said: the text's minimum.
  await visible('#submit-button').tap();
  await page.locator('.mq-error:visible', { hasText: '请写下您要反映的事情' }).waitFor();

  // Held for about three seconds: recorded, then sent at once (the button shows the time while held).
  const uploads: Array<{ status: number; type: string | undefined }> = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/uploads/voice') uploads.push({ status: response.status(), type: response.request().headers()['content-type'] });
  });
  await hold(page, '#voice-hold', 3200);
  await visible('#voice-remove').waitFor();
  await page.locator('#voice-progress').waitFor({ state: 'detached' });
  expect(uploads.map((u) => u.status)).toEqual([201]);
  expect(await visible('#voice-preview-button').innerText()).toMatch(/语音 0:0[3-4]/);
  // The worker hears it before sending.
  await playBack(page, 'voice-preview', 1);
  await page.screenshot({ path: screenshotPath('voice-recorded') });

  await visible('#submit-button').tap();
  await page.waitForURL(/pages\/detail\/index/);
  const id = new URL(page.url().replace('#/', '')).searchParams.get('id')!;
  // The worker's own page plays it too.
  await visible('#appeal-voice-button').waitFor();
  expect(await visible('#appeal-voice-button').innerText()).toMatch(/语音 0:0[3-4]/);
  await playBack(page, 'appeal-voice', 1);

  // A 补充说明 said too, from the appeal's page: it joins the timeline with its own play control.
  await hold(page, '#voice-hold', 2200);
  await visible('#voice-remove').waitFor();
  await page.locator('#voice-progress').waitFor({ state: 'detached' });
  await visible('#send-message').tap();
  await visible('#timeline .voice-player__button').waitFor();

  // What arrived: no text, the voice note with its length as the server read it from the file.
  const token = await apiLogin(session.server.baseUrl, openid);
  const appeal = await apiGet<VoiceAppeal>(session.server.baseUrl, token, `/api/appeals/${id}`);
  expect(appeal.content).toBe('');
  expect(appeal.voice?.seconds).toBeGreaterThanOrEqual(3);
  expect(appeal.voice?.seconds).toBeLessThanOrEqual(4);

  // The office: the play control with its length, and the recording plays (the bytes came back as audio).
  const served: Array<{ status: number; type: string | undefined }> = [];
  page.on('response', (response) => {
    if (appeal.voice && new URL(response.url()).pathname === `/api/uploads/${appeal.voice.id}`)
      served.push({ status: response.status(), type: response.headers()['content-type'] });
  });
  await session.openAsStaff('cy_office', id);
  await visible('#staff-voice').waitFor();
  // Nothing typed: the voice note is the whole appeal.
  expect(await page.locator('#staff-content').textContent()).toBe('');
  expect(await visible('#staff-voice-button').innerText()).toContain(`语音 0:0${appeal.voice!.seconds}`);
  await playBack(page, 'staff-voice', 2);
  await page.screenshot({ path: screenshotPath('voice-staff-playing') });
  // The 补充说明's voice note plays on the office's timeline as well.
  const messageVoice = (await visible('#staff-timeline .voice-player').getAttribute('id'))!;
  await playBack(page, messageVoice, 1);
  expect(served.length).toBeGreaterThan(0);
  expect(served.every((s) => [200, 206].includes(s.status) && s.type?.startsWith('audio/'))).toBe(true);

  // A leader reads the appeal and learns there is a voice note of that length, but cannot play it.
  await session.openAsStaff('cy_secretary', id);
  await visible('#staff-voice').waitFor();
  expect(await visible('#staff-voice').innerText()).toContain('只有党群工作部和承办部门能听');
  expect(await page.locator('#staff-voice-button:visible').count()).toBe(0);
});

it('says in Chinese that the microphone was refused', async () => {
  // A microphone, but no prompt accepted by itself: a page the browser has not been allowed the microphone is refused it.
  const browser = await launchChromium(['--use-fake-device-for-media-stream']);
  const context = await phoneContext(browser);
  const page = await context.newPage();
  try {
    await page.goto(`${session.server.baseUrl}/#/pages/login/index`);
    await page.locator('.demo-user[data-openid="worker_duanwei"]').tap();
    await page.waitForURL(/pages\/submit\/index/);
    await page.evaluate(() => localStorage.removeItem('mq.draft'));
    await page.goto(`${session.server.baseUrl}/q/cy/dorm2`);
    await page.locator('#voice-hold:visible').waitFor();
    // Refused: the button never says it is recording.
    await hold(page, '#voice-hold', 800, false);
    await page.locator('#voice-error:visible').waitFor();
    expect(await page.locator('#voice-error:visible').innerText()).toBe('浏览器没有允许使用麦克风:请在浏览器的网站设置里允许麦克风,或者直接打字说明');
    await page.screenshot({ path: screenshotPath('voice-microphone-refused') });
  } finally {
    await browser.close();
  }
});
