// The WeChat-side settings an organisation or the deployment decides, read from the environment and
// checked at boot against what WeChat documents: each mine's 公众号 (its own appid and secret), the
// link-QR rule's verification file, and the mini-program version its codes open.
import { isValidCode } from '@minqing/shared';

type Env = Record<string, string | undefined>;

/** A 公众号/服务号: menu/create belongs to it and takes its own access token, never the mini-program's. */
export interface OfficialAccount {
  appid: string;
  secret: string;
}

/** The file WeChat asks for before it saves a 扫普通链接二维码打开小程序 rule: served at <base>/q/<name>. */
export interface LinkQrVerifyFile {
  name: string;
  content: string;
}

export type EnvVersion = 'release' | 'trial' | 'develop';

/**
 * What each subscription template says, field by field, in order: the product fills these, and the
 * template picked from WeChat's 公共模板库 names the key of each (`thing2`, `character_string19` …).
 */
export const TEMPLATE_SLOTS = {
  accepted: ['serial', 'text', 'status', 'time'],
  progress: ['serial', 'text', 'time'],
  replied: ['serial', 'text', 'outcome', 'time'],
  todo: ['title', 'serial', 'due', 'note'],
} as const;
export type TemplateName = keyof typeof TEMPLATE_SLOTS;
export type TemplateKeys = { [N in TemplateName]: Record<(typeof TEMPLATE_SLOTS)[N][number], string> };

/** The keys of the templates the product was first built with, and the settings' names. */
const TEMPLATE_DEFAULTS: Record<TemplateName, { env: string; id: string; keys: string[] }> = {
  accepted: { env: 'WECHAT_TEMPLATE_ACCEPTED', id: 'tmpl-appeal-accepted', keys: ['character_string1', 'thing2', 'phrase3', 'time4'] },
  progress: { env: 'WECHAT_TEMPLATE_PROGRESS', id: 'tmpl-appeal-progress', keys: ['character_string1', 'thing2', 'time3'] },
  replied: { env: 'WECHAT_TEMPLATE_REPLIED', id: 'tmpl-appeal-replied', keys: ['character_string1', 'thing2', 'phrase3', 'time4'] },
  todo: { env: 'WECHAT_TEMPLATE_TODO', id: 'tmpl-staff-todo', keys: ['thing1', 'character_string2', 'time3', 'thing4'] },
};

/** The keyword types that can carry each field (a key is its type and a number: `thing2`). */
const SLOT_TYPES: Record<string, string[]> = {
  serial: ['character_string'],
  text: ['thing'],
  title: ['thing'],
  note: ['thing'],
  status: ['phrase', 'thing'],
  outcome: ['phrase', 'thing'],
  time: ['time', 'date'],
  due: ['time', 'date'],
};

export interface WechatPlatformConfig {
  /** Organisation code → its 公众号. A mine without one cannot set a menu (each account has exactly one menu). */
  officialAccounts: Record<string, OfficialAccount>;
  linkQrVerifyFile: LinkQrVerifyFile | null;
  /** Which version a mini-program code opens (getwxacodeunlimit's env_version). */
  envVersion: EnvVersion;
  /** Workers' templates (accepted, progress, replied) and the staff's to-do reminder (todo): their ids … */
  templates: Record<TemplateName, string>;
  /** … and the key each of their fields has in that template. */
  templateKeys: TemplateKeys;
}

/**
 * WECHAT_TEMPLATE_<NAME>="<id>" or "<id>:<key>,<key>,…" — the keys in the order of TEMPLATE_SLOTS, as the
 * template's 详细内容 lists them ({{thing2.DATA}} → thing2). A key of the wrong type for its field, or the
 * wrong count, is refused at boot: WeChat would refuse every message (47003).
 */
function templates(env: Env, problems: string[]): Pick<WechatPlatformConfig, 'templates' | 'templateKeys'> {
  const ids = {} as Record<TemplateName, string>;
  const keys = {} as Record<TemplateName, Record<string, string>>;
  for (const name of Object.keys(TEMPLATE_SLOTS) as TemplateName[]) {
    const fallback = TEMPLATE_DEFAULTS[name];
    const [id, list] = (env[fallback.env]?.trim() || fallback.id).split(':', 2);
    const given = list === undefined ? fallback.keys : list.split(',').map((k) => k.trim());
    const slots = TEMPLATE_SLOTS[name];
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) problems.push(`${fallback.env}: "${id}" is not a template id`);
    if (given.length !== slots.length) problems.push(`${fallback.env}: ${slots.length} keys are needed, for ${slots.join(', ')} in that order (given ${given.length})`);
    else if (new Set(given).size !== given.length) problems.push(`${fallback.env}: a key is given twice`);
    slots.forEach((slot, i) => {
      const key = given[i] ?? '';
      const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
      if (i < given.length && (!type || !SLOT_TYPES[slot].includes(type)))
        problems.push(`${fallback.env}: "${key}" cannot carry the ${slot} (it takes ${SLOT_TYPES[slot].join(' or ')}, e.g. ${SLOT_TYPES[slot][0]}1)`);
    });
    ids[name] = id;
    keys[name] = Object.fromEntries(slots.map((slot, i) => [slot, given[i] ?? '']));
  }
  return { templates: ids, templateKeys: keys as TemplateKeys };
}

// WeChat appids: "wx" and 16 letters or digits.
const APPID = /^wx[0-9A-Za-z]{16}$/;

