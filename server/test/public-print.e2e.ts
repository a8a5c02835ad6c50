// The 公示 as the public meets it outside the API: the A4 sheet for the bulletin board printed to PDF in
// Chromium (one page for a month of 12 listed items, the QR on it; two pages for more), the trend of a
// mine's first published month drawn with its values, and the pages a browser gets for a month not
// published or a mine that does not exist (Chinese, 404, still the envelope for an API client).
import { chromium, type Browser } from 'playwright-core';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** What the office writes for the bulletin board: short lines and long ones, as a real month has. */
const SUMMARIES = [
  '职工食堂夜班窗口加装保温台,夜班职工吃上热饭',
  '职工澡堂加装恒温阀,水温稳定',
  '2号宿舍楼走廊灯全部更换为声控灯',
  '井口候车室增加座椅二十把,冬季开放暖气',
  '女职工澡堂开放时间延长至21:30',
  '综采工作面入井通勤车增加一班,早班职工不再站着等车',
  '矿区班车线路调整,经过新建职工小区',
  '劳保手套改为防滑耐磨型号,按月足量发放',
  '职工书屋延长开放时间,周末照常开放',
  '宿舍楼热水器检修完毕,每层增设开水器',
  '食堂增加面食窗口,满足北方职工口味',
  '职工体检报告改为线上查询,纸质版按需领取',
  '洗衣房增加烘干机两台,雨季衣服也能及时晾干',
  '井下休息硐室增设饮水点,每班补充饮用水',
];

