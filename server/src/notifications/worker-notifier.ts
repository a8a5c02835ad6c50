// Turns the news an event brings a worker into an outbox row, in the event's transaction.
import { Inject, Injectable } from '@nestjs/common';
import { maskMobilesInText } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { isErasedOpenid } from '../users/users.repository.js';
import { OutboxRepository, pendingMessage } from './outbox.repository.js';
import { workerMessage, type WorkerNews } from './worker-messages.js';

@Injectable()
export class WorkerNotifier {
  constructor(
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `dedupeKey` names the event once: a retried request finds it taken and sends nothing twice. */
  async enqueue(
    manager: EntityManager,
    news: WorkerNews,
    dedupeKey: string,
    after: Appeal,
    worker: { id: string; openid: string },
    text: string,
    timeZone: string,
    now: Date,
  ): Promise<void> {
    // A person who erased their data has no WeChat left to reach (their openid was replaced): no message.
    if (isErasedOpenid(worker.openid)) return;
    // A worker's message never carries a staff member's private mobile, typed into a reply or not.
    const message = workerMessage(news, { appealId: after.id, serial: after.serial, text: maskMobilesInText(text), at: now, outcome: after.outcome, timeZone }, this.config.wechat);
    const draft = {
      channel: 'wechat' as const,
      orgId: after.orgId,
      userId: worker.id,
      touser: worker.openid,
      appealId: after.id,
      dedupeKey,
      templateId: message.templateId,
      page: message.page,
      data: JSON.stringify(message.data),
    };
    await this.outbox.enqueue(manager, pendingMessage(draft, now));
  }
}
