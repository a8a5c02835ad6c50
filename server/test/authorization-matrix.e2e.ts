// The authorization matrix: every route the application serves (read from its metadata) × every kind
// of caller. A caller the route is not for gets 401 (anonymous), 403 or 404 — never a success and
// never a validation answer, which would mean the request got past the check; a caller it is for is
// never refused. A route added without an entry here fails this test until someone decides who may call it.
import { TRANSITIONS, type AppealAction } from '@minqing/shared';
import { seedGroup } from '../src/demo/org-seeder.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { routeList } from './support/route-list.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';
import { declaredRouteCount, timeBudget } from './support/time-budget.js';

type Who = 'anonymous' | 'workerA' | 'workerB' | 'coordinator' | 'leader' | 'handlerRight' | 'handlerWrong' | 'admin' | 'adminOther' | 'groupAdmin';
const EVERYONE: Who[] = ['anonymous', 'workerA', 'workerB', 'coordinator', 'leader', 'handlerRight', 'handlerWrong', 'admin', 'adminOther', 'groupAdmin'];
const USERS = EVERYONE.filter((w) => w !== 'anonymous');

/** Who may call each route ('public': anyone, even without logging in). */
const MATRIX: Record<string, Who[] | 'public'> = {
  'POST /api/auth/wx-login': 'public',
  'GET /api/health': 'public',
  'GET /api/demo/users': 'public',
  'GET /api/public/orgs/:org': 'public',
  'GET /api/public/orgs/:org/reports': 'public',
  'GET /api/public/orgs/:org/reports/:month': 'public',
  'GET /api/public/orgs/:org/reports/:month/items': 'public',
  'GET /api/public/orgs/:org/resolved': 'public',
  'GET /api/public/orgs/:org/supports': 'public', // counts only, by serial
  'POST /api/public/orgs/scans': 'public',
  'GET /api/uploads/:id': 'public', // a signed URL: the signature is the credential
  'POST /api/wxpay/notify': 'public', // WeChat Pay's signature is the credential
  'GET /p/:org/resolved': 'public',
  'GET /p/:org/reports/:month': 'public',
  'GET /q/:org': 'public',
  'GET /q/:org/:place': 'public',
  'GET /__sim/messages': 'public',
  'GET /__sim/robot': 'public',
  'POST /__sim/pay/confirm': 'public',

  'POST /api/auth/logout': USERS, // walked last: it ends the caller's sessions
  'GET /api/me': USERS,
  'PATCH /api/me': USERS,
  'DELETE /api/me': USERS, // walked after the logout (route-list): staff are answered 409 PROFILE_ERASE_STAFF
  'POST /api/me/bind': USERS,
  'GET /api/me/notices': USERS,
  'POST /api/me/notices/read': USERS,
  'GET /api/me/subscriptions': USERS,
  'POST /api/me/subscriptions': USERS,
  'POST /api/uploads': USERS,
  'POST /api/uploads/voice': USERS,
  'POST /api/appeals': USERS,
  'POST /api/supports': USERS, // 同感: anyone signed in but the appeal's own worker (409 after the check)
  'GET /api/supports/similar': USERS,
  'GET /api/appeals': ['coordinator', 'leader', 'handlerRight', 'handlerWrong'], // the staff list; workers ask with ?scope=mine
  'GET /api/overdue-board': ['coordinator', 'leader', 'handlerRight', 'handlerWrong'], // a department its own late appeals
  'GET /api/staff/directory': ['coordinator', 'leader', 'handlerRight', 'handlerWrong', 'admin', 'adminOther', 'groupAdmin'],
  'POST /api/relief/:id/claimed': USERS, // only the paid worker learns it exists (404 otherwise)
  'POST /api/relief/:id/decision': ['coordinator', 'leader', 'handlerRight', 'handlerWrong', 'admin'], // staff of the record's mine; the rules decide after
  'POST /api/relief/:id/withdraw': ['coordinator'], // the office of the record's appeal, before the worker confirmed

  'GET /api/reports/:month': ['coordinator', 'leader'],
  'GET /api/reports/:month/items': ['coordinator', 'leader'],
  'GET /api/reports/:month/exclusions': ['coordinator', 'leader'],
  'GET /api/reports/live/:month': ['coordinator', 'leader'],
  'POST /api/reports/:month/draft': ['coordinator'],
  'PATCH /api/reports/:month/items/:item': ['coordinator'],
  'POST /api/reports/:month/publish': ['coordinator'],
  'POST /api/reports/:month/exports': ['coordinator', 'leader'],
  'GET /api/reports/exports/:id': ['coordinator', 'leader'], // the caller's own jobs (404 for anyone else's)
  'GET /api/reports/exports/:id/file': 'public', // a signed link: the signature is the credential
  'GET /api/group/rankings/:month': ['groupAdmin'],

  'GET /api/reveal-requests': ['coordinator'], // the office its own; the party secretary or the named approver all
  'POST /api/reveal-requests/:id/decision': ['coordinator', 'leader', 'handlerRight', 'handlerWrong', 'admin'], // staff of the request's mine; the rules decide after
  'POST /api/reveal-requests/:id/contact': ['coordinator'], // only the requester, while approved

  'GET /api/canned-replies': ['coordinator', 'leader', 'handlerRight', 'handlerWrong', 'admin', 'adminOther'], // staff read their mine's
  'POST /api/canned-replies': ['coordinator', 'admin', 'adminOther'], // the office and the administrator keep them
  'PATCH /api/canned-replies/:id': ['coordinator', 'admin', 'adminOther'],
  'DELETE /api/canned-replies/:id': ['coordinator', 'admin', 'adminOther'],

  'GET /api/admin/outbox': ['coordinator', 'admin', 'adminOther'],
  'POST /api/admin/outbox/:id/retry': ['coordinator', 'admin', 'adminOther'],
};
for (const route of [
  'GET /api/admin/audit',
  'POST /api/admin/bind-codes',
  'POST /api/admin/categories',
  'PATCH /api/admin/categories/:code',
  'GET /api/admin/deadline-policy',
  'PUT /api/admin/deadline-policy',
  'POST /api/admin/departments',
  'PATCH /api/admin/departments/:code',
  'GET /api/admin/notification-settings',
  'PUT /api/admin/notification-settings',
  'POST /api/admin/official-account-menu',
  'GET /api/admin/org',
  'PATCH /api/admin/org',
  'POST /api/admin/places',
  'DELETE /api/admin/places/:code',
  'PATCH /api/admin/places/:code',
  'DELETE /api/admin/staff/:user/roles/:role',
  'GET /api/admin/stickers.pdf',
  'GET /api/admin/stickers/:file',
  'GET /api/admin/relief-settings',
  'PUT /api/admin/relief-settings',
  'PUT /api/admin/reveal-settings',
])
  MATRIX[route] = ['admin', 'adminOther'];