/** Months of listed items: each appeal taken round the loop in September with the office's public line. */
async function publishSeptember(t: TestApp, org: { code: string; staff: Record<string, string> }, count: number): Promise<void> {
  const office = await t.login(org.staff.coordinator);
  const logistics = await t.login(org.staff.logistics);
  for (let i = 0; i < count; i++) {
    const worker = await t.login(uniqueName('print'));
    const day = String(2 + i).padStart(2, '0');
    t.setNow(sh(`2026-09-${day}T09:00`));
    const { body, status } = await submitAppeal(
      t,
      worker,
      validAppeal(org.code, { place: ['bath', 'dorm2', 'canteen'][i % 3], content: `第${i + 1}件:${SUMMARIES[i]}之前的情况,职工反映多次` }),
    );
    if (status !== 201) throw new Error(`submit: ${status} ${JSON.stringify(body)}`);
    const steps: Array<[string, string, object]> = [
      [office, 'accept', {}],
      [office, 'dispatch', { department: 'logistics', instructions: '请尽快办理' }],
      [logistics, 'acknowledge', {}],
      [logistics, 'respond', { outcome: i % 5 === 4 ? 'explained' : 'resolved', text: '已办理' }],
      [office, 'reply', { text: '已办理完毕', publicSummary: SUMMARIES[i] }],
    ];
    for (const [token, action, payload] of steps) {
      const response = await act(t, token, body.id, action, payload);
      if (response.status !== 200) throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  }
  t.setNow(sh('2026-10-02T09:00'));
  expect((await t.http().post('/api/reports/2026-09/draft').set(auth(office))).status).toBe(200);
  const published = await t.http().post('/api/reports/2026-09/publish').set(auth(office)).send({});
  expect([published.status, published.body.items.filter((i: { included: boolean }) => i.included).length]).toEqual([200, count]);
  t.setNow(null);
}

/** The pages of a PDF as Chromium writes them: one `/Type /Page` object per page (`/Pages` is the tree). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;

describe.each(enginesUnderTest())('the public pages in a browser on %s', (engine) => {
  const ctx = useTestApp(engine);
  let browser: Browser;
  let twelve: { code: string; staff: Record<string, string> };
  let twoPages: { code: string; staff: Record<string, string> };

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    // Codes as short as a mine's own (the serials are printed): 赤峪 is cy, 西曲 xq.
    twelve = await ctx.t.createOrg('cy');
    await publishSeptember(ctx.t, twelve, 12);
    twoPages = await ctx.t.createOrg('xq');
    await publishSeptember(ctx.t, twoPages, 14);
  }, 240_000);
  afterAll(() => browser?.close());

  async function printed(code: string): Promise<{ pages: number; qrTop: number; pageHeight: number; items: number }> {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    try {
      const response = await page.goto(`${ctx.t.baseUrl}/p/${code}/reports/2026-09?print=1`);
      expect(response?.status()).toBe(200);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      // Where the QR lands on paper: A4 is 1123 CSS px tall, less the 12 mm margins of @page.
      const qrTop = await page.locator('.qr svg').evaluate((svg) => svg.getBoundingClientRect().top);
      return { pages: pageCount(pdf), qrTop, pageHeight: 1123 - 2 * 45, items: await page.locator('#resolved .item').count() };
    } finally {
      await page.close();
    }
  }

  it('prints a month of 12 listed items on one A4 page with the QR on it', async () => {
    const sheet = await printed(twelve.code);
    expect(sheet.items).toBe(12);
    expect(sheet.pages).toBe(1);
    expect(sheet.qrTop).toBeLessThan(sheet.pageHeight);
  }, 60_000);

  it('prints 14 items on two pages, the QR on the first', async () => {
    const sheet = await printed(twoPages.code);
    expect(sheet.items).toBe(14);
    expect(sheet.pages).toBe(2);
    expect(sheet.qrTop).toBeLessThan(sheet.pageHeight);
  }, 60_000);

  it("draws a mine's first published month in the trend with each rate's value", async () => {
    const page = await ctx.t.http().get(`/p/${twelve.code}/reports/2026-09`);
    const trend = /<section id="trend">([\s\S]*?)<\/section>/.exec(page.text)?.[1] ?? '';
    // One month: a bar per rate, labelled with its value, not dots on top of each other. Nobody rated an
    // answer this month, so 满意率 has no bar and says so.
    expect(trend.match(/<rect class="trend-bar"/g)?.length).toBe(2);
    const values = [...trend.matchAll(/<text [^>]*font-weight="bold"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(values).toEqual(['100%', '100%', '—']);
    expect(trend).toContain('>9月</text>');
    expect(trend).not.toContain('<circle');
  });

  it('answers a browser with a page in Chinese for a month not published, linking the latest one', async () => {
    const page = await ctx.t.http().get(`/p/${twelve.code}/reports/2026-07`).set('Accept', 'text/html,application/xhtml+xml');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('还没有这个月的公示');
    expect(page.text).toContain(`href="/p/${twelve.code}/reports/2026-09"`);
    expect(page.text).toContain('2026年9月');
    const api = await ctx.t.http().get(`/p/${twelve.code}/reports/2026-07`).set('Accept', 'application/json');
    expect([api.status, api.body.code]).toEqual([404, 'REPORT_NOT_FOUND']);
    const invalid = await ctx.t.http().get(`/p/${twelve.code}/reports/2026-13`).set('Accept', 'text/html');
    expect([invalid.status, invalid.text.includes('还没有这个月的公示')]).toEqual([404, true]);
  });

  it('answers a browser with a page in Chinese for a mine that does not exist', async () => {
    for (const path of ['/p/nowhere/resolved', '/p/nowhere/reports/2026-09', '/p/nowhere/reports/2026-09?print=1']) {
      const page = await ctx.t.http().get(path).set('Accept', 'text/html');
      expect([path, page.status, page.headers['content-type']]).toEqual([path, 404, expect.stringContaining('text/html')]);
      expect(page.text).toContain('没有找到这个矿');
      expect(page.text).not.toContain('ORG_UNKNOWN');
    }
    const api = await ctx.t.http().get('/p/nowhere/resolved');
    expect([api.status, api.body.code]).toEqual([404, 'ORG_UNKNOWN']);
  });
});
