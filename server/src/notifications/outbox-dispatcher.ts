// Sends the outbox. A row is claimed in one transaction (its credit taken, a lease set), sent to
// WeChat outside it, and its outcome recorded in another. A dispatcher that dies before the call
// leaves a leased row that is sent once the lease runs out; one that dies after WeChat accepted but
// before recording it may send that one message again — the only repeat there can be.
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { Transactions } from '../database/transactions.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { WechatApiError } from '../wechat/wechat-api.client.js';
import { WechatService } from '../wechat/wechat.service.js';
import type { OutboxMessage } from './entities/outbox-message.entity.js';
import { NewAppealDigest } from './new-appeal-digest.js';
import { OutboxRepository } from './outbox.repository.js';

export const LEASE_MS = 60_000;
/** With backoff capped at an hour, about eight hours of trying before a message is given up. */
const MAX_ATTEMPTS = 12;
/**
 * Answers that no retry can change: bad openid, bad data (a bug to surface), bad template; for a
 * group robot, a bad webhook key or a malformed message. (45009, a robot over its rate, is retried.)
 */
const FINAL_ERRCODES = new Set([40003, 47003, 40037, 41028, 41029, 41030, 93000, 40008, 40058]);
const NO_CREDIT = 43101;

/** Points a test can stop the dispatcher at, as a crash would. */
export interface DispatcherHooks {
  beforeCall?: (message: OutboxMessage) => void | Promise<void>;
  afterAccepted?: (message: OutboxMessage) => void | Promise<void>;
}

export const DISPATCHER_HOOKS = Symbol('DISPATCHER_HOOKS');

export interface DispatchReport {
  sent: number;
  retried: number;
  noCredit: number;
  dead: number;
}

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 3600_000);
}

@Injectable()
export class OutboxDispatcher {
  constructor(
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(SubscriptionsRepository) private readonly credits: SubscriptionsRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(WechatService) private readonly wechat: WechatService,
    @Inject(Clock) private readonly clock: Clock,
    @Optional() @Inject(DISPATCHER_HOOKS) private readonly hooks: DispatcherHooks = {},
    @Optional() @Inject(NewAppealDigest) private readonly digest?: NewAppealDigest,
  ) {}

  async runDue(now = this.clock.now(), limit = 50): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retried: 0, noCredit: 0, dead: 0 };
    const claimed = await this.claim(now, limit, report);
    for (const message of claimed) await this.send(message, now, report);
    return report;
  }

  private claim(now: Date, limit: number, report: DispatchReport): Promise<OutboxMessage[]> {
    return this.transactions.run(async (manager) => {
      const claimed: OutboxMessage[] = [];
      for (const row of await this.outbox.lockDue(manager, now, limit)) {
        // No credit, no call to WeChat: the inbox and the office's call queue carry the news.
        // A group robot needs no credit.
        if (row.channel === 'wechat' && !row.creditSpent && !(await this.credits.spend(manager, row.userId!, row.templateId, now))) {
          await this.outbox.update(manager, row.id, { state: 'no_credit' });
          report.noCredit++;
          continue;
        }
        const claim = { state: 'sending' as const, creditSpent: true, attempts: row.attempts + 1, leaseUntil: new Date(now.getTime() + LEASE_MS) };
        await this.outbox.update(manager, row.id, claim);
        claimed.push({ ...row, ...claim });
      }
      return claimed;
    });
  }

  private async send(message: OutboxMessage, now: Date, report: DispatchReport): Promise<void> {
    // A group robot takes 20 messages a minute: beyond that the post waits for its place, no attempt spent.
    const wait = message.channel === 'robot' ? this.wechat.robot.reserve(message.touser, now.getTime()) : 0;
    if (wait > 0) {
      const paced = { state: 'pending' as const, attempts: message.attempts - 1, leaseUntil: null, nextAttemptAt: new Date(now.getTime() + wait) };
      await this.transactions.run((manager) => this.outbox.update(manager, message.id, paced));
      report.retried++;
      return;
    }
    await this.hooks.beforeCall?.(message);
    let data = message.data;
    try {
      // The new appeals' digest says how many there are as it is sent, not as its window opened.
      if (this.digest?.owns(message)) data = await this.digest.render(message);
      if (message.channel === 'robot') {
        await this.wechat.robot.sendMarkdown(message.touser, (JSON.parse(data) as { markdown: string }).markdown);
      } else {
        await this.wechat.client.sendSubscribeMessage({ touser: message.touser, template_id: message.templateId, page: message.page, data: JSON.parse(data) });
      }
    } catch (error) {
      await this.recordFailure(message, error, now, report);
      return;
    }
    await this.hooks.afterAccepted?.(message);
    const sent = { state: 'sent' as const, sentAt: now, leaseUntil: null, lastError: null, ...(data !== message.data ? { data } : {}) };
    await this.transactions.run((manager) => this.outbox.update(manager, message.id, sent));
    report.sent++;
  }

  private async recordFailure(message: OutboxMessage, error: unknown, now: Date, report: DispatchReport): Promise<void> {
    const errcode = error instanceof WechatApiError ? error.errcode : -1;
    const lastError = error instanceof Error ? error.message.slice(0, 500) : String(error);
    await this.transactions.run(async (manager) => {
      if (errcode === NO_CREDIT && message.userId) {
        await this.credits.clear(manager, message.userId, message.templateId, now);
        await this.outbox.update(manager, message.id, { state: 'no_credit', leaseUntil: null, lastError });
        report.noCredit++;
      } else if (FINAL_ERRCODES.has(errcode) || message.attempts >= MAX_ATTEMPTS) {
        await this.outbox.update(manager, message.id, { state: 'dead', leaseUntil: null, lastError });
        report.dead++;
      } else {
        await this.outbox.update(manager, message.id, { state: 'pending', leaseUntil: null, lastError, nextAttemptAt: new Date(now.getTime() + backoffMs(message.attempts)) });
        report.retried++;
      }
    });
  }
}
