// The doors and the locks: security headers on every answer, a strict content policy on the public
// pages, expired and forged tokens refused, and photos that attack the decoder refused or defused.
import { JwtService } from '@nestjs/jwt';
import sharp from 'sharp';
import { submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

describe.each(enginesUnderTest())('security on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('sends the security headers, and keeps answers about people out of caches', async () => {
    const { t, org } = ctx;
    const token = await t.login(uniqueName('w'));
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(me.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    const page = await t.http().get(`/p/${org.code}/resolved`);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses an expired, a forged and a malformed token with 401', async () => {
    const { t } = ctx;
    const token = await t.login(uniqueName('w'));
    const { sub } = t.app.get(JwtService).decode(token) as { sub: string };
    const expired = await t.app.get(JwtService).signAsync({ sub }, { expiresIn: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const [header, payload] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub, exp: 4102444800 })).toString('base64url')}.${token.split('.')[2]}`;
    for (const bad of [expired, forged, `${header}.${payload}`, 'not-a-token']) {
      const response = await t.http().get('/api/me').set('Authorization', `Bearer ${bad}`);
      expect([response.status, response.body.code]).toEqual([401, 'AUTH_TOKEN_INVALID']);
    }
    expect((await t.http().get('/api/me')).body.code).toBe('AUTH_REQUIRED');
  });

  it('refuses a truncated photo and a decompression bomb, and strips what hides behind a real one', async () => {
    const { t, org } = ctx;
    const token = await t.login(uniqueName('w'));
    const upload = (bytes: Buffer, filename: string) =>
      t.http().post('/api/uploads').set('Authorization', `Bearer ${token}`).attach('file', bytes, { filename, contentType: 'image/jpeg' });
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#885533' } })
      .jpeg()
      .toBuffer();

    const truncated = await upload(photo.subarray(0, Math.floor(photo.length / 2)), 'half.jpg');
    expect([truncated.status, truncated.body.code]).toEqual([422, 'UPLOAD_NOT_IMAGE']);
    // 100 megapixels of one colour: a few kilobytes on the wire, gigabytes once decoded.
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1_000_000);
    const refused = await upload(bomb, 'bomb.png');
    expect([refused.status, refused.body.code]).toEqual([422, 'UPLOAD_NOT_IMAGE']);

    // A polyglot: a real JPEG with a ZIP archive appended. Accepted as the photo it is, stored re-encoded without the archive.
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('evil payload'.repeat(20))]);
    const polyglot = await upload(Buffer.concat([photo, zip]), 'poly.jpg');
    expect(polyglot.status).toBe(201);
    const { body: appeal } = await submitAppeal(t, token, validAppeal(org.code, { photos: [polyglot.body.id] }));
    const served = await t
      .http()
      .get(appeal.photos[0].url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(served.status).toBe(200);
    expect((served.body as Buffer).includes(Buffer.from('evil payload'))).toBe(false);
    expect((served.body as Buffer).includes(Buffer.from('PK\x03\x04'))).toBe(false);
  });
});
