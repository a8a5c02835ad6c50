import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config.js';

try {
  // The configuration first, before the application's modules load: a weak or missing setting is
  // refused in a moment, naming the setting.
  const config = loadConfig();
  const [{ Logger }, { createApp }] = await Promise.all([import('@nestjs/common'), import('./app-factory.js')]);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const logger = new Logger('Main');
  logger.log(`listening on ${config.host}:${config.port} as ${config.publicBaseUrl} (database: ${config.database.type}, WeChat: ${config.wechat.mode})`);
  // Graceful shutdown: app.close() stops accepting, lets requests in flight finish, then closes the
  // database pool and the simulator through the modules' shutdown hooks.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: finishing requests in flight, then stopping`);
      void app.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