/**
 * WECHAT_OFFICIAL_ACCOUNTS="<org>=<appid>:<secret>,…". Per organisation because the menu is per account:
 * one account shared by several mines would have its one menu overwritten by each mine's administrator,
 * so one appid may serve one organisation only.
 */
function officialAccounts(env: Env, miniProgramAppid: string, problems: string[]): Record<string, OfficialAccount> {
  const raw = env.WECHAT_OFFICIAL_ACCOUNTS?.trim();
  const accounts: Record<string, OfficialAccount> = {};
  if (!raw) return accounts;
  const owners = new Map<string, string>();
  for (const entry of raw.split(',').map((e) => e.trim())) {
    const match = /^([^=]+)=([^:]+):(.+)$/.exec(entry);
    if (!match) {
      problems.push(`WECHAT_OFFICIAL_ACCOUNTS: "${entry.replace(/:.*/, ':…')}" is not <org>=<appid>:<secret>`);
      continue;
    }
    const [, org, appid, secret] = match;
    if (!isValidCode(org)) problems.push(`WECHAT_OFFICIAL_ACCOUNTS: "${org}" is not an organisation code`);
    if (!APPID.test(appid)) problems.push(`WECHAT_OFFICIAL_ACCOUNTS: "${appid}" (for ${org}) is not a WeChat appid (wx and 16 letters or digits)`);
    if (appid === miniProgramAppid) problems.push(`WECHAT_OFFICIAL_ACCOUNTS: ${org}'s appid is the mini-program's; the menu needs the 公众号's own appid and secret`);
    if (owners.has(appid)) problems.push(`WECHAT_OFFICIAL_ACCOUNTS: ${appid} is given to ${owners.get(appid)} and ${org}; an account has one menu, so one organisation`);
    if (accounts[org]) problems.push(`WECHAT_OFFICIAL_ACCOUNTS: ${org} is given twice`);
    owners.set(appid, org);
    accounts[org] = { appid, secret };
  }
  return accounts;
}

/**
 * WECHAT_LINK_QR_VERIFY_FILE="<name>.txt:<content>", both as the 开发设置 page gives them. WeChat fetches
 * the file from the rule's last folder — <base>/q/<name> for the rule <base>/q/ — before it saves the rule.
 */
function linkQrVerifyFile(env: Env, problems: string[]): LinkQrVerifyFile | null {
  const raw = env.WECHAT_LINK_QR_VERIFY_FILE?.trim();
  if (!raw) return null;
  const at = raw.indexOf(':');
  const name = at < 0 ? raw : raw.slice(0, at);
  const content = at < 0 ? '' : raw.slice(at + 1);
  // The name never looks like an organisation code (codes have no dot), so it cannot hide a sticker's landing.
  if (!/^[A-Za-z0-9_-]{1,64}\.txt$/.test(name)) problems.push(`WECHAT_LINK_QR_VERIFY_FILE: "${name}" is not the file's name (letters and digits ending in .txt)`);
  if (!/^[\x21-\x7e]{1,256}$/.test(content)) problems.push('WECHAT_LINK_QR_VERIFY_FILE: give the content after the name, <name>.txt:<content> (printable, at most 256 characters)');
  return { name, content };
}

/**
 * The demo's 公众号 (npm start: the simulator and the demo mines cy and xq of server/src/demo/demo-data.ts), so
 * that the demo's administrators can set a menu. Their appids are in the simulator's namespace.
 */
export const DEMO_OFFICIAL_ACCOUNTS: Readonly<Record<string, OfficialAccount>> = {
  cy: { appid: 'wxsimulatoroacy001', secret: 'simulator-official-account-cy' },
  xq: { appid: 'wxsimulatoroaxq001', secret: 'simulator-official-account-xq' },
};

/** The simulator's appids (its mini-program's, the demo's 公众号) all begin so; no real account's does. */
const SIMULATOR_APPID_PREFIX = 'wxsimulator';

export interface PlatformContext {
  /** The demo on the simulator: its 公众号 are the demo's unless WECHAT_OFFICIAL_ACCOUNTS names others. */
  demo: boolean;
  /** Why this process is production (null: the demo or a test): then no simulator appid is accepted. */
  productionReason: string | null;
}

export function wechatPlatformConfig(
  env: Env,
  miniProgramAppid: string,
  problems: string[],
  context: PlatformContext = { demo: false, productionReason: null },
): WechatPlatformConfig {
  const envVersion = (env.WECHAT_ENV_VERSION ?? 'release') as EnvVersion;
  if (!['release', 'trial', 'develop'].includes(envVersion)) problems.push(`WECHAT_ENV_VERSION: "${envVersion}" is none of release, trial, develop`);
  const accounts = context.demo && !env.WECHAT_OFFICIAL_ACCOUNTS?.trim() ? { ...DEMO_OFFICIAL_ACCOUNTS } : officialAccounts(env, miniProgramAppid, problems);
  if (context.productionReason)
    for (const [org, account] of Object.entries(accounts))
      if (account.appid.startsWith(SIMULATOR_APPID_PREFIX))
        problems.push(`WECHAT_OFFICIAL_ACCOUNTS: ${org}'s ${account.appid} is the simulator's demo account, not a real 公众号 (production: ${context.productionReason})`);
  return { officialAccounts: accounts, linkQrVerifyFile: linkQrVerifyFile(env, problems), envVersion, ...templates(env, problems) };
}
