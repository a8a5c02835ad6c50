// The 小蓝码 read back the way a phone would: the QR in the generated PNG decodes to the landing URL
// (or, for a mini-program code, to the scene); the A4 PDF holds one sticker per place; scans count.
import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { enginesUnderTest } from './support/test-databases.js';
import { useTestApp, type TestApp } from './support/test-app.js';

// jsqr is a CommonJS bundle: under Node's ESM its function may sit on `default` once more.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as unknown as Decode;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Downloads a binary response whole. */
function binary(t: TestApp, path: string, token: string) {
  return t
    .http()
    .get(path)
    .set(auth(token))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

async function decodeQr(png: Buffer): Promise<string | null> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

describe.each(enginesUnderTest())('stickers on %s', (engine) => {
  const ctx = useTestApp(engine);

  it("prints a PNG whose QR opens the place's landing, and an SVG with the slogan and the place", async () => {
    const { t, org } = ctx;
    const admin = await t.login(org.staff.admin);
    const png = await binary(t, '/api/admin/stickers/dorm2.png', admin);
    expect([png.status, png.headers['content-type']]).toEqual([200, 'image/png']);
    expect(await sharp(png.body as Buffer).metadata()).toMatchObject({ width: 1200, height: 1600 });
    expect(await decodeQr(png.body as Buffer)).toBe(`${t.config.publicBaseUrl}/q/${org.code}/dorm2`);

    const svg = await t.http().get('/api/admin/stickers/dorm2.svg').set(auth(admin));
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    const text = svg.text || (svg.body as Buffer).toString();
    for (const words of ['赤峪是咱家,', '有事儿就说话', '2号宿舍楼']) expect(text).toContain(words);

    expect((await t.http().get('/api/admin/stickers/nowhere.png').set(auth(admin))).body.code).toBe('PLACE_UNKNOWN');
    expect(
      (
        await t
          .http()
          .get('/api/admin/stickers/dorm2.png')
          .set(auth(await t.login(org.staff.coordinator)))
      ).status,
    ).toBe(403);
  });

  it('prints a mini-program code whose scene names the organisation and the place', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    await t.db.query('UPDATE organizations SET settings = ? WHERE code = ?', [JSON.stringify({ stickers: { qr: 'wxacode' } }), org.code]);
    const admin = await t.login(org.staff.admin);
    const png = await binary(t, '/api/admin/stickers/bath.png', admin);
    expect(png.status).toBe(200);
    expect(await decodeQr(png.body as Buffer)).toBe(`o=${org.code}&s=bath`);
    // The SVG itself, drawn by a renderer (sharp's librsvg, as a print shop's tool would): WeChat's code is
    // a JPEG, and an image labelled with the wrong type is not drawn — the code must read back from it too.
    const svg = await t.http().get('/api/admin/stickers/bath.svg').set(auth(admin));
    const text = svg.text || (svg.body as Buffer).toString();
    expect(text).toContain('href="data:image/jpeg;base64,');
    expect(await decodeQr(await sharp(Buffer.from(text), { density: 144 }).flatten({ background: '#ffffff' }).png().toBuffer())).toBe(`o=${org.code}&s=bath`);
    const asked = t.simulator.records
      .received()
      .filter((r) => r.api === 'getwxacodeunlimit')
      .at(-1)!;
    expect(asked.body).toMatchObject({ scene: `o=${org.code}&s=bath`, page: 'pages/submit/index', env_version: 'release' });
    // Asked of WeChat once per place, not on every print: a sheet of every place asks only for the new ones, a reprint for none.
    t.simulator.records.clear();
    const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM places p JOIN organizations o ON o.id = p.org_id WHERE o.code = ? AND p.archived_at IS NULL', [org.code]);
    expect((await binary(t, '/api/admin/stickers.pdf', admin)).status).toBe(200);
    expect((await binary(t, '/api/admin/stickers/dorm2.png', admin)).status).toBe(200);
    const asks = t.simulator.records.received().filter((r) => r.api === 'getwxacodeunlimit');
    expect(asks).toHaveLength(Number(n) - 1);
    expect(asks.map((r) => (r.body as { scene: string }).scene)).not.toContain(`o=${org.code}&s=bath`);
  });

  it("lays every place's sticker on A4, four to a page", async () => {
    const { t, org } = ctx;
    const admin = await t.login(org.staff.admin);
    const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM places p JOIN organizations o ON o.id = p.org_id WHERE o.code = ? AND p.archived_at IS NULL', [org.code]);
    const sheet = await binary(t, '/api/admin/stickers.pdf', admin);
    expect([sheet.status, sheet.headers['content-type']]).toEqual([200, 'application/pdf']);
    const pdf = (sheet.body as Buffer).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Subtype \/Image/g)).toHaveLength(Number(n));
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(Math.ceil(Number(n) / 4));
    const some = await binary(t, '/api/admin/stickers.pdf?places=dorm2,bath', admin);
    expect((some.body as Buffer).toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(2);
  });

  it('counts the scans of each place, by its link and by its mini-program code', async () => {
    const { t, org } = ctx;
    const scans = async () =>
      Number((await t.db.query('SELECT p.scan_count AS n FROM places p JOIN organizations o ON o.id = p.org_id WHERE o.code = ? AND p.code = ?', [org.code, 'canteen']))[0].n);
    const before = await scans();
    for (let i = 0; i < 3; i++) expect((await t.http().get(`/q/${org.code}/canteen`)).status).toBe(302);
    expect(
      (
        await t
          .http()
          .post('/api/public/orgs/scans')
          .send({ scene: `o=${org.code}&s=canteen` })
      ).status,
    ).toBe(204);
    await t.http().get(`/q/${org.code}/nowhere`);
    await t.http().post('/api/public/orgs/scans').send({ scene: 'garbage' });
    expect(await scans()).toBe(before + 4);
  });
});
