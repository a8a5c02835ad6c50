// What WeChat reads from the weapp build before it runs a line of it: app.json (pages, the sitemap's
// location, the privacy check), sitemap.json in the shape its documents give, the privacy dialog wired in,
// and no route of the project's simulator anywhere. Reads the weapp build `npm test` just made.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/demo-server.js';

const WEAPP = path.join(ROOT, 'miniprogram/dist/weapp');

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  sitemapLocation?: string;
  __usePrivacyCheck__?: boolean;
}
interface SitemapRule {
  action?: string;
  page: string;
  params?: string[];
  matching?: string;
  priority?: number;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(WEAPP, file), 'utf8')) as T;
}

function builtFiles(dir = WEAPP): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? builtFiles(full) : [full];
  });
}

const appJson = readJson<AppJson>('app.json');
const allPages = [
  ...appJson.pages,
  ...[...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`)),
];

/**
 * Whether WeChat may index a page opened without parameters, by the documented rules
 * (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/sitemap.html): the rules by
 * priority, higher first, else from the top; the first whose page is "*" or this page decides; action
 * defaults to allow; no file or no rule that matches: indexable. Rules with params never match a page
 * opened without any under the default "inclusive" matching unless params is empty.
 */
function indexable(rules: SitemapRule[], page: string): boolean {
  const ordered = rules.map((rule, index) => ({ rule, index })).sort((a, b) => (b.rule.priority ?? 0) - (a.rule.priority ?? 0) || a.index - b.index);
  for (const { rule } of ordered) {
    if (rule.page !== '*' && rule.page !== page) continue;
    if ((rule.params ?? []).length && (rule.matching ?? 'inclusive') !== 'exclusive') continue;
    return (rule.action ?? 'allow') === 'allow';
  }
  return true;
}

describe('the weapp build as WeChat reads it', () => {
  it('has an app.json with its pages, the sitemap location and the privacy check', () => {
    expect(appJson.pages.length).toBeGreaterThan(0);
    // The H5 demo's login page (it lists demo users) does not ship to WeChat.
    expect(appJson.pages).not.toContain('pages/login/index');
    expect(fs.existsSync(path.join(WEAPP, 'pages/login'))).toBe(false);
    expect(appJson.sitemapLocation).toBe('sitemap.json');
    expect(appJson.__usePrivacyCheck__).toBe(true);
  });

  it('has a sitemap.json of the documented shape that lets WeChat index only the 公示 page', () => {
    expect(fs.existsSync(path.join(WEAPP, appJson.sitemapLocation ?? 'sitemap.json'))).toBe(true);
    const sitemap = readJson<{ rules: SitemapRule[] }>(appJson.sitemapLocation ?? 'sitemap.json');
    expect(Array.isArray(sitemap.rules)).toBe(true);
    expect(sitemap.rules.length).toBeGreaterThan(0);
    for (const rule of sitemap.rules) {
      expect(Object.keys(rule).every((key) => ['action', 'page', 'params', 'matching', 'priority'].includes(key))).toBe(true);
      expect(rule.action === undefined || ['allow', 'disallow'].includes(rule.action)).toBe(true);
      // "*" means every page and is no wildcard: any other value names a page of app.json.
      expect(rule.page === '*' || allPages.includes(rule.page)).toBe(true);
      expect(rule.params === undefined || (Array.isArray(rule.params) && rule.params.every((p) => typeof p === 'string'))).toBe(true);
      expect(rule.matching === undefined || ['exact', 'inclusive', 'exclusive', 'partial'].includes(rule.matching)).toBe(true);
      expect(rule.priority === undefined || typeof rule.priority === 'number').toBe(true);
    }
    expect(allPages.filter((page) => indexable(sitemap.rules, page))).toEqual(['pages/public/index']);
  });

  it('shows its own privacy dialog and picks photos with chooseMedia', () => {
    // Which built scripts do each (the file names, so a failure says what is missing, not the whole bundle).
    const scripts = builtFiles().filter((file) => file.endsWith('.js'));
    const holding = (pattern: RegExp) => scripts.filter((file) => pattern.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(WEAPP, file));
    expect(holding(/\.onNeedPrivacyAuthorization\(/)).not.toEqual([]);
    expect(holding(/"agreePrivacyAuthorization"/)).not.toEqual([]);
    // The one photo picker (the form's, the 补充说明's and the answers') sits in the shared chunk; chooseImage in none.
    expect(holding(/\.chooseMedia\(/)).not.toEqual([]);
    expect(holding(/\.chooseImage\(/)).toEqual([]);
  });

  it("holds no path of the project's simulator", () => {
    const withSim = builtFiles().filter((file) => fs.readFileSync(file).includes('__sim'));
    expect(withSim.map((file) => path.relative(WEAPP, file))).toEqual([]);
  });

  it('lets a 公示 be shared to a chat and to 朋友圈, titled with the mine and the month', () => {
    // WeChat offers 转发 and 分享到朋友圈 only on a page whose Page() has onShareAppMessage / onShareTimeline when it
    // is registered: Taro adds them for these flags of the page's config, and the hooks give the content.
    const page = fs.readFileSync(path.join(WEAPP, 'pages/public/index.js'), 'utf8');
    expect(page).toMatch(/enableShareAppMessage:(!0|true)/);
    expect(page).toMatch(/enableShareTimeline:(!0|true)/);
    expect(page).toContain('useShareAppMessage');
    expect(page).toContain('useShareTimeline');
    expect(page).toContain('职工诉求公示');
    expect(page).toContain('/pages/public/index');
    const runtime = builtFiles()
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    expect(runtime).toContain('onShareTimeline');
    expect(runtime).toContain('onShareAppMessage');
  });
});
