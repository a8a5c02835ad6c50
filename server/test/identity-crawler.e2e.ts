// The identity crawler. Workers with distinctive names, units, phones and openids — two of them also
// staff (a 劳资部 clerk who reports anonymously, a leader who writes confidentially) — submit named,
// confidential and anonymous appeals and the mine drives them through the whole loop (accept,
// dispatch, acknowledge, answer, reply, call, rate; hardship relief approved and paid; the month's
// report published; one confidential contact revealed through an approved request). Then every GET
// route the application serves (from its own route metadata) is called as every kind of person and
// as the public, with its list filters; the Excel export is unzipped; the outbox, the simulator's
// WeChat messages and robot posts, and each inbox are read. Each worker's marker may appear only where
// shared/'s identity table (visibility.ts) lets that viewer see that field of that identity.
//
// Internal notes (内部备注) are crawled the same way: each appeal carries notes by the office, a leader and
// the department, with a text of its own; it may appear only in the staff's view of the appeal, to the
// office, the leaders and the department on the sheet — never to its worker (staff or not), the public,
// the administrator, in the Excel export or in any message, robot post or inbox notice.
//
// A staff member's name and openid appear rightly wherever staff are listed; for them the crawler
// checks the association instead: no record that names their appeal (a list item, a spreadsheet row,
// a whole view) may carry their name or openid unless the table allows it.
import { APPEAL_QUEUES, OUTBOX_STATES, maskPhone, visibleFields, type Identity, type IdentityField, type IdentityViewer } from '@minqing/shared';
import ExcelJS from 'exceljs';
import { seedGroup } from '../src/demo/org-seeder.js';
import { OutboxDispatcher } from '../src/notifications/outbox-dispatcher.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { download } from './support/download.js';
import { routeList } from './support/route-list.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';
import { declaredRouteCount, timeBudget } from './support/time-budget.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A person the crawler reads as, and what they are to the appeals (all dispatched to 后勤管理部). */
interface Reader {
  key: string;
  token: string | null;
  /** How the table sees them when they look at someone else's appeal. */
  role: IdentityViewer;
}

/** A worker whose identity must stay where the table allows. */
interface Subject {
  key: string;
  identity: Identity;
  name: string;
  unit: string;
  phone: string;
  openid: string;
  /** Also staff: name and openid are checked by association with their appeal. */
  staff: boolean;
  /** The reader holding an approved reveal of this worker's contact. */
  revealedTo?: string;
  appealIds: string[];
  serials: string[];
}

interface Marker {
  subject: Subject;
  field: IdentityField;
  text: string;
  /** Checked only in records that refer to the subject's appeals. */
  byAssociation: boolean;
}

function markersOf(subject: Subject): Marker[] {
  const fields: Array<[IdentityField, string]> = [
    ['name', subject.name],
    ['unit', subject.unit],
    ['phone', subject.phone],
    ['phoneLast4', maskPhone(subject.phone)!],
    ['openid', subject.openid],
  ];
  return fields.map(([field, text]) => ({ subject, field, text, byAssociation: subject.staff && (field === 'name' || field === 'openid') }));
}

/** The internal notes on a subject's appeals: a text no other output could contain by chance. */
const noteOf = (subject: Subject): string => `内部:请劳资部先查考勤机记录#${subject.key}`;
/** Who may read an appeal's internal notes: staff who may see the appeal (never its own worker). */
const NOTE_READERS: ReadonlySet<IdentityViewer> = new Set(['coordinator', 'leader', 'handler']);

function allowed(reader: Reader, marker: Marker): boolean {
  const { subject, field } = marker;
  if (reader.key === subject.key) return true;
  const fields = visibleFields(subject.identity, reader.role, subject.revealedTo === reader.key);
  return fields.has(field) || (field === 'phoneLast4' && fields.has('phone'));
}

/**
 * The records of a response: every object or array inside an array (a list item, a spreadsheet row, a
 * message), and the whole body. A reference to an appeal belongs to the nearest record around it.
 */
function recordsOf(body: unknown): Array<{ text: string; refs: string }> {
  const records: Array<{ text: string; refs: string }> = [];
  const visit = (value: unknown, isRecord: boolean): string => {
    let own = '';
    if (Array.isArray(value)) for (const item of value) own += visit(item, typeof item === 'object' && item !== null);
    else if (value && typeof value === 'object') for (const item of Object.values(value)) own += visit(item, false);
    else if (typeof value === 'string') own = value;
    if (!isRecord) return own;
    // The record's own references: those not inside a nested record.
    records.push({ text: JSON.stringify(value), refs: own });
    return '';
  };
  visit(body, true);
  return records;
}

