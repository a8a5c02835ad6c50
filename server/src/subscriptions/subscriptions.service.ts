import { Inject, Injectable } from '@nestjs/common';
import { subscriptionResultsBody, type SubscriptionCreditsView } from '@minqing/shared';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import { Transactions } from '../database/transactions.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

/** WeChat lets one tap ask for at most 3 templates (wx.requestSubscribeMessage). */
const MAX_TEMPLATES_PER_TAP = 3;

@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(SubscriptionsRepository) private readonly credits: SubscriptionsRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Records what `wx.requestSubscribeMessage` answered: each `accept` of a template this server
   * sends is one credit. Other keys (WeChat adds `errMsg`) and other answers are ignored.
   */
  async record(userId: string, body: unknown): Promise<SubscriptionCreditsView> {
    const { results } = parseOrThrow(subscriptionResultsBody, body, { code: 'SUBSCRIPTION_RESULTS_INVALID', nonObject: 'empty' });
    const known = new Set(Object.values(this.config.wechat.templates));
    const accepted = Object.entries(results)
      .filter(([templateId, answer]) => known.has(templateId) && answer === 'accept')
      .map(([templateId]) => templateId);
    if (accepted.length > MAX_TEMPLATES_PER_TAP) throw new DomainError('SUBSCRIPTION_RESULTS_INVALID');
    const now = this.clock.now();
    await this.transactions.run(async (manager) => {
      for (const templateId of accepted) await this.credits.grant(manager, userId, templateId, now);
    });
    return { credits: await this.credits.creditsOf(userId) };
  }

  async list(userId: string): Promise<SubscriptionCreditsView> {
    return { credits: await this.credits.creditsOf(userId) };
  }
}
