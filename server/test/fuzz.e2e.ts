// Hostile and random bodies on every write route (from the route list), sent by someone the route is
// for: never a 5xx, every refusal in the one error envelope, nothing stored by a refused request,
// and no prototype polluted. FUZZ_RUNS sets the bodies per route (CI runs a small number).
import fc from 'fast-check';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { routeList } from './support/route-list.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';
import { declaredRouteCount, timeBudget } from './support/time-budget.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

/** Every field name the API reads somewhere, so random bodies hit real code paths. */
const FIELDS = [
  'org',
  'category',
  'content',
  'place',
  'identity',
  'phone',
  'photos',
  'publishConsent',
  'reason',
  'into',
  'department',
  'assignee',
  'instructions',
  'measures',
  'dueAt',
  'text',
  'outcome',
  'plannedAt',
  'publicSummary',
  'result',
  'summary',
  'attempts',
  'rating',
  'comment',
  'approve',
  'until',
  'version',
  'code',
  'name',
  'kind',
  'slogan',
  'timeZone',
  'stickerQr',
  'leader',
  'answerHours',
  'defaultDepartment',
  'standingRule',
  'robot',
  'departments',
  'monthlyBudgetFen',
  'approver',
  'amountFen',
  'results',
  'role',
  'scene',
  'note',
  'included',
  'unit',
  'calendar',
  'quietHours',
  'hours',
];

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE appeals; --',
    '<script>alert(1)</script>',
    '\ud800',
    '\u202e\u200b\ufeff',
    '😀'.repeat(600),
    'x'.repeat(20_000),
    '../../etc/passwd',
    '%00',
    'null',
    '{"$gt":""}',
    '2026-13-45T99:99:99Z',
    'o=cy&s=dorm2',
    '13800138000',
    'cy',
    'logistics',
    'living',
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(1e308, -1, 0, 0.5, Number.MAX_SAFE_INTEGER + 2, true, false, null),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);
/** Raw JSON text: objects over the API's field names, anything at all, and prototype-pollution attempts. */
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"__proto__":{"admin":true,"roles":["admin"]}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '[]',
    '"text"',
    '12',
    'null',
    '{',
    '{"a":' + '['.repeat(500) + ']'.repeat(500) + '}',
  ),
);

/** Tables a refused request must leave as they were. */
async function fingerprint(t: TestApp): Promise<string> {
  const tables = [
    'appeals',
    'appeal_events',
    'organizations',
    'places',
    'departments',
    'categories',
    'staff_roles',
    'users',
    'monthly_reports',
    'relief_records',
    'bind_codes',
    'subscription_credits',
    'dispatch_sheets',
  ];
  const rows = [];
  for (const table of tables) rows.push(JSON.stringify(await t.db.query(`SELECT COUNT(*) AS n FROM ${table}`)));
  rows.push(JSON.stringify(await t.db.query('SELECT id, status, version, updated_at FROM appeals ORDER BY id')));
  rows.push(JSON.stringify(await t.db.query('SELECT id, name, slogan, settings FROM organizations ORDER BY id')));
  rows.push(JSON.stringify(await t.db.query('SELECT id, name, unit, phone_enc FROM users ORDER BY id')));
  return rows.join('\n');
}

describe.each(enginesUnderTest())('hostile input on %s', (engine) => {
  const ctx = useTestApp(engine);

  it(
    'never answers a 5xx, always the envelope, stores nothing it refused',
    async () => {
      const { t, org } = ctx;
      const worker = await t.login(uniqueName('fuzz'));
      const tokens = {
        worker,
        coordinator: await t.login(org.staff.coordinator),
        leader: await t.login(org.staff.leader),
        handler: await t.login(org.staff.logistics),
        admin: await t.login(org.staff.admin),
      };
      const { body: appeal } = await submitAppeal(t, worker, validAppeal(org.code));
      await act(t, tokens.coordinator, appeal.id, 'accept');
      await act(t, tokens.coordinator, appeal.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
      const params: Record<string, string> = {
        id: appeal.id,
        org: org.code,
        month: '2026-09',
        item: appeal.id,
        user: appeal.id,
        role: 'handler',
        code: 'dorm2',
        file: 'dorm2.png',
        place: 'dorm2',
      };

      /** The caller a route is for, so the body is what gets tested. */
      const tokenFor = (path: string, action?: string) =>
        path.startsWith('/api/admin')
          ? tokens.admin
          : path.startsWith('/api/reports')
            ? tokens.coordinator
            : action && ['acknowledge', 'progress', 'respond', 'extension'].includes(action)
              ? tokens.handler
              : action === 'extension-decision' || path.startsWith('/api/relief')
                ? tokens.leader
                : action && action !== 'rate' && action !== 'messages'
                  ? tokens.coordinator
                  : tokens.worker;

      const routes = routeList(t.app).filter((r) => r.method !== 'GET' && !r.path.startsWith('/__sim'));
      expect(routes.length).toBeGreaterThan(30);
      const problems: string[] = [];
      for (const route of routes) {
        const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? name));
        const action = /\/api\/appeals\/:id\/([\w-]+)$/.exec(route.path)?.[1];
        const token = tokenFor(route.path, action);
        const before = await fingerprint(t);
        let allRefused = true;
        await fc.assert(
          fc.asyncProperty(body, async (raw) => {
            const call = t
              .http()
              [route.method.toLowerCase() as 'post'](path)
              .set('Authorization', `Bearer ${token}`)
              .set('content-type', 'application/json')
              .set('Idempotency-Key', uniqueName('k'));
            const response = await call.send(raw);
            if (response.status >= 500) problems.push(`${route.method} ${route.path} ${raw.slice(0, 80)} → ${response.status}`);
            if (response.status < 400) {
              allRefused = false;
              return;
            }
            const envelope = response.body as { statusCode?: unknown; code?: unknown; message?: unknown };
            if (envelope.statusCode !== response.status || typeof envelope.code !== 'string' || typeof envelope.message !== 'string' || !envelope.message) {
              problems.push(`${route.method} ${route.path} → ${response.status} without the envelope: ${JSON.stringify(response.body).slice(0, 120)}`);
            }
          }),
          { numRuns: RUNS, seed: 20261124 },
        );
        // A route whose every answer was a refusal must have changed nothing.
        if (allRefused && (await fingerprint(t)) !== before) problems.push(`${route.method} ${route.path}: refused requests changed stored data`);
      }
      expect(problems).toEqual([]);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    timeBudget(declaredRouteCount() * (RUNS + 2), 200),
  ); // RUNS bodies per route, and the tables' fingerprint before and after
});
