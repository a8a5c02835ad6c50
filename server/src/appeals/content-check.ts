// User text goes through WeChat's msg_sec_check before it is stored: `risky` is refused,
// `review` is stored and flagged for the office. When WeChat cannot be reached the worker is not
// turned away: the text is stored and flagged, so a person looks at it.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { WechatService } from '../wechat/wechat.service.js';

export type ContentVerdict = 'pass' | 'review';

/** msg_sec_check scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. An appeal is closest to a forum post. */
const SCENE_FORUM = 3;

@Injectable()
export class ContentCheck {
  private readonly logger = new Logger('ContentCheck');

  constructor(@Inject(WechatService) private readonly wechat: WechatService) {}

  async check(openid: string, content: string): Promise<ContentVerdict> {
    let suggest: string;
    try {
      ({ suggest } = await this.wechat.client.msgSecCheck({ openid, content, scene: SCENE_FORUM }));
    } catch (error) {
      this.logger.warn(`msg_sec_check failed, content flagged for review: ${(error as Error).message}`);
      return 'review';
    }
    if (suggest === 'risky') throw new DomainError('APPEAL_CONTENT_RISKY');
    return suggest === 'pass' ? 'pass' : 'review';
  }
}
