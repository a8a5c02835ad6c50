// Voice notes (语音), through the API on both engines: accepted by their bytes in the formats WeChat's recorder
// (mp3, aac) and the browser's (webm, ogg, mp4) write, their length read from the container; refused when they are
// no audio, too big or over a minute; an appeal may be said in one instead of the text's minimum; and heard only
// by the worker, the office and the department on the sheet — never a leader, a department it was not sent to,
// anyone after the worker erased their data.
import fs from 'node:fs';
import path from 'node:path';
import type { AppealView } from '@minqing/shared';
import { signUploadUrl } from '../src/uploads/signed-url.js';
import { sniffVoice } from '../src/uploads/audio-sniffer.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

// --- the containers, built as the recorders write them ---

/** An EBML element: its id's bytes, its size (known, or unknown as a streaming writer leaves it), its body. */
function ebml(id: number[], body: Buffer, unknownSize = false): Buffer {
  const size = unknownSize ? Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) : Buffer.from([0x08, ...u32(body.length)]);
  return Buffer.concat([Buffer.from(id), size, body]);
}
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const uint = (id: number[], n: number) => ebml(id, Buffer.from(u32(n)));
/** A SimpleBlock of track 1 at `offset` ms from its cluster, with some bytes of "audio". */
const block = (offset: number) => ebml([0xa3], Buffer.concat([Buffer.from([0x81, (offset >> 8) & 0xff, offset & 0xff, 0x80]), Buffer.alloc(40, 7)]));

/** WebM/Opus as Chromium's MediaRecorder writes it: no Duration, a Segment and Clusters of unknown size. */
function webm(seconds: number): Buffer {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], Buffer.concat([ebml([0x42, 0x82], Buffer.from('webm'))]));
  const info = ebml([0x15, 0x49, 0xa9, 0x66], uint([0x2a, 0xd7, 0xb1], 1_000_000));
  const clusters: Buffer[] = [];
  for (let start = 0; start < seconds * 1000; start += 5000) {
    const blocks = [];
    for (let offset = 0; offset < 5000 && start + offset < seconds * 1000; offset += 500) blocks.push(block(offset));
    clusters.push(ebml([0x1f, 0x43, 0xb6, 0x75], Buffer.concat([uint([0xe7], start), ...blocks]), true));
  }
  return Buffer.concat([header, ebml([0x18, 0x53, 0x80, 0x67], Buffer.concat([info, ...clusters]), true)]);
}

/** AAC in ADTS frames at 16 kHz, as WeChat's recorder with format 'aac' writes: 1024 samples a frame. */
function adts(seconds: number): Buffer {
  const frames = Math.round((seconds * 16000) / 1024);
  const frame = Buffer.alloc(30, 3);
  const length = frame.length;
  Buffer.from([0xff, 0xf1, (1 << 6) | (8 << 2), 0x40 | ((length >> 11) & 0x03), (length >> 3) & 0xff, ((length & 0x07) << 5) | 0x1f, 0xfc]).copy(frame);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

/** MP3 at 48 kbit/s, 16 kHz (MPEG-2 layer III), behind an ID3 tag: WeChat's 'mp3' with encodeBitRate 48000. */
function mp3(seconds: number): Buffer {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 10, ...Buffer.alloc(10)]);
  const audio = Buffer.alloc((seconds * 48000) / 8, 0x55);
  Buffer.from([0xff, 0xf3, (6 << 4) | (2 << 2), 0xc4]).copy(audio);
  return Buffer.concat([id3, audio]);
}

/** Ogg/Opus: the OpusHead page, and a last page whose granule position is the length at 48 kHz. */
function ogg(seconds: number): Buffer {
  const page = (granule: bigint, body: Buffer) => {
    const head = Buffer.alloc(27 + 1);
    head.write('OggS', 0, 'latin1');
    head.writeBigInt64LE(granule, 6);
    head[26] = 1;
    head[27] = body.length;
    return Buffer.concat([head, body]);
  };
  const opusHead = Buffer.alloc(19);
  opusHead.write('OpusHead', 0, 'latin1');
  opusHead[8] = 1;
  opusHead[9] = 1;
  opusHead.writeUInt16LE(312, 10);
  return Buffer.concat([page(0n, opusHead), page(BigInt(seconds * 48000 + 312), Buffer.alloc(200, 9))]);
}

