// Turns the news a transition brings a worker into an outbox row, in the transition's transaction.
import { Inject, Injectable } from '@nestjs/common';
import { maskMobilesInText, type AppealAction } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { newId } from '../common/columns.js';
import { OutboxRepository } from './outbox.repository.js';
import { workerMessage, type WorkerNews } from './worker-messages.js';

const NEWS: Partial<Record<AppealAction, WorkerNews>> = {
  accept: 'accepted',
  reject: 'progress',
  merge: 'progress',
  dispatch: 'progress',
  progress: 'progress',
  reply: 'replied',
  reopen: 'progress',
};

@Injectable()
export class WorkerNotifier {
  constructor(
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `before` is the appeal as the transition found it: its version makes the key of this one event. */
  async enqueue(manager: EntityManager, action: AppealAction, before: Appeal, after: Appeal, worker: { id: string; openid: string }, text: string, timeZone: string, now: Date): Promise<void> {
    const news = NEWS[action];
    if (!news) return;
    // A worker's message never carries a staff member's private mobile, typed into a reply or not.
    const message = workerMessage(news, { appealId: after.id, serial: after.serial, text: maskMobilesInText(text), at: now, outcome: after.outcome, timeZone }, this.config.wechat.templates);
    await this.outbox.enqueue(manager, {
      id: newId(),
      channel: 'wechat',
      orgId: after.orgId,
      userId: worker.id,
      touser: worker.openid,
      appealId: after.id,
      dedupeKey: `appeal:${after.id}:v${before.version}:${action}`,
      templateId: message.templateId,
      page: message.page,
      data: JSON.stringify(message.data),
      state: 'pending',
      creditSpent: false,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastError: null,
      createdAt: now,
      sentAt: null,
    });
  }
}
