// Builds the HTTP application exactly as production runs it; main.ts and the tests both call this.
import fs from 'node:fs';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { UPLOAD_MAX_BYTES } from '@minqing/shared';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { ErrorEnvelopeFilter, toEnvelope } from './common/error-envelope.filter.js';
import { DemoSeeder } from './demo/demo-seeder.js';

export interface CreateAppOptions {
  logger?: LoggerService | false;
  /** Apply pending migrations at boot (the embedded default and tests); production runs `npm run migrate`. */
  migrate?: boolean;
}

export function defaultLogger(config: AppConfig): LoggerService {
  return new ConsoleLogger({ json: config.logJson, colors: !config.logJson, prefix: 'minqing' });
}

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 256 * 1024, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger ?? defaultLogger(config),
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Errors raised by Fastify itself (bad JSON, too large, wrong content type) get the envelope too.
  fastify.setErrorHandler((error, _request, reply) => {
    const envelope = toEnvelope(error);
    void reply.status(envelope.statusCode).send(envelope);
  });
  await app.register(multipart as never, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5 } });
  if (fs.existsSync(config.h5Dir)) {
    await app.register(fastifyStatic as never, { root: config.h5Dir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.useGlobalFilters(new ErrorEnvelopeFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('民情一码通 API')
      .setDescription('Errors: {statusCode, code, message, details?}. Bearer token from POST /api/auth/wx-login.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (options.migrate ?? !config.production) {
    await app.get(DataSource).runMigrations({ transaction: 'each' });
  }
  await app.init();
  if (config.demoSeed && config.wechat.mode === 'simulator') await app.get(DemoSeeder).seed();
  return app;
}
