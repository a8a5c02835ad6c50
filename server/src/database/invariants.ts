// Every check-then-write invariant of the server, listed once: what must stay true however many
// requests arrive at the same moment, what makes the database keep it regardless of the isolation
// level, where that is in the code, and the test that fires 20–50 parallel requests at it on MariaDB
// and checks the outcome exactly. A new invariant without such a test is a defect;
// server/test/invariants-registry.e2e.ts checks each entry (the files and symbols exist, each test is
// there by its title, each unique index is in the migrated schema on both engines).
//
// The three mechanisms, and why each holds under REPEATABLE READ (MariaDB's default) as well as under
// READ COMMITTED:
// - a unique key (or primary key): the second insert fails whatever either transaction read;
// - a lock, `SELECT … FOR UPDATE`, taken before the read it protects: the read then starts after the
//   previous holder committed (a plain read taken before the lock would keep reading the older snapshot);
// - an atomic conditional UPDATE (`… WHERE version = ?`, `… WHERE used_by IS NULL`): the row is
//   re-read under its lock by the UPDATE itself, and `affected` says who won.
// SQLite runs one write transaction at a time (Transactions queues them), so the locks are no-ops
// there; the keys and conditional UPDATEs work on both.

export type Mechanism =
  | { kind: 'unique'; table: string; index: string; columns: string[] }
  | { kind: 'primary-key'; table: string; columns: string[] }
  | { kind: 'lock'; statement: string }
  | { kind: 'conditional-update'; statement: string };

export interface Invariant {
  /** What stays true, in Chinese and English. */
  name: string;
  mechanisms: Mechanism[];
  /** Where it is enforced: a file of the repository and a symbol (method or function) in it. */
  where: Array<{ file: string; symbol: string }>;
  /** The tests that fire parallel requests at it: a test file and a test's title as written there. */
  proofs: Array<{ file: string; test: string }>;
}

const CONCURRENCY = 'server/test/invariants-concurrency.e2e.ts';

