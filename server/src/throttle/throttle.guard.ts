// The abuse limits on routes. A route names the limits it is under with @Throttled(...); the others
// pass untouched. It runs as a route guard, after the global login guard, so a limit per person can
// count the person.
//
// Written here rather than taken from @nestjs/throttler: its only release line (6.x) is CommonJS and
// requires the ESM-only @nestjs/common 12, which Node loads but Jest's module loader cannot, so the
// application could not be tested with it. What it would add beyond the counting (which must live in
// the database anyway, ThrottleCounters) is this guard's few lines.
import { applyDecorators, Inject, Injectable, SetMetadata, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DomainError } from '../common/domain-error.js';
import type { AuthUser } from '../users/auth-user.js';
import { ThrottleCounters } from './throttle-counters.js';

/** The limits a route can be put under. */
export type LimitName = 'login' | 'bind' | 'public';

const LIMITS = 'minqing:throttleLimits';
const MINUTE = 60_000;
const HOUR = 3_600_000;

interface Limit {
  /** Its counters' name: one count per client, limit and route. */
  name: string;
  windowMs: number;
  limit: (config: AppConfig) => number;
  /** Whom it counts: the address, or the person when logged in. */
  client: (request: FastifyRequest & { auth?: AuthUser }) => string;
}

const byAddress = (request: FastifyRequest) => request.ip;

const LIMIT_RULES: Record<LimitName, Limit[]> = {
  login: [{ name: 'login', windowMs: MINUTE, limit: (c) => c.throttle.loginPerMinute, client: byAddress }],
  // Bind codes are 8 of 32 characters: guessing stays hopeless only if every person and every address is slow.
  bind: [
    { name: 'bind-user', windowMs: HOUR, limit: (c) => c.throttle.bindPerHourPerUser, client: (r) => r.auth?.user.id ?? r.ip },
    { name: 'bind-ip', windowMs: HOUR, limit: (c) => c.throttle.bindPerHourPerIp, client: byAddress },
  ],
  public: [{ name: 'public', windowMs: MINUTE, limit: (c) => c.throttle.publicPerMinute, client: byAddress }],
};

@Injectable()
export class LimitsGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ThrottleCounters) private readonly counters: ThrottleCounters,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const names = this.reflector.getAllAndOverride<LimitName[] | undefined>(LIMITS, [context.getHandler(), context.getClass()]) ?? [];
    const request = context.switchToHttp().getRequest<FastifyRequest & { auth?: AuthUser }>();
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    for (const rule of names.flatMap((name) => LIMIT_RULES[name])) {
      const { accepted, secondsLeft } = await this.counters.count(rule.name, `${route}|${rule.client(request)}`, rule.limit(this.config), rule.windowMs);
      if (!accepted) {
        void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(secondsLeft));
        throw new DomainError('RATE_LIMITED', { retryAfterSeconds: secondsLeft });
      }
    }
    return true;
  }
}

/** Puts a route (or every route of a controller) under the named limits. */
export const Throttled = (...limits: LimitName[]): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(LIMITS, limits), UseGuards(LimitsGuard));
