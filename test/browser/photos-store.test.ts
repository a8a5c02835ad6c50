// A photo in an S3-compatible store (STORAGE=s3), as the H5 app shows it: the <img> asks the server's
// signed URL, is redirected to the store's presigned URL on its own origin, and the page's
// Content-Security-Policy lets it load from there (useBrowserSession fails the test on any violation).
import sharp from 'sharp';
import { apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';
import { startS3Server, type TestS3Server } from '../../server/test/support/s3-server.js';

let s3: TestS3Server;
const env: Record<string, string> = {};
beforeAll(async () => {
  s3 = await startS3Server();
  Object.assign(env, s3.env);
});
const session = useBrowserSession({ env });
afterAll(() => s3?.close());

it("shows the worker's photo from the store on the appeal page", async () => {
  const base = session.server.baseUrl;
  const token = await apiLogin(base, 'worker_yuanyongjian');
  const form = new FormData();
  const bytes = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#00695c' } })
    .jpeg()
    .toBuffer();
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'canteen.jpg');
  const uploaded = (await (await fetch(`${base}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })).json()) as { id: string };
  const appeal = await apiSubmit(base, token, {
    org: 'cy',
    category: 'living',
    content: '食堂的饭菜夜班时已经凉了,希望夜班能有热饭',
    place: 'canteen',
    identity: 'named',
    publishConsent: true,
    photos: [uploaded.id],
  });
  expect(s3.keys()).toContain(`${uploaded.id}.jpg`);

  await session.loginAs('worker_yuanyongjian');
  const fromStore = session.page.waitForResponse((r) => r.url().startsWith(`${s3.endpoint}/photos/${uploaded.id}.jpg?`));
  await session.page.goto(`${base}/#/pages/detail/index?id=${appeal.id}`);
  expect((await fromStore).status()).toBe(200);
  const image = session.visible('.appeal-photo img, img.appeal-photo').first();
  await image.waitFor();
  await session.page.waitForFunction((img) => (img as HTMLImageElement).complete, await image.elementHandle());
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('photo-from-store'), fullPage: true });
});