export const INVARIANTS: readonly Invariant[] = [
  {
    name: '每名职工十分钟、每天的提交上限 — the per-worker submission limits',
    mechanisms: [{ kind: 'lock', statement: 'SELECT openid FROM users WHERE id = :submitter FOR UPDATE, then the count of their recent appeals' }],
    where: [
      { file: 'server/src/appeals/appeals.service.ts', symbol: 'lockForUpdate' },
      { file: 'server/src/users/users.repository.ts', symbol: 'lockForUpdate' },
    ],
    proofs: [
      { file: CONCURRENCY, test: 'parallel submissions from one worker, and replays the accepted ones' },
      { file: CONCURRENCY, test: "accepts exactly the rest of the day's" },
    ],
  },
  {
    name: '删除个人信息之后不再写入这个人的信息 — nothing of a person is written after they erased their data',
    mechanisms: [
      { kind: 'lock', statement: 'SELECT openid FROM users WHERE id = :person FOR UPDATE, taken first by the erasure and by every submission, which stops if the row is erased' },
    ],
    where: [
      { file: 'server/src/profile/erasure.service.ts', symbol: 'lockForUpdate' },
      { file: 'server/src/appeals/appeals.service.ts', symbol: 'lockForUpdate' },
      { file: 'server/src/users/users.repository.ts', symbol: 'erase' },
    ],
    proofs: [{ file: 'server/test/erasure.e2e.ts', test: 'leaves no phone behind when 20 submissions race the erasure' }],
  },
  {
    name: '一个幂等键只成一件诉求 — one appeal per idempotency key',
    mechanisms: [
      { kind: 'unique', table: 'appeals', index: 'uq_appeals_submitter_key', columns: ['submitter_id', 'idempotency_key'] },
      { kind: 'lock', statement: "the submitter's users row (above): a retry that waited finds the first attempt" },
    ],
    where: [{ file: 'server/src/appeals/appeals.service.ts', symbol: 'isUniqueViolation' }],
    proofs: [{ file: 'server/test/appeals-submit.e2e.ts', test: 'makes one appeal of 20 concurrent retries with one key' }],
  },
  {
    name: '每月编号连续、不重、不跳号 — gap-free serials per organisation and month',
    mechanisms: [
      { kind: 'conditional-update', statement: 'UPDATE serial_counters SET last_value = last_value + 1 WHERE org_id = ? AND month = ? (the row locked until commit)' },
      { kind: 'unique', table: 'appeals', index: 'uq_appeals_serial', columns: ['serial'] },
    ],
    where: [{ file: 'server/src/appeals/appeals.repository.ts', symbol: 'nextSerial' }],
    proofs: [
      { file: CONCURRENCY, test: 'different workers submit at once: every one accepted, numbered 1–' },
      { file: 'server/test/appeals-submit.e2e.ts', test: 'numbers 50 concurrent submissions uniquely and without gaps' },
    ],
  },
  {
    name: '一件诉求同时只有一笔进行中的救助 — one open relief per appeal',
    mechanisms: [{ kind: 'lock', statement: "SELECT … FROM organizations WHERE id = :org FOR UPDATE, before the 'already open' check" }],
    where: [{ file: 'server/src/relief/relief.service.ts', symbol: 'propose' }],
    proofs: [{ file: 'server/test/relief-concurrency.e2e.ts', test: 'proposals on one appeal at the same moment' }],
  },
  {
    name: '当月救助金不超预算 — the month’s relief budget',
    mechanisms: [{ kind: 'lock', statement: "SELECT … FROM organizations WHERE id = :org FOR UPDATE, before the month's committed sum is read" }],
    where: [{ file: 'server/src/relief/relief.service.ts', symbol: 'committedThisMonth' }],
    proofs: [{ file: 'server/test/relief-concurrency.e2e.ts', test: "approves no more than the month's budget" }],
  },
  {
    name: '一笔救助只转账一次、到账只记一次 — one transfer per approved relief, settled once',
    mechanisms: [
      { kind: 'unique', table: 'relief_records', index: 'uq_relief_out_bill_no', columns: ['out_bill_no'] },
      { kind: 'lock', statement: 'SELECT … FROM relief_records WHERE out_bill_no = ? FOR UPDATE, before the bill is settled' },
    ],
    where: [
      { file: 'server/src/relief/relief.service.ts', symbol: 'settle' },
      { file: 'server/src/relief/relief.repository.ts', symbol: 'lockByOutBillNo' },
    ],
    proofs: [{ file: CONCURRENCY, test: "records a transfer paid once when WeChat Pay's notice of it arrives" }],
  },
  {
    name: '一笔救助只撤回一次,撤回与职工领取不会两头都成 — one withdrawal per relief, and never withdrawn and paid both',
    mechanisms: [
      { kind: 'lock', statement: "SELECT … FROM relief_records WHERE out_bill_no = ? FOR UPDATE, before the 'still waiting for the worker' check" },
      { kind: 'conditional-update', statement: "UPDATE relief_records SET state = 'cancelling', version = version + 1 WHERE id = ? AND version = ?" },
    ],
    where: [
      { file: 'server/src/relief/relief.service.ts', symbol: 'withdraw' },
      { file: 'server/src/relief/relief.repository.ts', symbol: 'updateIfVersion' },
    ],
    proofs: [
      { file: 'server/test/relief-concurrency.e2e.ts', test: 'withdrawals of one relief at the same moment' },
      { file: 'server/test/relief-concurrency.e2e.ts', test: "withdrawals race the worker's confirmation" },
    ],
  },
  {
    name: '单位设置各部分同时保存互不覆盖 — settings saves',
    mechanisms: [{ kind: 'lock', statement: 'SELECT … FROM organizations WHERE id = :org FOR UPDATE, before the settings column is read' }],
    where: [{ file: 'server/src/org/org-settings.repository.ts', symbol: 'lock' }],
    proofs: [{ file: 'server/test/settings-concurrency.e2e.ts', test: "keeps both administrators' saves" }],
  },
  {
    name: '绑定码只能用一次 — bind codes single-use',
    mechanisms: [{ kind: 'conditional-update', statement: 'UPDATE bind_codes SET used_by = ? WHERE code = ? AND used_by IS NULL AND expires_at > ?' }],
    where: [{ file: 'server/src/staff/staff.repository.ts', symbol: 'spendCode' }],
    proofs: [{ file: CONCURRENCY, test: 'binds one of 30 people who enter one bind code at the same moment' }],
  },
  {
    name: '一次流转只生效一次(受理、评价、撤回……) — one transition per version of an appeal (one acceptance, one rating; withdrawn or accepted, never both)',
    mechanisms: [
      { kind: 'conditional-update', statement: 'UPDATE appeals SET … , version = version + 1 WHERE id = ? AND version = ?' },
      { kind: 'unique', table: 'dispatch_sheets', index: 'uq_dispatch_sheets_appeal_version', columns: ['appeal_id', 'version'] },
    ],
    where: [
      { file: 'server/src/appeals/appeals.repository.ts', symbol: 'updateIfVersion' },
      { file: 'server/src/workflow/workflow.service.ts', symbol: 'updateIfVersion' },
    ],
    proofs: [
      { file: CONCURRENCY, test: 'accepts an appeal once when the office taps 受理' },
      { file: CONCURRENCY, test: 'keeps one rating of' },
      { file: 'server/test/merged-workers.e2e.ts', test: 'keeps one rating of a merged worker tapping 20 times at once' },
      { file: 'server/test/withdraw.e2e.ts', test: 'ends withdrawn or accepted, never both' },
      { file: 'server/test/send-back.e2e.ts', test: 'sends a sheet back once when the department taps 退单' },
      { file: 'server/test/send-back.e2e.ts', test: 'leaves one of 退单 and 答复 racing' },
    ],
  },
  {
    name: '同感每人一次 — one 同感 per worker and appeal',
    mechanisms: [{ kind: 'unique', table: 'appeal_supports', index: 'uq_appeal_supports_appeal_user', columns: ['appeal_id', 'user_id'] }],
    where: [{ file: 'server/src/support/supports.repository.ts', symbol: 'isUniqueViolation' }],
    proofs: [
      { file: 'server/test/support.e2e.ts', test: 'parallel 同感 from one worker once' },
      { file: 'server/test/support.e2e.ts', test: 'parallel 同感 from ${RACERS} workers' },
    ],
  },
  {
    name: "合并办理的职工不满意,原诉求只重新办理一次 — a primary sent back once by its merged workers' 不满意",
    mechanisms: [
      {
        kind: 'lock',
        statement: "SELECT … FROM appeals WHERE id = :primary FOR UPDATE, taken before the merged appeal's own write, then the primary's status and reopen count read",
      },
    ],
    where: [
      { file: 'server/src/workflow/merged-appeals.ts', symbol: 'lockFirst' },
      { file: 'server/src/appeals/appeals.repository.ts', symbol: 'lockById' },
    ],
    proofs: [{ file: 'server/test/merged-workers.e2e.ts', test: 'reopens the primary once when 20 merged workers rate 不满意 at once' }],
  },
  {
    name: '部门、地点、诉求类别的代码在单位内唯一 — unique setup codes',
    mechanisms: [
      { kind: 'unique', table: 'departments', index: 'uq_departments_org_code', columns: ['org_id', 'code'] },
      { kind: 'unique', table: 'places', index: 'uq_places_org_code', columns: ['org_id', 'code'] },
      { kind: 'unique', table: 'categories', index: 'uq_categories_org_code', columns: ['org_id', 'code'] },
    ],
    where: [{ file: 'server/src/admin/org-setup.service.ts', symbol: 'SETUP_CODE_TAKEN' }],
    proofs: [{ file: CONCURRENCY, test: 'with one code sent at once; the others are told the code is taken' }],
  },
  {
    name: '订阅消息额度:每次同意加一,每次发送扣一 — subscription credits granted and spent once each',
    mechanisms: [
      { kind: 'primary-key', table: 'subscription_credits', columns: ['user_id', 'template_id'] },
      { kind: 'conditional-update', statement: 'INSERT … ON DUPLICATE KEY UPDATE credits = credits + 1; UPDATE … SET credits = credits - 1 WHERE … AND credits > 0' },
    ],
    where: [
      { file: 'server/src/subscriptions/subscriptions.repository.ts', symbol: 'grant' },
      { file: 'server/src/subscriptions/subscriptions.repository.ts', symbol: 'spend' },
    ],
    proofs: [
      { file: CONCURRENCY, test: 'subscription taps new workers make at once' },
      { file: CONCURRENCY, test: 'sends each message once and spends each credit once' },
    ],
  },
  {
    name: '一条消息只发一次 — each outbox message sent once, however many dispatchers run',
    mechanisms: [
      { kind: 'lock', statement: "SELECT … FROM outbox_messages WHERE state = 'pending' … FOR UPDATE SKIP LOCKED, then a lease" },
      { kind: 'unique', table: 'outbox_messages', index: 'uq_outbox_dedupe', columns: ['dedupe_key'] },
    ],
    where: [
      { file: 'server/src/notifications/outbox.repository.ts', symbol: 'lockDue' },
      { file: 'server/src/notifications/outbox.repository.ts', symbol: 'enqueue' },
    ],
    proofs: [{ file: CONCURRENCY, test: 'sends each message once and spends each credit once' }],
  },
  {
    name: '每个单位每十分钟只有一条新诉求汇总 — one digest of new appeals per organisation and window, to each clerk and robot',
    mechanisms: [{ kind: 'unique', table: 'outbox_messages', index: 'uq_outbox_dedupe', columns: ['dedupe_key'] }],
    where: [
      { file: 'server/src/notifications/new-appeal-digest.ts', symbol: 'digestKey' },
      { file: 'server/src/notifications/outbox.repository.ts', symbol: 'enqueue' },
    ],
    proofs: [{ file: 'server/test/new-appeal-digest.e2e.ts', test: 'makes one digest of 20 appeals submitted at once' }],
  },
  {
    name: '每个到期提醒、逐级督办只发一次 — each deadline reminder and escalation sent once',
    mechanisms: [
      { kind: 'lock', statement: 'SELECT … FROM step_actions WHERE done_at IS NULL … FOR UPDATE SKIP LOCKED, marked done in the same transaction' },
      { kind: 'unique', table: 'step_actions', index: 'uq_step_actions_step_kind_rung', columns: ['step_id', 'kind', 'rung'] },
    ],
    where: [{ file: 'server/src/deadlines/deadlines.repository.ts', symbol: 'lockDueActions' }],
    proofs: [
      { file: CONCURRENCY, test: 'sends each reminder and escalation once with' },
      { file: 'server/test/deadlines-instances.e2e.ts', test: 'send every reminder and escalation of a simulated week exactly once' },
    ],
  },
  {
    name: '协办意见每个部门每张批办单只提一次 — one 协办意见 per co-handling department and sheet',
    mechanisms: [
      { kind: 'conditional-update', statement: 'UPDATE sheet_departments SET answer = ? … WHERE appeal_id = ? AND department_id = ? AND active AND answered_at IS NULL' },
      { kind: 'conditional-update', statement: 'UPDATE appeals SET … , version = version + 1 WHERE id = ? AND version = ?' },
    ],
    where: [
      { file: 'server/src/appeals/sheet-departments.repository.ts', symbol: 'answer' },
      { file: 'server/src/workflow/workflow.service.ts', symbol: 'coAnswer' },
    ],
    proofs: [{ file: 'server/test/co-handling.e2e.ts', test: 'keeps one 协办意见 of' }],
  },
  {
    name: '月报每个版本只起草一份、只发布一次 — one draft per report version, published once',
    mechanisms: [
      { kind: 'unique', table: 'monthly_reports', index: 'uq_monthly_reports_version', columns: ['org_id', 'month', 'version'] },
      { kind: 'conditional-update', statement: "UPDATE monthly_reports SET state = 'published' … WHERE id = ? AND state = 'draft'" },
    ],
    where: [
      { file: 'server/src/reports/reports.repository.ts', symbol: 'publishDraft' },
      { file: 'server/src/reports/reports.service.ts', symbol: 'isUniqueViolation' },
    ],
    proofs: [{ file: CONCURRENCY, test: "publishes a month's draft once when the office taps 发布" }],
  },
  {
    name: '已发布的月报版本不再改变 — a published report version never changes',
    mechanisms: [
      { kind: 'lock', statement: 'SELECT … FROM monthly_reports WHERE id = :draft FOR UPDATE, before an item of the draft is edited' },
      { kind: 'conditional-update', statement: "UPDATE monthly_reports SET figures = ? … WHERE id = ? AND state = 'draft' (else the refresh starts the next version)" },
    ],
    where: [
      { file: 'server/src/reports/reports.repository.ts', symbol: 'lockDraft' },
      { file: 'server/src/reports/reports.repository.ts', symbol: 'refreshDraft' },
    ],
    proofs: [
      { file: CONCURRENCY, test: 'edits and refreshes racing the publish out of the published version' },
      { file: CONCURRENCY, test: 'refuses an edit that read the draft before it was published and writes after' },
      { file: CONCURRENCY, test: 'starts version 2 for a refresh that read the draft before it was published and writes after' },
    ],
  },
  {
    name: '一张照片只附在一件诉求上 — a photo attaches to one appeal',
    mechanisms: [{ kind: 'lock', statement: "the submitter's users row (above), before the photos are looked up as still unattached" }],
    where: [{ file: 'server/src/appeals/appeals.service.ts', symbol: 'findAttachable' }],
    proofs: [{ file: CONCURRENCY, test: 'attaches a photo to one appeal when' }],
  },
  {
    name: '一张照片只附在一条留言或答复上 — a photo goes with one timeline line (补充说明, 答复, 反馈) of one appeal',
    mechanisms: [
      {
        kind: 'conditional-update',
        statement: 'UPDATE uploads SET appeal_id, event_id WHERE id = ? AND owner_id = ? AND kind = ? AND appeal_id IS NULL, before the line is written',
      },
    ],
    where: [{ file: 'server/src/uploads/uploads.repository.ts', symbol: 'attachToEvent' }],
    proofs: [{ file: 'server/test/message-photos.e2e.ts', test: 'lets one of 20 parallel claims of one upload, through messages on two appeals, take it' }],
  },
  {
    name: '一人一种角色只有一行 — one role row per person and role',
    mechanisms: [
      { kind: 'lock', statement: "SELECT id FROM users WHERE id = :person FOR UPDATE, before the bind's delete-and-insert of the role" },
      { kind: 'unique', table: 'staff_roles', index: 'uq_staff_roles_user_role', columns: ['user_id', 'role'] },
    ],
    where: [
      { file: 'server/src/staff/staff.service.ts', symbol: 'lockForUpdate' },
      { file: 'server/src/users/staff-roles.repository.ts', symbol: 'upsert' },
    ],
    proofs: [{ file: CONCURRENCY, test: 'gives a person one role row when they enter' }],
  },
  {
    name: '一个账号只在一个单位任职 — a staff account works for one organisation',
    mechanisms: [{ kind: 'lock', statement: "SELECT id FROM users WHERE id = :person FOR UPDATE, then the person's roles read again under it" }],
    where: [
      { file: 'server/src/staff/staff.service.ts', symbol: 'heldBy' },
      { file: 'server/src/users/staff-roles.repository.ts', symbol: 'heldBy' },
    ],
    proofs: [{ file: CONCURRENCY, test: 'keeps a person in one organisation when they enter bind codes of two mines at once' }],
  },
  {
    name: '一个微信账号一个用户 — one user per WeChat account',
    mechanisms: [{ kind: 'unique', table: 'users', index: 'uq_users_openid', columns: ['openid'] }],
    where: [{ file: 'server/src/users/users.repository.ts', symbol: 'findOrCreateByOpenid' }],
    proofs: [{ file: CONCURRENCY, test: 'makes one user of first logins with one WeChat account at once' }],
  },
  {
    name: '查看联系方式:同一诉求同一人只有一个待批申请,每个申请只决定一次 — one pending reveal request per appeal and requester, decided once',
    mechanisms: [
      { kind: 'lock', statement: "SELECT … FROM organizations WHERE id = :org FOR UPDATE, before the 'already pending' check" },
      { kind: 'conditional-update', statement: "UPDATE reveal_requests SET state = ?, decided_by = ? … WHERE id = ? AND state = 'pending'" },
    ],
    where: [
      { file: 'server/src/appeals/identity-reveal.service.ts', symbol: 'request' },
      { file: 'server/src/appeals/reveal-requests.repository.ts', symbol: 'decide' },
    ],
    proofs: [{ file: 'server/test/identity-reveal.e2e.ts', test: 'taps at once, and one decision of' }],
  },
  {
    name: '限流每个窗口恰好放行上限次 — the abuse limits (login, bind codes, public pages, scans) accept exactly their limit',
    mechanisms: [
      { kind: 'primary-key', table: 'throttle_counters', columns: ['bucket', 'window_no'] },
      { kind: 'conditional-update', statement: 'UPDATE throttle_counters SET hits = hits + 1 WHERE bucket = ? AND window_no = ? AND hits < :limit' },
    ],
    where: [{ file: 'server/src/throttle/throttle-counters.ts', symbol: 'hits < :limit' }],
    proofs: [
      { file: 'server/test/throttle.e2e.ts', test: 'logs in exactly the limit of one address in parallel' },
      { file: 'server/test/throttle.e2e.ts', test: 'accept exactly the limit of 50 parallel hits split over two connection pools' },
    ],
  },
  {
    name: '每人未提交照片的配额 — the per-person quota of photos no appeal carries',
    mechanisms: [{ kind: 'lock', statement: 'SELECT id FROM users WHERE id = :owner FOR UPDATE, then the count and bytes of their photos no appeal carries' }],
    where: [
      { file: 'server/src/uploads/uploads.service.ts', symbol: 'lockForUpdate' },
      { file: 'server/src/uploads/uploads.repository.ts', symbol: 'unattachedSince' },
    ],
    proofs: [{ file: 'server/test/upload-hygiene.e2e.ts', test: 'accepts exactly 4 photos no appeal carries from 20 parallel uploads' }],
  },
  {
    name: '每人每月同时只有一个进行中的 Excel 导出 — one running Excel export per person and month',
    mechanisms: [{ kind: 'unique', table: 'report_exports', index: 'uq_report_exports_running', columns: ['org_id', 'month', 'requested_by', 'running'] }],
    where: [
      { file: 'server/src/reports/export/export-jobs.repository.ts', symbol: 'insertRunning' },
      { file: 'server/src/reports/export/export-jobs.service.ts', symbol: 'findRunning' },
    ],
    proofs: [{ file: 'server/test/report-export-jobs.e2e.ts', test: 'runs one export for 30 taps at once' }],
  },
];
