// What the worker hears of their appeal, as reactions to its events: a notice in the app's inbox and,
// for the news that matters, a WeChat subscription message through the outbox — both in the event's
// transaction. The table below is the whole of it: an event it does not name tells the worker nothing.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { maskMobilesInText } from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import { AppealEvents, eventKey, type AppealEventMap, type TransitionAction } from '../appeals/appeal-events.js';
import { AppealViewParts } from '../appeals/appeal-view-parts.js';
import { newId } from '../common/columns.js';
import { NoticesRepository } from '../notices/notices.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { OutboxRepository } from './outbox.repository.js';
import type { WorkerNews as WechatNews } from './worker-messages.js';
import { WorkerNotifier } from './worker-notifier.js';

interface News<A extends TransitionAction> {
  /** The inbox notice, or null when this event tells the worker nothing. */
  notice: (event: AppealEventMap[A]) => { title: string; body: string } | null;
  /** The WeChat message's kind; its text is the notice's title, or the reply itself. */
  wechat: WechatNews;
  text?: (event: AppealEventMap[A]) => string;
}

const NEWS: { [A in TransitionAction]?: News<A> } = {
  accept: { notice: ({ after }) => ({ title: '诉求已受理', body: `您的诉求 ${after.serial} 已受理,我们会尽快办理。` }), wechat: 'accepted' },
  reject: { notice: ({ after, facts }) => ({ title: '诉求未予受理', body: `您的诉求 ${after.serial} 未予受理,原因:${facts.reason}` }), wechat: 'progress' },
  merge: { notice: ({ after, facts }) => ({ title: '诉求已合并办理', body: `您的诉求 ${after.serial} 与 ${facts.target.serial} 是同一件事,已合并办理。` }), wechat: 'progress' },
  // The sheet's department, once it has one (or another): an amended sheet tells the worker nothing new.
  dispatch: {
    notice: ({ before, after, facts }) =>
      before.status === 'accepted' || before.departmentId !== facts.department.id
        ? { title: '诉求已交办', body: `您的诉求 ${after.serial} 已交给${facts.department.name}办理。` }
        : null,
    wechat: 'progress',
  },
  progress: { notice: ({ after, facts }) => (facts.planDone ? { title: '督办事项已完成', body: `您的诉求 ${after.serial} 计划办理的事项已完成。` } : null), wechat: 'progress' },
  reply: { notice: ({ after }) => ({ title: '诉求有答复了', body: `您的诉求 ${after.serial} 有了答复,请查看并评价。` }), wechat: 'replied', text: ({ facts }) => facts.text },
  reopen: { notice: ({ after }) => ({ title: '诉求重新办理', body: `您的诉求 ${after.serial} 将重新办理。` }), wechat: 'progress' },
};

@Injectable()
export class WorkerNews implements OnModuleInit {
  constructor(
    @Inject(AppealEvents) private readonly events: AppealEvents,
    @Inject(NoticesRepository) private readonly notices: NoticesRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(WorkerNotifier) private readonly notifier: WorkerNotifier,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(AppealViewParts) private readonly viewParts: AppealViewParts,
  ) {}

  onModuleInit(): void {
    // The office's call queue puts first the workers whom the reply message could not reach.
    this.viewParts.unpushedReplies = (appealIds) => this.outbox.unpushedReplies(appealIds);
    this.events.on('numbered', (tx, { after, now }) => this.notice(tx, after, { title: '诉求已收到', body: `您的诉求 ${after.serial} 已提交,党群工作部会在当天受理。` }, now));
    // A staff member's question or word to the worker: a notice, and a WeChat message if they gave a credit.
    this.events.on('message', async (tx, { after, org, by, messageId, now }) => {
      if (by !== 'staff') return;
      const notice = { title: '工作人员给您留言了', body: `您的诉求 ${after.serial} 有新的留言,请打开查看。` };
      await this.notice(tx, after, notice, now);
      const worker = await this.users.findById(after.submitterId, tx);
      if (worker) await this.notifier.enqueue(tx, 'progress', `appeal:${after.id}:message:${messageId}`, after, worker, notice.title, org.timeZone, now);
    });
    for (const action of Object.keys(NEWS) as TransitionAction[]) {
      this.events.on(action, (tx, event) => this.tell(tx, event as AppealEventMap[typeof action], NEWS[action] as News<typeof action>));
    }
  }

  private async tell<A extends TransitionAction>(tx: EntityManager, event: AppealEventMap[A], news: News<A>): Promise<void> {
    const found = news.notice(event);
    if (!found) return;
    // The worker's inbox never shows a staff member's private mobile (a reason may quote one).
    const notice = { title: found.title, body: maskMobilesInText(found.body) };
    const { after, org, now } = event as AppealEventMap[TransitionAction];
    await this.notice(tx, after, notice, now);
    const worker = await this.users.findById(after.submitterId, tx);
    if (!worker) return;
    await this.notifier.enqueue(tx, news.wechat, eventKey(event as AppealEventMap[TransitionAction]), after, worker, news.text?.(event) ?? notice.title, org.timeZone, now);
  }

  private notice(tx: EntityManager, appeal: { id: string; submitterId: string }, notice: { title: string; body: string }, now: Date): Promise<void> {
    return this.notices.insert(tx, { id: newId(), userId: appeal.submitterId, appealId: appeal.id, title: notice.title, body: notice.body, readAt: null, createdAt: now });
  }
}
