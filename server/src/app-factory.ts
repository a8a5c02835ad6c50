// Builds the HTTP application exactly as production runs it; main.ts and the tests both call this.
import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { UPLOAD_MAX_BYTES } from '@minqing/shared';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { storageImageOrigin } from './config/storage-config.js';
import { AppLogger } from './common/app-logger.js';
import { API_DOCS_POLICY, h5ContentPolicy } from './common/content-policy.js';
import { ErrorEnvelopeFilter } from './common/error-envelope.filter.js';
import { RequestTimeoutInterceptor } from './common/request-timeout.interceptor.js';
import { DemoSeeder } from './demo/demo-seeder.js';

export interface CreateAppOptions {
  logger?: LoggerService | false;
  /** Where the request log goes (stdout unless given; tests read it). */
  logStream?: { write(line: string): void };
  /** Apply pending migrations at boot (the embedded default and tests); production runs `npm run migrate`. */
  migrate?: boolean;
}

export function defaultLogger(config: AppConfig): LoggerService {
  return new AppLogger(config.logJson);
}

/**
 * Fastify's options. `request.ip` is the one source of the client's address (throttling keys on it):
 * the connection's, or X-Forwarded-For's only from the proxies TRUST_PROXY names.
 */
export function fastifyOptions(config: AppConfig, logStream?: CreateAppOptions['logStream']): FastifyServerOptions {
  return {
    bodyLimit: 256 * 1024,
    // A hop count as the function Fastify makes of one (its types leave the number out).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // In production every request is one JSON log line (Fastify's pino); the demo stays quiet. A line
    // carries no client address, no user agent and no query string: a request log must not tie an
    // anonymous submission's time to a person's address, nor keep a signed URL's signature.
    logger: config.logJson
      ? {
          level: 'info',
          ...(logStream ? { stream: logStream } : {}),
          serializers: { req: (request: FastifyRequest) => ({ method: request.method, url: request.url.split('?')[0] }) },
        }
      : false,
  };
}

const trustHops =
  (hops: number) =>
  (_address: string, hop: number): boolean =>
    hop < hops;

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter(fastifyOptions(config, options.logStream));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger ?? defaultLogger(config),
    bufferLogs: false,
    // WeChat Pay's notices are verified over the exact bytes received.
    rawBody: true,
  });
  // Security headers on every answer (nosniff, no framing, referrer policy; HSTS in production). The
  // content policy is set per page: the public pages, which need no script, send a strict one
  // themselves; the H5 app and the API docs get theirs below.
  await app.register(helmet as never, {
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    hsts: config.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  const h5Index = path.join(config.h5Dir, 'index.html');
  const h5Policy = h5ContentPolicy(fs.existsSync(h5Index) ? fs.readFileSync(h5Index, 'utf8') : '', storageImageOrigin(config.storage));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      // Answers about people are never kept by a cache on the way.
      if (request.url.startsWith('/api/') && !request.url.startsWith('/api/public/') && !reply.getHeader('cache-control')) void reply.header('cache-control', 'no-store');
      if (!reply.getHeader('content-security-policy') && String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
        void reply.header('content-security-policy', request.url.startsWith('/api/docs') ? API_DOCS_POLICY : h5Policy);
    });
  // wx.request (and Taro's H5 request) send `content-type: application/json` on every call, a DELETE or a
  // POST without data included; Fastify answers such an empty JSON body 400 (FST_ERR_CTP_EMPTY_JSON_BODY).
  // No body is no body: the header goes, and the route sees none.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request) => {
      const length = request.headers['content-length'];
      if (request.headers['content-type'] && (length === '0' || (length === undefined && request.headers['transfer-encoding'] === undefined)))
        delete request.headers['content-type'];
    });
  // A phone at a mine site may have 1.6 Mbps: the H5 bundle and the JSON travel gzip-compressed
  // (gzip rather than brotli: cheap enough to do per request); the H5 build's scripts and styles also come with
  // brotli copies made once at build time, sent as they are (preCompressed below).
  await app.register(compress as never, { encodings: ['gzip', 'deflate'], threshold: 1024 });
  await app.register(multipart as never, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5 } });
  if (fs.existsSync(config.h5Dir)) {
    // Loaded only when there is something to serve: @fastify/static requires an ESM-only package,
    // which Node 20.19+ loads but Jest's module loader cannot (the API tests serve no H5).
    const { default: fastifyStatic } = await import('@fastify/static');
    // preCompressed: the build's brotli copies (<file>.br) to a browser that takes br; gzip per request otherwise.
    await app.register(fastifyStatic as never, { root: config.h5Dir, prefix: '/', wildcard: false, index: ['index.html'], preCompressed: true });
  }
  // Nest routes Fastify's own errors (bad JSON, body too large) through the global filters as well.
  app.useGlobalFilters(new ErrorEnvelopeFilter());
  app.useGlobalInterceptors(new RequestTimeoutInterceptor(config.requestTimeoutMs));

  // Swagger UI and its JSON only when asked for (API_DOCS; on by default outside production).
  if (config.apiDocs) {
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
  }

  if (options.migrate ?? !config.production) {
    await app.get(DataSource).runMigrations({ transaction: 'each' });
  }
  await app.init();
  if (config.demoSeed && config.wechat.mode === 'simulator') await app.get(DemoSeeder).seed();
  return app;
}
