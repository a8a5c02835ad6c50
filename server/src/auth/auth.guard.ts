import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@minqing/shared';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { answerWithin } from '../common/request-timeout.interceptor.js';
import { UsersRepository } from '../users/users.repository.js';
import type { AuthUser } from '../users/auth-user.js';
import { IS_PUBLIC, REQUIRED_ROLES } from '../common/access.decorators.js';
import { tokenLifetime, type TokenPayload } from './auth.service.js';

/** How many verified tokens a process remembers; the whole memory is dropped past it (a bound, not a cache to tune). */
const VERIFIED_MAX = 10_000;

/** Every route needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Tokens whose signature was checked, with what they say: checking is an HMAC and two JSON parses on
   * every request, and its answer for one token cannot change before the token expires (the secret is
   * the process's). Expiry is checked on each use as the JWT library checks it; revocation, on every
   * request, against the person's row read below.
   */
  private readonly verified = new Map<string, TokenPayload & { exp?: number }>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; auth?: AuthUser }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('AUTH_REQUIRED');
    let payload: TokenPayload;
    try {
      payload = await this.verify(match[1]);
    } catch {
      throw new DomainError('AUTH_TOKEN_INVALID');
    }
    // The guard runs before the request timeout's interceptor: bound its database read the same way.
    const auth = await answerWithin(this.users.loadAuthUser(payload.sub), this.config.requestTimeoutMs);
    if (!auth) throw new DomainError('AUTH_TOKEN_INVALID');
    // Revoked (logged out, or a role was taken away since), or a staff member's token older than a
    // staff token lives — checked on the row just loaded, so revocation costs no query of its own.
    if (payload.ver !== auth.user.tokenVersion) throw new DomainError('AUTH_TOKEN_INVALID');
    if (auth.staff.length && (payload.iat ?? 0) + tokenLifetime(this.config, true) <= Date.now() / 1000) throw new DomainError('AUTH_TOKEN_INVALID');
    request.auth = auth;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (required && !auth.staff.some((s) => required.includes(s.role))) throw DomainError.forbidden();
    return true;
  }

  private async verify(token: string): Promise<TokenPayload> {
    const known = this.verified.get(token);
    if (known && (known.exp === undefined || Math.floor(Date.now() / 1000) < known.exp)) return known;
    const payload = await this.jwt.verifyAsync<TokenPayload & { exp?: number }>(token);
    if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
    this.verified.set(token, payload);
    return payload;
  }
}
