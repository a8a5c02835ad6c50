// Text as an abuser would write it: made only of characters nobody can see is refused with the usual
// sentence; bidirectional overrides (which make a line read backwards) are not kept in what is stored
// nor shown on what is published; an anonymous appeal keeps no phone number.
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const RLO = '\u202E';

/** Each looks empty on a phone's screen. */
const INVISIBLE_ONLY = [
  '\u200B\u200B\u200B\u200B\u200B\u200B', // zero-width spaces
  '\u3000\u3000\u3000\u3000\u3000\u3000', // ideographic spaces
  '\u202E\u2066\u200F\u200E\uFEFF\u2060\u200D', // direction controls, BOM, joiners
  '\u3164\u3164\u3164\u3164\u3164\u3164', // Hangul fillers
  ' \u00A0\u2003\u00AD\u180E\u2800 ', // no-break and em spaces, soft hyphen, blank braille
];

describe.each(enginesUnderTest())('content hygiene on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '1000', APPEAL_LIMIT_PER_DAY: '1000' });

  it.each(INVISIBLE_ONLY.map((text) => [JSON.stringify(text), text]))('refuses an appeal whose text is only invisible characters: %s', async (_, content) => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('blank'));
    const response = await submitAppeal(t, worker, validAppeal(org.code, { content }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'APPEAL_CONTENT_REQUIRED', message: '请写下您要反映的事情' });
  });

  it('counts only visible characters toward the five an appeal needs', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('short'));
    const response = await submitAppeal(t, worker, validAppeal(org.code, { content: '热水\u200B\u200B\u200B\u200B\u200B' }));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('APPEAL_CONTENT_TOO_SHORT');
  });

  it('refuses invisible-only messages and staff reasons, and stores text without its direction overrides', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('rtl'));
    const office = await t.login(org.staff.coordinator);
    const submitted = await submitAppeal(t, worker, validAppeal(org.code, { content: `宿舍热水${RLO}坏了三天了,请尽快修` }));
    expect(submitted.status).toBe(201);
    const [row] = await t.db.query('SELECT content FROM appeals WHERE id = ?', [submitted.body.id]);
    expect(row.content).toBe('宿舍热水坏了三天了,请尽快修');

    const message = await t.http().post(`/api/appeals/${submitted.body.id}/messages`).set(auth(worker)).send({ text: '\u200B\u3000\u200D' });
    expect(message.status).toBe(400);
    expect(message.body.code).toBe('MESSAGE_TEXT_REQUIRED');
    const reject = await act(t, office, submitted.body.id, 'reject', { reason: '\u2060\u200B\u3000' });
    expect(reject.status).toBe(400);
    expect(reject.body.code).toBe('ACTION_REASON_REQUIRED');
  });

  it('keeps no phone number for an anonymous appeal, and keeps it for a confidential one', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('anon'));
    const anonymous = await submitAppeal(t, worker, validAppeal(org.code, { identity: 'anonymous', phone: '13912345678' }));
    const confidential = await submitAppeal(t, worker, validAppeal(org.code, { identity: 'confidential', phone: '13912345678', content: '另一件事:食堂饭菜太咸了' }));
    expect([anonymous.status, confidential.status]).toEqual([201, 201]);
    const phoneOf = async (id: string) => (await t.db.query('SELECT phone_enc AS p FROM appeals WHERE id = ?', [id]))[0].p;
    expect(await phoneOf(anonymous.body.id)).toBeNull();
    expect(await phoneOf(confidential.body.id)).not.toBeNull();
  });

  it('publishes no direction override, even from text stored before they were refused', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    await t.db.query('UPDATE organizations SET name = ?, slogan = ? WHERE code = ?', [`赤峪${RLO}煤矿`, `有事儿${RLO}就说话\u2066!\u2069`, org.code]);
    const page = await t.http().get(`/p/${org.code}/resolved`);
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(page.text).toContain('赤峪煤矿 · 职工诉求公示');
    expect(page.text).toContain('有事儿就说话!');
    const json = await t.http().get(`/api/public/orgs/${org.code}`);
    expect([json.body.name, json.body.slogan]).toEqual(['赤峪煤矿', '有事儿就说话!']);
  });
});
