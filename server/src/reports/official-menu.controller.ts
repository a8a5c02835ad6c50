// Sets the official account's menu so that 诉求公示 opens the mini-program's public tab — and, where
// the mini-program cannot open (an old client, a PC), the server-rendered /p/:org/resolved page.
import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OrgRepository } from '../org/org.repository.js';
import { DomainError } from '../common/domain-error.js';
import { WechatApiError, type MenuButton } from '../wechat/wechat-api.client.js';
import { WechatService } from '../wechat/wechat.service.js';
import { officialMenuView } from '@minqing/shared';
import { ApiContract } from '../common/openapi.js';
import { AuditLog } from '../audit/audit-log.js';
import { Clock } from '../common/clock.js';

export function officialMenu(orgCode: string, appid: string, baseUrl: string): { button: MenuButton[] } {
  return {
    button: [
      { type: 'miniprogram', name: '反映诉求', appid, pagepath: `pages/submit/index?org=${orgCode}`, url: `${baseUrl}/q/${orgCode}` },
      { type: 'miniprogram', name: '诉求公示', appid, pagepath: `pages/public/index?org=${orgCode}`, url: `${baseUrl}/p/${orgCode}/resolved` },
    ],
  };
}

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/admin/official-account-menu')
export class OfficialMenuController {
  constructor(
    @Inject(WechatService) private readonly wechat: WechatService,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Set the official account's menu: 反映诉求 and 诉求公示, opening the mini-program with the web pages as fallback" })
  @ApiContract({ response: officialMenuView })
  async set(@CurrentUser() auth: AuthUser): Promise<{ button: MenuButton[] }> {
    const org = (await this.orgs.findOrgById(orgWhereRole(auth, ['admin'])))!;
    // The menu is the organisation's own 公众号's, set with that account's token (never the mini-program's).
    const account = this.wechat.officialAccount(org.code);
    if (!account) throw new DomainError('OFFICIAL_ACCOUNT_MISSING');
    const menu = officialMenu(org.code, this.config.wechat.appid, this.config.publicBaseUrl);
    try {
      await account.createMenu(menu);
    } catch (error) {
      // WeChat refused or could not be reached: say so, with its answer for the administrator.
      const details = error instanceof WechatApiError ? { errcode: error.errcode, errmsg: error.errmsg } : undefined;
      // Refusals the account's owner must fix on WeChat's side: not certified (48001), mini-program not linked (85005, 40166).
      throw new DomainError(details && [48001, 85005, 40166].includes(details.errcode) ? 'OFFICIAL_ACCOUNT_REFUSED' : 'WECHAT_UNAVAILABLE', details);
    }
    await this.audit.recordOutside(
      { orgId: org.id, actorId: auth.user.id, action: 'official_menu.set', entity: 'organization', entityKey: org.code, before: null, after: menu },
      this.clock.now(),
    );
    return menu;
  }
}
