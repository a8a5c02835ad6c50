// The office clerk's appeal page in the H5 build, at phone size, through the UI only (the appeal is
// brought to 已反馈 through the API): the clerk sees the worker's photo and enlarges it, writes an
// internal note, and taps the worker's number (a tel: link in H5) — the call log is offered right
// away with the time in it and takes the result in one tap. The worker's own page (as the worker)
// shows neither the note nor a staff member's name. Every tap is counted; screenshots kept.
import sharp from 'sharp';
import { apiAct, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';
import { dialled, recordDialling } from '../support/dialler.js';

const session = useBrowserSession();
const { visible } = session;

async function uploadPhoto(base: string, token: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#6d4c41' } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'bath-door.jpg');
  const response = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

it('shows the office the photo, keeps its internal note from the worker, and logs the call in one tap after it', async () => {
  const base = session.server.baseUrl;
  const page = session.page;
  const phone = '13912345678';
  const note = '内部:请劳资部先查考勤机记录';
  const worker = await apiLogin(base, 'worker_liyunfang');
  const photo = await uploadPhoto(base, worker);
  const appeal = await apiSubmit(base, worker, {
    org: 'cy',
    category: 'living',
    place: 'bath',
    identity: 'named',
    phone,
    photos: [photo],
    publishConsent: false,
    content: '女澡堂的门锁坏了一个多星期,关不严,洗澡时很不安全',
  });
  const [office, secretary, logistics] = await Promise.all(['cy_office', 'cy_secretary', 'cy_logistics'].map((o) => apiLogin(base, o)));
  await apiAct(base, office, appeal.id, 'accept');
  await apiAct(base, secretary, appeal.id, 'dispatch', { department: 'logistics', instructions: '请两日内修好门锁' });
  await apiAct(base, logistics, appeal.id, 'acknowledge');
  await apiAct(base, logistics, appeal.id, 'respond', { outcome: 'resolved', text: '门锁已更换' });
  await apiAct(base, office, appeal.id, 'reply', { text: '门锁已更换,请放心使用' });

  // The taps the clerk makes, per step (typing a note is not a tap; tapping into the box is).
  const taps: Record<string, number> = {};
  const tap = async (step: string, selector: string) => {
    await visible(selector).first().tap();
    taps[step] = (taps[step] ?? 0) + 1;
  };

  await session.openAsStaff('cy_office', appeal.id);

  // The photo, with Chinese alt text; a tap enlarges it over the page, another closes it.
  const thumb = visible('#staff-photos img').first();
  await thumb.waitFor();
  expect(await thumb.getAttribute('alt')).toBe('职工上传的第 1 张照片(共 1 张)');
  expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
  await tap('enlarge the photo', '#staff-photos img');
  await visible('#photo-overlay img').waitFor();
  expect(await visible('#photo-overlay img').evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width)).toBeGreaterThan(300);
  await session.settle();
  await page.screenshot({ path: screenshotPath('staff-appeal-1-photo-enlarged') });
  await tap('enlarge the photo', '#photo-overlay-close');
  await page.locator('#photo-overlay').waitFor({ state: 'detached' });

  // The timeline names the department and the person behind each step.
  const timeline = await visible('#staff-timeline').innerText();
  expect(timeline).toContain('后勤管理部 后勤部长');
  expect(timeline).toContain('党群工作部 王艳丽');

  // An internal note, apart from 回复职工.
  expect(await visible('#notes-panel').innerText()).toContain('内部备注(职工看不到)');
  await tap('write an internal note', '#note-input textarea');
  await visible('#note-input textarea').fill(note);
  await tap('write an internal note', '#note-save');
  await visible('#notes').getByText(note).waitFor();
  expect(await visible('#notes').innerText()).toContain('党群工作部 王艳丽');
  expect(await visible('#staff-timeline').innerText()).not.toContain(note);
  await visible('#notes-panel').scrollIntoViewIfNeeded();
  await session.settle();
  await page.screenshot({ path: screenshotPath('staff-appeal-2-internal-note') });

  // The number is a tel: link; tapping it offers the call log at once, with the call's time written in.
  const call = visible('#phone-call');
  expect(await call.getAttribute('href')).toBe(`tel:${phone}`);
  // The time as the phone shows it (the page runs in the mine's time zone); a minute may turn meanwhile.
  const clock = (d: Date) => new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }).format(d);
  const before = clock(new Date());
  // tel: as far as the phone's dialer (test/support/dialler.ts).
  await recordDialling(page);
  await tap('call the worker', '#phone-call');
  expect(await dialled(page)).toEqual([`tel:${phone}`]);
  await visible('#call-log').waitFor();
  const time = await visible('#call-log .call-log__note textarea').inputValue();
  expect([`${before} 拨打`, `${clock(new Date())} 拨打`]).toContain(time);
  expect(await visible('#call-log').innerText()).toContain(`记录刚才(${time.slice(0, 5)})的回访电话`);
  // Offered right under the number the clerk just tapped.
  expect(await visible('#call-log').isVisible()).toBe(true);
  expect(await visible('#call-log').evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
  await session.settle();
  await page.screenshot({ path: screenshotPath('staff-appeal-3-call-log') });
  await tap('log the call', '#call-log [data-result="reached"]');
  await visible('.timeline-item--call_logged').waitFor();
  expect(await visible('.timeline-item--call_logged').innerText()).toContain('回访电话已接通');
  expect(await visible('.timeline-item--call_logged').innerText()).toContain(`回访电话已接通:${time}`);
  await visible('.timeline-item--call_logged').scrollIntoViewIfNeeded();
  await session.settle(true);
  await page.screenshot({ path: screenshotPath('staff-appeal-4-call-logged') });

  // The worker's own page: no note, no staff member's name; the department and the office by name.
  await session.loginAs('worker_liyunfang');
  await page.goto(`${base}/#/pages/detail/index?id=${appeal.id}`);
  await visible('#appeal-content').waitFor();
  await visible('.timeline-item--replied').waitFor();
  // Taro's H5 keeps earlier pages (the demo login's list of staff among them) hidden in the document: the visible page.
  const workerPage = await visible('.detail-page').innerText();
  expect(workerPage).not.toContain('考勤机');
  expect(workerPage).not.toContain('内部备注');
  expect(workerPage).not.toMatch(/王艳丽|后勤部长|张毅/);
  expect(await visible('#timeline').innerText()).toContain('后勤管理部');
  await visible('#timeline').scrollIntoViewIfNeeded();
  await session.settle();
  await page.screenshot({ path: screenshotPath('staff-appeal-5-worker-page') });

  console.log(
    `taps per step (office clerk; call log: ${time}):\n${Object.entries(taps)
      .map(([step, n]) => `  ${step}: ${n}`)
      .join('\n')}`,
  );
  expect(taps).toEqual({ 'enlarge the photo': 2, 'write an internal note': 2, 'call the worker': 1, 'log the call': 1 });
}, 120_000);
