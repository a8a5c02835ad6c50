import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse } from '@minqing/shared';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { AuthUser } from '../users/auth-user.js';
import { UsersRepository } from '../users/users.repository.js';
import { ProfileService } from '../profile/profile.service.js';
import { WechatApiError } from '../wechat/wechat-api.client.js';
import { WechatService } from '../wechat/wechat.service.js';

/** WeChat errors of jscode2session that mean "this code is no good", not "WeChat is down". */
const BAD_CODE_ERRCODES = new Set([40029, 40163, 40226]);

@Injectable()
export class AuthService {
  constructor(
    @Inject(WechatService) private readonly wechat: WechatService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ProfileService) private readonly profiles: ProfileService,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async wxLogin(code: unknown): Promise<LoginResponse> {
    if (typeof code !== 'string' || code.length === 0 || code.length > 128) throw new DomainError('AUTH_CODE_INVALID');
    let openid: string;
    try {
      // session_key stays here: it is never stored in a response or a log.
      ({ openid } = await this.wechat.client.code2Session(code));
    } catch (error) {
      if (error instanceof WechatApiError && BAD_CODE_ERRCODES.has(error.errcode)) throw new DomainError('AUTH_CODE_INVALID');
      throw new DomainError('WECHAT_UNAVAILABLE');
    }
    const { id } = await this.users.findOrCreateByOpenid(openid, this.clock.now());
    const { user, roles, staff } = (await this.users.loadAuthUser(id))!;
    const expiresIn = tokenLifetime(this.config, staff.length > 0);
    const token = await this.jwt.signAsync({ sub: user.id, ver: user.tokenVersion } satisfies TokenPayload, { expiresIn });
    return { token, expiresIn, user: await this.profiles.view(user, roles) };
  }

  /** Logging out ends every session of the person (the mini-program keeps one per phone). */
  async logout(auth: AuthUser): Promise<void> {
    await this.users.revokeTokens(auth.user.id);
  }
}

/** What a token says: whose it is, and the person's token version when it was signed. */
export interface TokenPayload {
  sub: string;
  ver: number;
  iat?: number;
}

/**
 * Seconds a token lives. Staff reach other people's appeals, so theirs lives a shift (12 hours by
 * default): the guard refuses a staff member's token older than that, however it was signed. A
 * worker's token reaches only their own appeals and keeps the week, so a worker who writes at the
 * end of a shift on a poor connection is not sent through login again.
 */
export function tokenLifetime(config: AppConfig, staff: boolean): number {
  return staff ? Math.min(config.staffTokenTtlSeconds, config.tokenTtlSeconds) : config.tokenTtlSeconds;
}
