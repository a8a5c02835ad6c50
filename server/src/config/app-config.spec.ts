import { ConfigError, loadConfig } from './app-config.js';

describe('configuration', () => {
  it('runs the embedded default with no settings at all', () => {
    const config = loadConfig({});
    expect(config.database.type).toBe('sqlite');
    expect(config.wechat.mode).toBe('simulator');
    expect(config.port).toBe(3000);
  });

  it('refuses to start in production without secrets, naming each missing setting', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://u:p@db:3306/mq' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://u:p@db:3306/mq' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['TOKEN_SECRET', 'DATA_KEY', 'WECHAT_APPID', 'WECHAT_SECRET']) expect(message).toContain(name);
    }
  });

  it('refuses the simulator in production and a database URL it cannot use', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', WECHAT_MODE: 'simulator' })).toThrow(/simulator is never used in production/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it("speaks MariaDB's dialect to a mariadb:// URL and MySQL's to a mysql:// one", () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/test' }).database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/test', flavor: 'mariadb' });
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' }).database).toMatchObject({ flavor: 'mysql' });
  });
});
