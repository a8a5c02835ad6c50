import sharp from 'sharp';
import { validAppeal, submitAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

/** A real JPEG carrying EXIF that names the camera, as a phone's photo would. */
async function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: '#1565c0' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'MinqingTestCam', Model: 'ExifLeakCheck' } })
    .toBuffer();
}

describe.each(enginesUnderTest())('photos on %s', (engine) => {
  const ctx = useTestApp(engine);

  const upload = (token: string, bytes: Buffer, filename: string, contentType = 'image/jpeg') =>
    ctx.t.http().post('/api/uploads').set('Authorization', `Bearer ${token}`).attach('file', bytes, { filename, contentType });

  it('stores a photo without its EXIF and shows it on the appeal', async () => {
    const original = await photoWithExif();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const token = await ctx.t.login(uniqueName('w'));
    const uploaded = await upload(token, original, 'IMG_0001.jpg');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ id: expect.any(String), mime: 'image/jpeg', width: 320, height: 240 });

    const appeal = await submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { photos: [uploaded.body.id] }));
    expect(appeal.status).toBe(201);
    expect(appeal.body.photos).toHaveLength(1);
    const detail = await ctx.t.http().get(`/api/appeals/${appeal.body.id}`).set('Authorization', `Bearer ${token}`);
    expect(detail.body.photos.map((p: { id: string }) => p.id)).toEqual([uploaded.body.id]);
    expect(appeal.body.photos.map((p: { id: string }) => p.id)).toEqual([uploaded.body.id]);
    // The signed URL works without a bearer token, as an <Image src> needs.
    const served = await ctx.t
      .http()
      .get(appeal.body.photos[0].url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const stored = served.body as Buffer;
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes(Buffer.from('MinqingTestCam'))).toBe(false);
  });

  it('refuses a file that is not an image, whatever its name says', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const response = await upload(token, Buffer.from('%PDF-1.4 this is a payslip, not a photo'), 'payslip.jpg');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'UPLOAD_NOT_IMAGE', message: expect.stringContaining('照片') });
  });

  it('refuses a photo over 5 MB', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const big = Buffer.concat([await photoWithExif(), Buffer.alloc(5 * 1024 * 1024 + 10, 1)]);
    const response = await upload(token, big, 'big.jpg');
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('UPLOAD_TOO_LARGE');
  });

  it("does not let a worker attach someone else's photo", async () => {
    const alice = await ctx.t.login(uniqueName('alice'));
    const bob = await ctx.t.login(uniqueName('bob'));
    const alicesPhoto = await upload(alice, await photoWithExif(), 'a.jpg');
    const response = await submitAppeal(ctx.t, bob, validAppeal(ctx.org.code, { photos: [alicesPhoto.body.id] }));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('APPEAL_PHOTO_UNKNOWN');
  });

  it('refuses a tampered photo URL', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const uploaded = await upload(token, await photoWithExif(), 'a.jpg');
    const response = await ctx.t.http().get(`/api/uploads/${uploaded.body.id}?exp=9999999999&sig=forged`);
    expect(response.status).toBe(404);
  });
});
