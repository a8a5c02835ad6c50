import { randomBytes } from 'node:crypto';
import { ConfigError, DEV_TOKEN_SECRET, loadConfig } from './app-config.js';

/** The message of the ConfigError these settings raise (fails the test when they start). */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`started with ${JSON.stringify(env)}`);
}

/** What a real deployment sets: strong secrets and the real WeChat. */
const strong = (): Record<string, string> => ({
  NODE_ENV: 'production',
  DATABASE_URL: 'mysql://u:p@db:3306/mq',
  TOKEN_SECRET: randomBytes(32).toString('hex'),
  DATA_KEY: randomBytes(32).toString('base64'),
  WECHAT_APPID: 'wx1234567890abcdef',
  WECHAT_SECRET: randomBytes(16).toString('hex'),
  PUBLIC_BASE_URL: 'https://minqing.example.cn',
});
const DEV_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

describe('configuration', () => {
  it('runs the embedded default with no settings at all, on loopback, with the docs', () => {
    const config = loadConfig({});
    expect(config.database.type).toBe('sqlite');
    expect(config.wechat.mode).toBe('simulator');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.trustProxy).toBe(false);
    expect(config.apiDocs).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('starts in production with strong secrets: real WeChat, no API docs, no proxy trusted, staff tokens for 12 hours', () => {
    const config = loadConfig(strong());
    expect(config).toMatchObject({ production: true, apiDocs: false, trustProxy: false, host: '127.0.0.1', staffTokenTtlSeconds: 12 * 3600 });
    expect(config.wechat.mode).toBe('real');
    expect(loadConfig({ ...strong(), API_DOCS: 'true' }).apiDocs).toBe(true);
  });

  it('refuses to start in production without secrets, naming each missing setting', () => {
    const message = refusal({ NODE_ENV: 'production', DATABASE_URL: 'mysql://u:p@db:3306/mq' });
    for (const name of ['TOKEN_SECRET', 'DATA_KEY', 'WECHAT_APPID', 'WECHAT_SECRET']) expect(message).toContain(`${name}: required`);
  });

  it.each([
    ['NODE_ENV=production', {}],
    ['WECHAT_MODE=real with NODE_ENV unset', { NODE_ENV: '' }],
    ['a real WECHAT_APPID with NODE_ENV and WECHAT_MODE unset', { NODE_ENV: '', WECHAT_MODE: '' }],
  ])('refuses the demo TOKEN_SECRET and the development DATA_KEY with %s', (_, overrides) => {
    const env: Record<string, string> = { ...strong(), WECHAT_MODE: 'real', ...overrides };
    for (const [name, value] of Object.entries(env)) if (value === '') delete env[name];
    const demoSecret = refusal({ ...env, TOKEN_SECRET: DEV_TOKEN_SECRET });
    expect(demoSecret).toMatch(/TOKEN_SECRET: the published demo secret/);
    expect(demoSecret).not.toContain('DATA_KEY');
    expect(refusal({ ...env, DATA_KEY: DEV_DATA_KEY })).toMatch(/DATA_KEY: the development key/);
    // Left out, they are not silently replaced by the demo's.
    const { TOKEN_SECRET: _s, DATA_KEY: _k, ...withoutSecrets } = env;
    const missing = refusal(withoutSecrets);
    expect(missing).toMatch(/TOKEN_SECRET: required/);
    expect(missing).toMatch(/DATA_KEY: required in production/);
  });

  it('refuses secrets as easy to guess as the demo ones, naming the setting', () => {
    expect(refusal({ ...strong(), TOKEN_SECRET: 'short' })).toMatch(/TOKEN_SECRET: required, at least 32 characters/);
    expect(refusal({ ...strong(), TOKEN_SECRET: 'a'.repeat(64) })).toMatch(/TOKEN_SECRET: the published demo secret \(or one as easy to guess\)/);
    expect(refusal({ ...strong(), TOKEN_SECRET: '12345678'.repeat(4) })).toMatch(/TOKEN_SECRET/);
    expect(refusal({ ...strong(), DATA_KEY: Buffer.alloc(32).toString('base64') })).toMatch(/DATA_KEY: the development key \(or one as easy to guess\)/);
    expect(refusal({ ...strong(), DATA_KEY: 'c2hvcnQ=' })).toMatch(/DATA_KEY: must be 32 bytes/);
    expect(refusal({ ...strong(), WECHAT_SECRET: 'simulator-secret' })).toMatch(/WECHAT_SECRET: a published example/);
    expect(refusal({ ...strong(), WECHAT_APPID: 'wxsimulator0000001' })).toMatch(/WECHAT_APPID: the simulator's appid/);
  });

  it('refuses the simulator wherever production is meant, and a database URL it cannot use', () => {
    expect(refusal({ ...strong(), WECHAT_MODE: 'simulator' })).toMatch(/WECHAT_MODE: the simulator is never used in production \(NODE_ENV=production\)/);
    const { NODE_ENV: _n, ...realAppid } = strong();
    expect(refusal({ ...realAppid, WECHAT_MODE: 'simulator' })).toMatch(
      /WECHAT_MODE: the simulator is never used in production \(WECHAT_APPID=wx1234567890abcdef is a real mini-program\)/,
    );
    // With a real appid and nothing else said, it is the real WeChat, never the simulator's `test:` logins.
    expect(loadConfig(realAppid).wechat.mode).toBe('real');
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ API_DOCS: 'maybe' })).toThrow(/API_DOCS/);
  });

  it('trusts proxies only as TRUST_PROXY says: none by default, a hop count, or addresses and CIDRs', () => {
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback,::1' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback', '::1']);
    expect(refusal({ TRUST_PROXY: '10.0.0.0/33,proxy.internal' })).toContain('TRUST_PROXY: "10.0.0.0/33, proxy.internal" is not an address or CIDR');
  });

  it("speaks MariaDB's dialect to a mariadb:// URL and MySQL's to a mysql:// one", () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/test' }).database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/test', flavor: 'mariadb' });
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' }).database).toMatchObject({ flavor: 'mysql' });
  });
});