/** Who may read workerA's appeal (dispatched to 后勤管理部): its worker, the office, leaders, that department. */
const READERS: Record<string, string[]> = { workerA: ['owner'], coordinator: ['coordinator'], leader: ['leader'], handlerRight: ['handler'] };
const appealRule = (action: AppealAction | 'view' | 'reveal-requests' | 'extension-decision' | 'relief-get' | 'relief-post' | 'notes') => {
  const by: string[] =
    action === 'view' || action === 'relief-get'
      ? ['owner', 'coordinator', 'leader', 'handler']
      : action === 'notes' // internal notes: staff who may see the appeal, never its worker
        ? ['coordinator', 'leader', 'handler']
        : action === 'reveal-requests' || action === 'relief-post'
          ? ['coordinator']
          : action === 'extension-decision'
            ? ['leader']
            : [...TRANSITIONS[action].by];
  return (who: Who): 'ok' | 'denied' | 'hidden' => {
    const actors = READERS[who];
    if (!actors) return 'hidden';
    return actors.some((a) => by.includes(a)) ? 'ok' : 'denied';
  };
};

describe.each(enginesUnderTest())('the authorization matrix on %s', (engine) => {
  const ctx = useTestApp(engine);

  it(
    'answers every route as its entry says, for every kind of caller',
    async () => {
      const { t, org } = ctx;
      const other = await t.createOrg();
      const groupOpenid = uniqueName('grp');
      await seedGroup(t.db, { code: uniqueName('g').slice(0, 10), name: '集团', slogan: '矿山', mines: [org.code, other.code], admin: { openid: groupOpenid, name: '集团' } });
      const openids: Record<Exclude<Who, 'anonymous'>, string> = {
        workerA: uniqueName('wa'),
        workerB: uniqueName('wb'),
        coordinator: org.staff.coordinator,
        leader: org.staff.leader,
        handlerRight: org.staff.logistics,
        handlerWrong: org.staff.payroll,
        admin: org.staff.admin,
        adminOther: other.staff.admin,
        groupAdmin: groupOpenid,
      };
      const logInAll = async (): Promise<Record<Who, string | null>> => {
        const fresh: Record<Who, string | null> = { anonymous: null } as Record<Who, string | null>;
        for (const [who, openid] of Object.entries(openids)) fresh[who as Who] = await t.login(openid);
        return fresh;
      };
      let tokens = await logInAll();
      // Confidential, so that 申请查看联系方式 is an action someone may take on it.
      const { body: appeal } = await submitAppeal(t, tokens.workerA!, validAppeal(org.code, { identity: 'confidential' }));
      await act(t, tokens.coordinator!, appeal.id, 'accept');
      await act(t, tokens.coordinator!, appeal.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
      await act(t, tokens.handlerRight!, appeal.id, 'acknowledge');

      const routes = routeList(t.app);
      const unlisted = routes.map((r) => `${r.method} ${r.path}`).filter((key) => !(key in MATRIX) && !/^(GET|POST) \/api\/appeals\/:id/.test(key));
      expect(unlisted).toEqual([]);

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
      const wrong: string[] = [];
      for (const route of routes) {
        const key = `${route.method} ${route.path}`;
        const appealAction = /^\/api\/appeals\/:id(?:\/([\w-]+))?$/.exec(route.path);
        const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? name));
        // The erasure comes after the logout (route-list): everyone logs in again first.
        if (key === 'DELETE /api/me') tokens = await logInAll();
        for (const who of EVERYONE) {
          const call = t.http()[route.method.toLowerCase() as 'get'](path);
          if (tokens[who]) call.set('Authorization', `Bearer ${tokens[who]}`);
          const response = route.method === 'GET' || route.method === 'DELETE' ? await call : await call.send({});
          const status = response.status;
          const where = `${who} ${key} → ${status} ${response.body?.code ?? ''}`;
          if (status >= 500) {
            wrong.push(`${where}: server error`);
            continue;
          }
          const rule = MATRIX[key];
          if (rule === 'public') continue;
          if (who === 'anonymous') {
            if (status !== 401) wrong.push(`${where}: expected 401`);
            continue;
          }
          let expected: 'ok' | 'denied' | 'hidden';
          if (appealAction) {
            const name = appealAction[1];
            const action = !name ? 'view' : name === 'relief' ? (route.method === 'GET' ? 'relief-get' : 'relief-post') : (name as AppealAction);
            expected = appealRule(action as AppealAction)(who);
          } else {
            expected = rule.includes(who) ? 'ok' : 'denied';
          }
          const refused = status === 401 || status === 403 || status === 404;
          if (expected === 'ok' && (status === 401 || status === 403)) wrong.push(`${where}: expected to be allowed`);
          if (expected === 'denied' && !refused) wrong.push(`${where}: expected 403/404`);
          if (expected === 'hidden' && status !== 404) wrong.push(`${where}: expected 404`);
        }
      }
      expect(wrong).toEqual([]);
    },
    timeBudget(declaredRouteCount() * EVERYONE.length, 200),
  );
});