/** MP4/AAC as Safari's MediaRecorder writes it: ftyp, and the movie header's duration. */
function mp4(seconds: number): Buffer {
  const box = (type: string, body: Buffer) => Buffer.concat([Buffer.from(u32(body.length + 8)), Buffer.from(type, 'latin1'), body]);
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12);
  mvhd.writeUInt32BE(seconds * 1000, 16);
  return Buffer.concat([box('ftyp', Buffer.from('M4A \0\0\0\0isomM4A ', 'latin1')), box('moov', box('mvhd', mvhd)), box('mdat', Buffer.alloc(500, 1))]);
}

describe('the voice containers are told by their bytes, with their length', () => {
  it.each([
    ['webm', webm(12), 'audio/webm'],
    ['aac', adts(12), 'audio/aac'],
    ['mp3', mp3(12), 'audio/mpeg'],
    ['ogg', ogg(12), 'audio/ogg'],
    ['mp4', mp4(12), 'audio/mp4'],
  ])('%s', (_name, bytes, mime) => {
    const sniffed = sniffVoice(bytes);
    expect(sniffed?.mime).toBe(mime);
    expect(Math.round((sniffed?.durationMs ?? 0) / 1000)).toBe(12);
  });

  it('takes no other file for a voice note', () => {
    expect(sniffVoice(Buffer.from('%PDF-1.4 this is a payslip, not a voice'))).toBeNull();
    expect(sniffVoice(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]))).toBeNull();
    // Matroska that is not WebM (a .mkv film) is not a recorder's file either.
    expect(sniffVoice(ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], Buffer.from('matroska'))))).toBeNull();
  });
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe.each(enginesUnderTest())('voice notes on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '100', APPEAL_LIMIT_PER_DAY: '100' });

  const uploadVoice = (t: TestApp, token: string, bytes: Buffer, ms?: number) =>
    t
      .http()
      .post(`/api/uploads/voice${ms === undefined ? '' : `?ms=${ms}`}`)
      .set(auth(token))
      .attach('file', bytes, { filename: 'voice.webm', contentType: 'audio/webm' });
  const view = async (t: TestApp, token: string, id: string) => {
    const response = await t.http().get(`/api/appeals/${id}`).set(auth(token));
    expect(response.status).toBe(200);
    return response.body as AppealView;
  };
  /** What the voice's link answers (no bearer token: an <audio src> sends none). */
  const fetchVoice = (t: TestApp, url: string) =>
    t
      .http()
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('takes an appeal said in a voice note with no text, and plays it to the worker and the office as recorded', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('voice_worker'));
    const office = await t.login(org.staff.coordinator);
    const recording = webm(12);
    const uploaded = await uploadVoice(t, worker, recording, 11_800);
    expect([uploaded.status, uploaded.body.code]).toEqual([201, undefined]);
    // The length is the file's (12 s), not the recorder's figure.
    expect(uploaded.body).toMatchObject({ id: expect.any(String), mime: 'audio/webm', seconds: 12 });

    // No voice: the text's minimum, as before.
    expect((await submitAppeal(t, worker, validAppeal(org.code, { content: '' }))).body.details.fields).toEqual([
      expect.objectContaining({ field: 'content', code: 'APPEAL_CONTENT_REQUIRED' }),
    ]);
    const submitted = await submitAppeal(t, worker, validAppeal(org.code, { content: '', voice: uploaded.body.id }));
    expect(submitted.status).toBe(201);
    expect(submitted.body.voice).toEqual({ id: uploaded.body.id, url: expect.stringContaining('/api/uploads/'), seconds: 12 });
    expect(submitted.body.excerpt).toBe('(语音诉求)');

    for (const token of [worker, office]) {
      const seen = await view(t, token, submitted.body.id);
      expect(seen.voice?.seconds).toBe(12);
      const served = await fetchVoice(t, seen.voice!.url!);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('audio/webm');
      expect(Buffer.compare(served.body as Buffer, recording)).toBe(0);
    }
    // The office's list says it is a voice appeal.
    const list = await t.http().get('/api/appeals?tab=all').set(auth(office));
    expect(list.body.items.find((i: { id: string }) => i.id === submitted.body.id)?.excerpt).toBe('(语音诉求)');
    // The same voice note cannot go with a second appeal.
    const again = await submitAppeal(t, worker, validAppeal(org.code, { voice: uploaded.body.id }));
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('APPEAL_VOICE_UNKNOWN');
  });

  it('accepts what WeChat’s recorder and the other browsers write, each with its length', async () => {
    const worker = await ctx.t.login(uniqueName('voice_formats'));
    for (const [bytes, mime] of [
      [mp3(7), 'audio/mpeg'],
      [adts(7), 'audio/aac'],
      [ogg(7), 'audio/ogg'],
      [mp4(7), 'audio/mp4'],
    ] as const) {
      const response = await uploadVoice(ctx.t, worker, bytes);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ mime, seconds: 7 });
    }
  });

  it('refuses what is no voice, over a minute or over the size of one, in Chinese', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('voice_refused'));
    const notAudio = await uploadVoice(t, worker, Buffer.from('%PDF-1.4 this is a payslip, not a voice note'));
    expect(notAudio.status).toBe(422);
    expect(notAudio.body).toMatchObject({ code: 'VOICE_NOT_AUDIO', message: expect.stringContaining('语音') });

    const long = await uploadVoice(t, worker, adts(75), 30_000);
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({ code: 'VOICE_TOO_LONG', message: expect.stringContaining('1 分钟') });

    const big = await uploadVoice(t, worker, Buffer.concat([webm(10), Buffer.alloc(800 * 1024, 1)]));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'VOICE_TOO_LARGE', message: expect.stringContaining('语音') });

    // A voice note is no photo, and a photo no voice note.
    const voice = await uploadVoice(t, worker, webm(5));
    const asPhoto = await submitAppeal(t, worker, validAppeal(org.code, { photos: [voice.body.id] }));
    expect(asPhoto.status).toBe(422);
    expect(asPhoto.body.code).toBe('APPEAL_PHOTO_UNKNOWN');
    // Someone else's voice note is nobody's to send.
    const other = await t.login(uniqueName('voice_other'));
    const stolen = await submitAppeal(t, other, validAppeal(org.code, { content: '', voice: voice.body.id }));
    expect(stolen.status).toBe(422);
    expect(stolen.body.code).toBe('APPEAL_VOICE_UNKNOWN');
  });

  it('is heard by the office and the department on the sheet, never by a leader or another department', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('voice_confidential'));
    const [office, secretary, leader, logistics, payroll] = await Promise.all(
      [org.staff.coordinator, org.staff.secretary, org.staff.leader, org.staff.logistics, org.staff.payroll].map((o) => t.login(o)),
    );
    const uploaded = await uploadVoice(t, worker, webm(9));
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code, { identity: 'confidential', voice: uploaded.body.id }));
    expect((await act(t, office, submitted.id, 'accept')).status).toBe(200);
    expect((await act(t, secretary, submitted.id, 'dispatch', { department: 'logistics', instructions: '请三日内处理' })).status).toBe(200);

    const handler = await view(t, logistics, submitted.id);
    expect((await fetchVoice(t, handler.voice!.url!)).status).toBe(200);
    // A leader learns that there is a voice note and how long, never hears it.
    for (const token of [secretary, leader]) {
      const seen = await view(t, token, submitted.id);
      expect(seen.voice).toEqual({ id: uploaded.body.id, url: null, seconds: 9 });
    }
    // A link signed for a leader (as if one were handed out) is refused by the voice's own check…
    const [secretaryRow] = await t.db.query('SELECT id FROM users WHERE openid = ?', [org.staff.secretary]);
    expect((await fetchVoice(t, signUploadUrl(t.config.tokenSecret, uploaded.body.id, secretaryRow.id, new Date()))).status).toBe(404);
    // …the office's link works for nobody else, and another department does not see the appeal at all.
    const officeUrl = (await view(t, office, submitted.id)).voice!.url!;
    const [payrollRow] = await t.db.query('SELECT id FROM users WHERE openid = ?', [org.staff.payroll]);
    expect((await fetchVoice(t, officeUrl.replace(/v=[^&]+/, `v=${payrollRow.id}`))).status).toBe(404);
    expect((await t.http().get(`/api/appeals/${submitted.id}`).set(auth(payroll))).status).toBe(404);
  });

  it('may be a 补充说明 of its own, heard by the office on the timeline line it belongs to, never by a leader', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('voice_message'));
    const [office, leader] = await Promise.all([org.staff.coordinator, org.staff.leader].map((o) => t.login(o)));
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code));
    const message = (body: object, token = worker) => t.http().post(`/api/appeals/${submitted.id}/messages`).set(auth(token)).send(body);

    // Neither words nor a voice: the text is required, as before.
    expect((await message({ text: ' ' })).body.details.fields).toEqual([expect.objectContaining({ field: 'text', code: 'MESSAGE_TEXT_REQUIRED' })]);
    const voice = await uploadVoice(t, worker, adts(8));
    const sent = await message({ text: '', voice: voice.body.id });
    expect(sent.status).toBe(201);
    const line = (sent.body as AppealView).timeline.find((e) => e.type === 'message');
    expect(line?.voice).toEqual({ id: voice.body.id, url: expect.any(String), seconds: 8 });
    // It is the 补充说明's, not the appeal's own voice note.
    expect((sent.body as AppealView).voice ?? null).toBeNull();

    const officeLine = (await view(t, office, submitted.id)).timeline.find((e) => e.id === line!.id);
    const served = await fetchVoice(t, officeLine!.voice!.url!);
    expect([served.status, served.headers['content-type']]).toEqual([200, 'audio/aac']);
    const leaderLine = (await view(t, leader, submitted.id)).timeline.find((e) => e.id === line!.id);
    expect(leaderLine?.voice).toEqual({ id: voice.body.id, url: null, seconds: 8 });

    // Staff write their messages: a voice note is the worker's way only.
    const officeVoice = await uploadVoice(t, office, adts(3));
    expect((await message({ text: '请补充时间', voice: officeVoice.body.id }, office)).status).toBe(400);
    // One voice note goes with one line only.
    expect((await message({ text: '', voice: voice.body.id })).body.code).toBe('APPEAL_VOICE_UNKNOWN');
  });

  it('is erased with the worker’s personal data: the file, the row and the link', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('voice_erased'));
    const office = await t.login(org.staff.coordinator);
    const uploaded = await uploadVoice(t, worker, webm(6));
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code, { voice: uploaded.body.id }));
    const officeUrl = (await view(t, office, submitted.id)).voice!.url!;
    const [row] = await t.db.query('SELECT storage_key AS storageKey FROM uploads WHERE id = ?', [uploaded.body.id]);
    const file = t.config.storage.kind === 'directory' ? path.join(t.config.storage.dir, row.storageKey) : null;
    expect(file && fs.existsSync(file)).toBe(true);

    expect((await t.http().delete('/api/me').set(auth(worker))).status).toBe(200);
    expect((await fetchVoice(t, officeUrl)).status).toBe(404);
    const after = await view(t, office, submitted.id);
    expect(after.voice ?? null).toBeNull();
    // The appeal's text stays (the mine's record); the voice, which would tell who spoke, does not.
    expect(after.content).toBe(submitted.content);
    expect(fs.existsSync(file!)).toBe(false);
  });
});
