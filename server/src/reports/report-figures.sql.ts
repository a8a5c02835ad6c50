// The SQL of a month's figures besides the rates' counts (rates.repository.ts): tallies by status,
// outcome and place with the reply times' sum, the answer times, a duration's k-th smallest (the 90th
// percentile), the 核减 list and the draft's candidates. Each reads the month through the
// (org_id, month) index; test/plans/ holds their plans on both engines. A date difference is the only
// thing the engines spell differently.
// Merged appeals are valid (their workers are answered on their own appeals); only rejected ones are 核减.
// A withdrawn appeal (撤回) is no more the office's to answer than a rejected one: out of every denominator,
// counted apart by its status (byStatus.withdrawn), not listed among the 核减.
const VALID = "a.status NOT IN ('rejected', 'withdrawn')";

export interface FiguresSql {
  tallies: string;
  answerTimes: string;
  /** The k-th smallest reply time (0-based), as `ms`. */
  replyTimeAt: (k: number) => string;
  /** The k-th smallest answer time (0-based), as `ms`. */
  answerTimeAt: (k: number) => string;
  exclusions: string;
  /** The month's latest `limit` exclusions, in the same (time) order. */
  latestExclusions: (limit: number) => string;
  /**
   * A page of `limit` exclusions in the same order, with each one's (at, id) keyset: the first page
   * (`after` false), or the one after :afterAt, :afterId (the export's, a page at a time). The keyset as
   * a range on the time (>=) besides the tie-break: both engines seek to it in their (…, created_at, id) index.
   */
  exclusionsPage: (limit: number, after: boolean) => string;
  candidates: string;
  /** The month's replies' data (the office's suggested summary), in time order. */
  replies: string;
}

const cache = new Map<string, FiguresSql>();

export function figuresSql(engine: 'sqlite' | 'mysql'): FiguresSql {
  let sql = cache.get(engine);
  if (!sql) cache.set(engine, (sql = make(engine)));
  return sql;
}

function make(engine: 'sqlite' | 'mysql'): FiguresSql {
  /** Milliseconds from `from` to `to`, an integer. */
  const ms = (to: string, from: string) =>
    engine === 'sqlite' ? `CAST(ROUND((julianday(${to}) - julianday(${from})) * 86400000) AS INTEGER)` : `(TIMESTAMPDIFF(MICROSECOND, ${from}, ${to}) DIV 1000)`;
  const month = 'a.org_id = :orgId AND a.month = :month';
  const replied = `${VALID} AND a.replied_at IS NOT NULL`;
  const answered = `FROM appeals a JOIN appeal_steps s ON s.appeal_id = a.id
    WHERE ${month} AND ${VALID} AND s.step = 'answer' AND s.met_at IS NOT NULL AND s.cancelled_at IS NULL`;
  // k is the database's own arithmetic on a count: an integer, never a caller's text.
  const reason = `(SELECT e.text FROM appeal_events e WHERE e.appeal_id = a.id AND e.type = a.status ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS reason`;
  const kth = (from: string, value: string) => (k: number) => `SELECT ${value} AS ms ${from} ORDER BY ms LIMIT 1 OFFSET ${Math.max(0, Math.floor(k))}`;
  return {
    tallies: `SELECT a.status, a.outcome, a.place_id,
        CASE WHEN ${VALID} AND a.outcome IS NOT NULL AND a.replied_at IS NOT NULL THEN 1 ELSE 0 END AS counted_reply,
        COUNT(*) AS n,
        SUM(CASE WHEN ${replied} THEN 1 ELSE 0 END) AS replies,
        SUM(CASE WHEN ${replied} THEN ${ms('a.replied_at', 'a.created_at')} ELSE 0 END) AS reply_ms
      FROM appeals a WHERE ${month}
      GROUP BY a.status, a.outcome, a.place_id, counted_reply`,
    answerTimes: `SELECT COUNT(*) AS n, SUM(${ms('s.met_at', 's.started_at')}) AS sum_ms ${answered}`,
    replyTimeAt: kth(`FROM appeals a WHERE ${month} AND ${replied}`, ms('a.replied_at', 'a.created_at')),
    answerTimeAt: kth(answered, ms('s.met_at', 's.started_at')),
    exclusions: `SELECT a.serial, a.status, ${reason}
      FROM appeals a WHERE ${month} AND a.status = 'rejected' ORDER BY a.created_at, a.id`,
    exclusionsPage: (limit, after) => `SELECT a.serial, a.status, a.created_at AS at, a.id, ${reason}
      FROM appeals a WHERE ${month} AND a.status = 'rejected'${after ? ' AND a.created_at >= :afterAt AND (a.created_at > :afterAt OR a.id > :afterId)' : ''}
      ORDER BY a.created_at, a.id LIMIT ${Math.max(1, Math.floor(limit))}`,
    // The latest ids from the index alone, then those rows and their reasons (the limit is the caller's integer).
    latestExclusions: (limit) => `SELECT a.serial, a.status, ${reason}
      FROM (SELECT x.id FROM appeals x WHERE x.org_id = :orgId AND x.month = :month AND x.status = 'rejected'
        ORDER BY x.created_at DESC, x.id DESC LIMIT ${Math.max(0, Math.floor(limit))}) l
      JOIN appeals a ON a.id = l.id ORDER BY a.created_at, a.id`,
    candidates: `SELECT a.id, a.serial, a.category_id, a.place_id, a.department_id, a.outcome, ${ms('a.replied_at', 'a.created_at')} AS reply_ms
      FROM appeals a WHERE ${month} AND a.status IN ('replied', 'closed') AND a.outcome IS NOT NULL AND a.replied_at IS NOT NULL AND a.publish_consent = 1
      ORDER BY a.created_at, a.id`,
    replies: `SELECT e.appeal_id, e.data FROM appeals a JOIN appeal_events e ON e.appeal_id = a.id
      WHERE ${month} AND e.type = 'replied' ORDER BY e.created_at, e.id`,
  };
}
