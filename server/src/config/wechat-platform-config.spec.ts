import { ConfigError, loadConfig } from './app-config.js';

/** Fails unless these settings are refused at boot with a message containing `part`. */
function refusedWith(env: Record<string, string>, part: string): void {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(part);
}

describe("WeChat's side of the configuration", () => {
  it("reads each organisation's 公众号, the link-QR verification file and the codes' version", () => {
    const config = loadConfig({
      WECHAT_OFFICIAL_ACCOUNTS: 'chiyu=wxoa00000000000001:secret-one, daning=wxoa00000000000002:secret-two',
      WECHAT_LINK_QR_VERIFY_FILE: 'Xk3vQ9aB2c.txt:5d41402abc4b2a76b9719d911017c592',
      WECHAT_ENV_VERSION: 'trial',
    });
    expect(config.wechat).toMatchObject({
      officialAccounts: { chiyu: { appid: 'wxoa00000000000001', secret: 'secret-one' }, daning: { appid: 'wxoa00000000000002', secret: 'secret-two' } },
      linkQrVerifyFile: { name: 'Xk3vQ9aB2c.txt', content: '5d41402abc4b2a76b9719d911017c592' },
      envVersion: 'trial',
    });
    expect(loadConfig({}).wechat).toMatchObject({ officialAccounts: {}, linkQrVerifyFile: null, envVersion: 'release' });
  });

  it("refuses at boot a 公众号 shared by two mines, the mini-program's appid as a 公众号, and malformed entries", () => {
    refusedWith(
      { WECHAT_OFFICIAL_ACCOUNTS: 'chiyu=wxoa00000000000001:a,daning=wxoa00000000000001:a' },
      'WECHAT_OFFICIAL_ACCOUNTS: wxoa00000000000001 is given to chiyu and daning; an account has one menu, so one organisation',
    );
    refusedWith({ WECHAT_OFFICIAL_ACCOUNTS: 'chiyu=wxsimulator0000001:simulator-secret' }, "chiyu's appid is the mini-program's");
    refusedWith({ WECHAT_OFFICIAL_ACCOUNTS: 'chiyu=notanappid:x' }, '"notanappid" (for chiyu) is not a WeChat appid');
    const secretInside = { WECHAT_OFFICIAL_ACCOUNTS: 'chiyu:wxoa00000000000001:topsecret' };
    refusedWith(secretInside, 'is not <org>=<appid>:<secret>');
    expect(() => loadConfig(secretInside)).not.toThrow('topsecret');
  });

  it('refuses at boot a verification file without its content or with a name that is not a .txt, and an unknown env_version', () => {
    refusedWith({ WECHAT_LINK_QR_VERIFY_FILE: 'Xk3vQ9aB2c.txt' }, 'give the content after the name');
    refusedWith({ WECHAT_LINK_QR_VERIFY_FILE: '../etc/passwd:x' }, '"../etc/passwd" is not the file\'s name');
    refusedWith({ WECHAT_ENV_VERSION: 'beta' }, 'WECHAT_ENV_VERSION: "beta" is none of release, trial, develop');
  });

  it("gives the demo on the simulator a 公众号 per demo mine, and refuses the simulator's accounts in production", () => {
    expect(loadConfig({ DEMO_SEED: 'true' }).wechat.officialAccounts).toEqual({
      cy: { appid: 'wxsimulatoroacy001', secret: 'simulator-official-account-cy' },
      xq: { appid: 'wxsimulatoroaxq001', secret: 'simulator-official-account-xq' },
    });
    // Accounts given win over the demo's; no demo without the demo seed.
    expect(loadConfig({ DEMO_SEED: 'true', WECHAT_OFFICIAL_ACCOUNTS: 'cy=wxoa00000000000001:s' }).wechat.officialAccounts).toEqual({
      cy: { appid: 'wxoa00000000000001', secret: 's' },
    });
    expect(loadConfig({}).wechat.officialAccounts).toEqual({});
    const production = {
      NODE_ENV: 'production',
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'a'.repeat(8) + 'b'.repeat(8) + 'c'.repeat(16),
      PUBLIC_BASE_URL: 'https://minqing.example.cn',
    };
    // The demo seed in production brings no demo account (production never runs the simulator) …
    expect(() => loadConfig({ ...production, DEMO_SEED: 'true' })).not.toThrow('WECHAT_OFFICIAL_ACCOUNTS');
    // … and the demo's account copied into production's settings is refused.
    refusedWith(
      { ...production, WECHAT_OFFICIAL_ACCOUNTS: 'cy=wxsimulatoroacy001:simulator-official-account-cy' },
      "WECHAT_OFFICIAL_ACCOUNTS: cy's wxsimulatoroacy001 is the simulator's demo account",
    );
  });
});

describe('subscription templates', () => {
  it("reads each template's id and the key of each of its fields, by default the product's first templates'", () => {
    const config = loadConfig({ WECHAT_TEMPLATE_ACCEPTED: 'AbC-123_lib:character_string19, thing7, thing3, date2' });
    expect(config.wechat.templates.accepted).toBe('AbC-123_lib');
    expect(config.wechat.templateKeys.accepted).toEqual({ serial: 'character_string19', text: 'thing7', status: 'thing3', time: 'date2' });
    expect(config.wechat.templateKeys.todo).toEqual({ title: 'thing1', serial: 'character_string2', due: 'time3', note: 'thing4' });
    expect(loadConfig({ WECHAT_TEMPLATE_TODO: 'todo-id' }).wechat).toMatchObject({ templates: { todo: 'todo-id' }, templateKeys: { todo: { title: 'thing1' } } });
  });

  it('refuses at boot keys WeChat would refuse every message for: the wrong count, a key of the wrong type, one twice', () => {
    refusedWith({ WECHAT_TEMPLATE_PROGRESS: 'p:character_string1,thing2' }, 'WECHAT_TEMPLATE_PROGRESS: 3 keys are needed, for serial, text, time in that order (given 2)');
    refusedWith({ WECHAT_TEMPLATE_REPLIED: 'r:thing1,thing2,phrase3,time4' }, '"thing1" cannot carry the serial (it takes character_string, e.g. character_string1)');
    refusedWith({ WECHAT_TEMPLATE_TODO: 't:thing1,character_string2,time3,thing1' }, 'WECHAT_TEMPLATE_TODO: a key is given twice');
    refusedWith({ WECHAT_TEMPLATE_ACCEPTED: 'bad id:character_string1,thing2,phrase3,time4' }, '"bad id" is not a template id');
  });
});