describe.each(enginesUnderTest())('the identity crawler on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '1000', APPEAL_LIMIT_PER_DAY: '1000' });

  it(
    'finds no worker’s name, unit, phone or openid anywhere the identity table does not allow, and no internal note outside the staff’s view',
    async () => {
      const { t, org } = ctx;
      const templates = t.config.wechat.templates;
      const at = (iso: string) => t.setNow(new Date(iso));
      const grant = async (token: string, ids: string[]) => {
        const response = await t.acceptMessages(token, Object.fromEntries(ids.map((id) => [id, 'accept'])));
        expect(response.status).toBe(200);
      };

      // The workers: phones whose last four no date, serial or id contains; openids and names of their own.
      const digits = ['4826', '7359', '6093', '2947', '5184', '8631'];
      const subject = (key: string, identity: Identity, name: string, unit: string, i: number, openid: string, staff: boolean): Subject => ({
        key,
        identity,
        name,
        unit,
        phone: `1390000${digits[i]}`,
        openid,
        staff,
        appealIds: [],
        serials: [],
      });
      const subjects: Subject[] = [
        subject('named', 'named', '实名甲某某', '实名一区队', 0, uniqueName('crawl_named'), false),
        subject('secret', 'confidential', '保密乙某某', '保密二区队', 1, uniqueName('crawl_secret'), false),
        subject('revealed', 'confidential', '保密丙某某', '保密三区队', 2, uniqueName('crawl_revealed'), false),
        subject('anonymous', 'anonymous', '匿名丁某某', '匿名四区队', 3, uniqueName('crawl_anon'), false),
        // Staff who are workers too: the 劳资部 clerk reports anonymously, a leader confidentially.
        subject('clerk', 'anonymous', '劳资员戊某某', '劳资五区队', 4, org.staff.payroll, true),
        subject('leaderWorker', 'confidential', '矿领导己某某', '领导六区队', 5, org.staff.leader, true),
      ];
      subjects[2].revealedTo = 'coordinator';
      const tokens: Record<string, string> = {};
      for (const s of subjects) {
        tokens[s.key] = await t.login(s.openid);
        expect((await t.http().patch('/api/me').set(auth(tokens[s.key])).send({ name: s.name, unit: s.unit, phone: s.phone })).status).toBe(200);
        await grant(tokens[s.key], [templates.accepted, templates.progress, templates.replied]);
        if (s.staff) await grant(tokens[s.key], [templates.todo]);
      }
      const office = await t.login(org.staff.coordinator);
      const secretary = await t.login(org.staff.secretary);
      const logistics = await t.login(org.staff.logistics);
      const admin = await t.login(org.staff.admin);
      for (const staff of [office, secretary, logistics]) await grant(staff, [templates.todo]);
      const groupOpenid = uniqueName('crawl_group');
      await seedGroup(t.db, { code: uniqueName('g').slice(0, 10), name: '集团', slogan: '矿山', mines: [org.code], admin: { openid: groupOpenid, name: '集团管理员' } });
      const readers: Reader[] = [
        { key: 'public', token: null, role: 'public' },
        { key: 'stranger', token: await t.login(uniqueName('crawl_stranger')), role: 'public' },
        ...subjects.map((s): Reader => ({ key: s.key, token: tokens[s.key], role: s.key === 'leaderWorker' ? 'leader' : 'public' })),
        { key: 'coordinator', token: office, role: 'coordinator' },
        { key: 'secretary', token: secretary, role: 'leader' },
        { key: 'logistics', token: logistics, role: 'handler' },
        { key: 'admin', token: admin, role: 'admin' },
        // The group above the mine sees rates, never a case.
        { key: 'group', token: await t.login(groupOpenid), role: 'public' },
      ];

      // The whole loop for every appeal, in September.
      expect((await t.http().put('/api/admin/relief-settings').set(auth(admin)).send({ monthlyBudgetFen: 1000000, approver: org.staff.admin })).status).toBe(200);
      at('2026-09-08T01:00:00Z');
      const loop = (s: Subject): Array<[string, string, object]> => [
        [office, 'accept', {}],
        [office, 'notes', { text: noteOf(s) }],
        [office, 'dispatch', { department: 'logistics', instructions: '请核实处理' }],
        // Notes before everything that sends a message: a note in any message would be caught.
        [secretary, 'notes', { text: noteOf(s) }],
        [logistics, 'notes', { text: noteOf(s) }],
        [logistics, 'acknowledge', {}],
        [logistics, 'respond', { outcome: 'resolved', text: '已按要求处理' }],
        [office, 'reply', { text: '已按要求处理', publicSummary: '相关问题已处理' }],
        [office, 'calls', { result: 'reached', summary: '已电话回访' }],
      ];
      for (const s of subjects) {
        const { body } = await submitAppeal(t, tokens[s.key], validAppeal(org.code, { identity: s.identity, content: '宿舍热水时有时无,夜班回来洗不上澡' }));
        s.appealIds.push(body.id);
        s.serials.push(body.serial);
        for (const [token, action, payload] of loop(s)) expect([action, (await act(t, token, body.id, action, payload)).status]).toEqual([action, action === 'notes' ? 201 : 200]);
        expect((await act(t, tokens[s.key], body.id, 'rate', { rating: 'satisfied' })).status).toBe(200);
      }
      // A confidential hardship appeal, its relief approved by a leader and the named approver, and paid.
      const hardship = (await submitAppeal(t, tokens.secret, validAppeal(org.code, { category: 'hardship', identity: 'confidential', content: '家里老人住院,每月工资不够开销' })))
        .body;
      subjects[1].appealIds.push(hardship.id);
      subjects[1].serials.push(hardship.serial);
      expect((await act(t, office, hardship.id, 'accept')).status).toBe(200);
      expect((await act(t, office, hardship.id, 'notes', { text: noteOf(subjects[1]) })).status).toBe(201);
      const relief = await t.http().post(`/api/appeals/${hardship.id}/relief`).set(auth(office)).send({ amountFen: 50000, reason: '经走访核实,家庭确有困难' });
      expect(relief.status).toBe(201);
      for (const approver of [tokens.leaderWorker, admin])
        expect((await t.http().post(`/api/relief/${relief.body.id}/decision`).set(auth(approver)).send({ approve: true })).status).toBe(200);
      await t.app.get(OutboxDispatcher).runDue(new Date(Date.now() + 1000), 500);
      // What WeChat delivered is part of the crawl: each worker got at least one message, the robots posted.
      for (const s of subjects) expect(t.simulator.records.messagesTo(s.openid).length).toBeGreaterThan(0);
      expect(t.simulator.records.robotMessages().length).toBeGreaterThan(0);

      // The month published; then, in October, the office sees one confidential contact through an approved request.
      at('2026-10-02T02:00:00Z');
      expect((await t.http().post('/api/reports/2026-09/draft').set(auth(office))).status).toBe(200);
      expect((await t.http().post('/api/reports/2026-09/publish').set(auth(office)).send({})).status).toBe(200);
      at('2026-10-05T02:00:00Z');
      const revealed = subjects[2];
      const request = await t.http().post(`/api/appeals/${revealed.appealIds[0]}/reveal-requests`).set(auth(office)).send({ reason: '回访需要联系职工' });
      expect((await t.http().post(`/api/reveal-requests/${request.body.id}/decision`).set(auth(secretary)).send({ approve: true })).status).toBe(200);
      const contact = await t.http().post(`/api/reveal-requests/${request.body.id}/contact`).set(auth(office)).send({});
      expect(contact.body).toEqual({ name: revealed.name, unit: revealed.unit, phone: revealed.phone });

      // Every GET route, with its list filters, as every reader.
      const markers = subjects.flatMap(markersOf);
      const appealIds = subjects.flatMap((s) => s.appealIds);
      const values: Record<string, string[]> = { id: appealIds, org: [org.code], month: ['2026-09', '2026-09.xlsx'], place: ['dorm2'], file: ['dorm2.svg'] };
      const queries: Record<string, string[]> = {
        '/api/appeals': [
          '',
          '?scope=mine',
          ...APPEAL_QUEUES.map((q) => `?queue=${q}`),
          ...subjects.flatMap((s) => [`?q=${encodeURIComponent(s.name)}`, `?q=${s.phone.slice(-4)}`, `?q=${encodeURIComponent(s.unit)}`]),
        ],
        '/api/admin/outbox': OUTBOX_STATES.map((s) => `?state=${s}`),
        '/api/reports/:month': ['', '?version=1'],
        // The submit form's 同感 box: other workers' appeals at the place, as every reader.
        '/api/supports/similar': [`?org=${org.code}&place=bath&category=living`, `?org=${org.code}&place=bath&category=hardship`],
        '/api/public/orgs/:org/supports': [`?serials=${subjects.flatMap((s) => s.serials).join(',')}`],
        '/__sim/messages': ['', ...subjects.map((s) => `?touser=${s.openid}`)],
      };
      const routes = routeList(t.app).filter((r) => r.method === 'GET');
      const leaks: string[] = [];
      let checked = 0;
      const answered = new Set<string>();
      /** Where a marker was rightly found (so the crawler is seen to read what it checks). */
      const seen = new Set<string>();
      const check = (reader: Reader, where: string, body: unknown, text: string, recipient?: string) => {
        // A note: only in the staff's view of one appeal (GET /api/appeals/:id) of someone else's; never in a
        // list, a spreadsheet, the outbox, a notice, a message or a robot post.
        const appealView = !recipient && / GET \/api\/appeals\/[0-9a-f-]{36}$/.test(where);
        for (const s of subjects)
          if (text.includes(noteOf(s))) {
            if (appealView && NOTE_READERS.has(reader.role) && reader.key !== s.key) seen.add(`note of ${s.key} → ${reader.key}`);
            else leaks.push(`${where}: the internal note on ${s.key}'s appeal`);
          }
        for (const marker of markers) {
          // A message is read by its recipient: their own markers are theirs.
          const as = recipient && recipient === marker.subject.openid ? { ...reader, key: marker.subject.key } : recipient ? { ...reader, role: 'recipient' as const } : reader;
          if (allowed(as, marker)) {
            if (text.includes(marker.text))
              seen.add(`${marker.subject.key} ${marker.field} → ${as.key}${where.includes('export job') ? ' (export job xlsx)' : where.includes('.xlsx') ? ' (xlsx)' : ''}`);
            continue;
          }
          if (!marker.byAssociation) {
            if (text.includes(marker.text)) leaks.push(`${where}: ${marker.subject.key}'s ${marker.field} (${marker.text})`);
            continue;
          }
          const refs = [...marker.subject.appealIds, ...marker.subject.serials];
          for (const record of recordsOf(body))
            if (refs.some((r) => record.refs.includes(r)) && record.text.includes(marker.text)) {
              leaks.push(`${where}: ${marker.subject.key}'s ${marker.field} (${marker.text}) beside their appeal: ${record.text.slice(0, 200)}`);
              break;
            }
        }
      };

      for (const route of routes) {
        if (route.path === '/api/reports/exports/:id/file') {
          // The export as a job: each reader starts their own and reads the file its link gives them.
          for (const reader of readers) {
            if (!reader.token) continue;
            const job = await t.http().post('/api/reports/2026-09/exports').set(auth(reader.token));
            checked++;
            if (job.status !== 200) continue;
            check(reader, `${reader.key} POST /api/reports/2026-09/exports`, job.body, JSON.stringify(job.body));
            const view = await t
              .http()
              .get(`/api/reports/exports/${job.body.id as string}`)
              .set(auth(reader.token));
            expect(view.status).toBe(200);
            answered.add('/api/reports/exports/:id');
            check(reader, `${reader.key} GET /api/reports/exports/${job.body.id as string}`, view.body, JSON.stringify(view.body));
            const response = await download(t, job.body.downloadUrl, null);
            expect(response.status).toBe(200);
            answered.add(route.path);
            const book = new ExcelJS.Workbook();
            await book.xlsx.load(response.body as unknown as ArrayBuffer);
            const rows = book.worksheets.flatMap((sheet) => (sheet.getSheetValues() as unknown[]).filter(Boolean));
            check(reader, `${reader.key} GET ${job.body.downloadUrl as string} (export job .xlsx)`, rows, JSON.stringify(rows));
          }
          continue;
        }
        const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
        let paths = [route.path];
        for (const name of names) paths = paths.flatMap((p) => (values[name] ?? [name]).map((v) => p.replace(`:${name}`, encodeURIComponent(v))));
        for (const path of paths.flatMap((p) => (queries[route.path] ?? ['']).map((q) => p + q)))
          for (const reader of readers) {
            const where = `${reader.key} GET ${path}`;
            checked++;
            if (path.endsWith('.xlsx')) {
              const response = await download(t, path, reader.token);
              if (response.status !== 200) continue;
              answered.add(route.path);
              const book = new ExcelJS.Workbook();
              await book.xlsx.load(response.body as unknown as ArrayBuffer);
              const rows = book.worksheets.flatMap((sheet) => (sheet.getSheetValues() as unknown[]).filter(Boolean));
              check(reader, where, rows, JSON.stringify(rows));
              continue;
            }
            const call = t.http().get(path);
            if (reader.token) call.set(auth(reader.token));
            const response = await call;
            if (response.status < 300) answered.add(route.path);
            if (response.status >= 500) leaks.push(`${where} → ${response.status}`);
            const text = response.text || (Buffer.isBuffer(response.body) ? response.body.toString('latin1') : JSON.stringify(response.body ?? ''));
            if (route.path === '/__sim/messages' || route.path === '/__sim/robot') {
              // The simulator's records are what each recipient's WeChat received, whoever asks.
              // A message names its recipient (the received requests: in the body WeChat got); a robot post has none.
              for (const record of response.body as Array<{ touser?: string; body?: { touser?: string } }>) {
                const to = record.touser ?? record.body?.touser ?? 'robot';
                check(reader, `${where} (to ${to})`, record, JSON.stringify(record), to);
              }
              continue;
            }
            const body: unknown = response.type === 'application/json' ? response.body : text;
            check(reader, where, body, text);
            // A staff search by a name the reader may not see must not find that worker's appeal.
            const searched = /[?&]text=([^&]+)/.exec(path);
            const subjectSearched = searched && subjects.find((s) => s.name === decodeURIComponent(searched[1]));
            if (subjectSearched && !allowed(reader, { subject: subjectSearched, field: 'name', text: '', byAssociation: false }))
              for (const id of subjectSearched.appealIds) if (text.includes(id)) leaks.push(`${where}: finds ${subjectSearched.key}'s appeal by their name`);
          }
      }
      t.setNow(null);
      const unanswered = routes.map((r) => r.path).filter((p) => !answered.has(p));
      console.log(
        `identity crawler (${engine}): ${checked} responses checked over ${routes.length} GET routes as ${readers.length} readers, ${markers.length} markers and the internal notes of ${appealIds.length} appeals; ` +
          `routes that answered nobody with a success: ${unanswered.join(', ') || 'none'}`,
      );
      expect(leaks).toEqual([]);
      expect(checked).toBeGreaterThan(500);
      // The outbox names no worker beside their appeal, staff or not: the clerk's own news is 职工(匿名).
      const outbox: Array<{ recipient: object; appeal: { id: string } | null; channel: string }> = [];
      for (const state of OUTBOX_STATES) outbox.push(...(await t.http().get(`/api/admin/outbox?state=${state}`).set(auth(admin))).body.items);
      const clerkUser = (await t.http().get('/api/me').set(auth(tokens.clerk))).body.id as string;
      const [{ n: toClerk }] = await t.db.query('SELECT COUNT(*) AS n FROM outbox_messages WHERE user_id = ? AND appeal_id = ?', [clerkUser, subjects[4].appealIds[0]]);
      const clerkNews = outbox.filter((m) => m.appeal?.id === subjects[4].appealIds[0] && m.channel === 'wechat' && JSON.stringify(m.recipient).includes('职工'));
      expect(Number(toClerk)).toBeGreaterThan(0);
      expect(clerkNews).toHaveLength(Number(toClerk));
      expect(new Set(clerkNews.map((m) => JSON.stringify(m.recipient)))).toEqual(new Set([JSON.stringify({ kind: 'worker', name: '职工(匿名)' })]));

      // What each may see, it does see: the crawler reads the outputs it judges.
      expect([...seen]).toEqual(
        expect.arrayContaining([
          'named name → coordinator',
          'named name → coordinator (xlsx)',
          'named phone → logistics',
          'revealed name → coordinator (xlsx)',
          'revealed name → coordinator (export job xlsx)',
          ...subjects.map((s) => `${s.key} phoneLast4 → ${s.key}`),
          ...subjects.filter((s) => !s.staff).map((s) => `${s.key} openid → ${s.key}`),
          ...subjects.flatMap((s) => ['coordinator', 'secretary', 'logistics'].map((reader) => `note of ${s.key} → ${reader}`)),
          // A leader who is a worker too reads others' notes as a leader, and not their own.
          'note of named → leaderWorker',
        ]),
      );
    },
    // Each route about three times (ids, filters) as each of the thirteen readers.
    timeBudget(declaredRouteCount() * 13 * 3, 50),
  );
});
