// Merged appeals carry their workers: an appeal merged into another (its primary) is handled once, on
// the primary, but its worker is answered as the primary's own is. Inside the transaction of each
// transition of a primary:
// - 反馈 (reply): each merged appeal takes the reply — its own timeline line, the inbox notice and the
//   WeChat message (the `reply` event of that appeal, so the worker's news reacts as for any reply),
//   with the primary's worker's name and phone taken out; it enters the office's call queue, and its
//   worker may rate it (a new reply asks for a new rating). The answer's outcome and supervision are
//   copied, so the month's rates count the merged worker as replied, resolved or explained.
// - taken up again (不满意, 重新办理): the merged appeals give the reply back (not replied, no call owed:
//   call_logged set, as from the merge until the first reply) until the next one; their ratings stay,
//   as the primary's does.
// - a scheduled answer's plan done: the merged appeals hear it too.
// - merged itself into another appeal: the appeals merged into it follow it.
// And a merged appeal's worker who rates 不满意 sends the primary back to the office as its own worker
// would — once in the primary's life (its reopen count), from 已回复 or 已办结 (after a satisfied
// owner, or the 7 days); otherwise the rating is recorded only. The primary's row is locked before the
// merged appeal's own write (always primary first, then its merged appeals), so parallel ratings of
// several merged workers reopen it once.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppealEvents, type AppealTransitioned } from '../appeals/appeal-events.js';
import { AppealTallies } from '../appeals/appeal-tallies.js';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import { withoutPrimaryWorker, type PrimaryWorker } from '../appeals/merged-view.js';
import { TimelineRepository, type TimelineActor } from '../appeals/timeline.repository.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import type { Category } from '../org/entities/category.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { UsersRepository } from '../users/users.repository.js';

@Injectable()
export class MergedAppeals {
  constructor(
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(TimelineRepository) private readonly timeline: TimelineRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(AppealEvents) private readonly events: AppealEvents,
    @Inject(AppealTallies) private readonly tallies: AppealTallies,
  ) {}

  /** Before a merged appeal's own write: its primary's lock, which a rating may have to act on. */
  async lockFirst(tx: EntityManager, action: string, appeal: Appeal): Promise<void> {
    if (action === 'rate' && appeal.status === 'merged' && appeal.mergedIntoId) await this.appeals.lockById(tx, appeal.mergedIntoId);
  }

  /** After a transition's own write and reactions, in its transaction. */
  async carry(tx: EntityManager, event: AppealTransitioned, actor: TimelineActor): Promise<void> {
    const { type, before, after, now } = event;
    if (type === 'merge' && after.mergedIntoId) return this.appeals.repointMerged(tx, after.id, after.mergedIntoId, now);
    if (type === 'rate' && before.status === 'merged') return this.mergedRated(tx, event as AppealTransitioned<'rate'>, actor);
    if (type === 'reply') return this.replied(tx, event as AppealTransitioned<'reply'>, actor);
    if ((type === 'rate' || type === 'reopen') && after.status === 'accepted') return this.takenUpAgain(tx, after, actor, now);
    if (type === 'progress' && before.supervised && !after.supervised) return this.planDone(tx, event as AppealTransitioned<'progress'>, actor);
  }

  private async replied(tx: EntityManager, event: AppealTransitioned<'reply'>, actor: TimelineActor): Promise<void> {
    const primary = event.after;
    const merged = await this.appeals.lockMergedInto(tx, primary.id);
    if (!merged.length) return;
    const text = withoutPrimaryWorker(event.facts.text, await this.workerOf(tx, primary));
    const categories = await this.categoriesOf(tx, merged);
    for (const appeal of merged) {
      const changes: Partial<Appeal> = {
        repliedAt: event.now,
        callLogged: false,
        rating: null,
        outcome: primary.outcome,
        supervised: primary.supervised,
        plannedAt: primary.plannedAt,
      };
      const after = await this.write(tx, appeal, changes, event.now);
      await this.timeline.append(tx, appeal, [{ type: 'replied', text, visibleToWorker: true, data: { mergedInto: primary.serial } }], actor, event.now);
      await this.events.publish(tx, { ...event, before: appeal, after, category: categories.get(appeal.categoryId)!, facts: { text } });
    }
  }

  /** `raterId`: the merged appeal whose 不满意 did it, which has its own line already. */
  private async takenUpAgain(tx: EntityManager, primary: Appeal, actor: TimelineActor, now: Date, raterId?: string): Promise<void> {
    for (const appeal of await this.appeals.lockMergedInto(tx, primary.id)) {
      if (!appeal.repliedAt) continue;
      await this.write(tx, appeal, { repliedAt: null, outcome: null, supervised: false, plannedAt: null, callLogged: true }, now);
      if (appeal.id !== raterId)
        await this.timeline.append(tx, appeal, [{ type: 'reopened', text: `诉求 ${primary.serial} 重新办理,有了新的答复会告诉您`, visibleToWorker: true }], actor, now);
    }
  }

  private async planDone(tx: EntityManager, event: AppealTransitioned<'progress'>, actor: TimelineActor): Promise<void> {
    const primary = event.after;
    const merged = (await this.appeals.lockMergedInto(tx, primary.id)).filter((appeal) => appeal.repliedAt && appeal.supervised);
    if (!merged.length) return;
    const categories = await this.categoriesOf(tx, merged);
    for (const appeal of merged) {
      const after = await this.write(tx, appeal, { supervised: false }, event.now);
      await this.timeline.append(
        tx,
        appeal,
        [{ type: 'progress', text: `诉求 ${primary.serial} 计划办理的事项已完成`, visibleToWorker: true, data: { done: true } }],
        actor,
        event.now,
      );
      await this.events.publish(tx, { ...event, before: appeal, after, category: categories.get(appeal.categoryId)!, facts: { planDone: true } });
    }
  }

  /** A merged worker's 不满意: the primary back to the office, once, as its own worker's would. */
  private async mergedRated(tx: EntityManager, event: AppealTransitioned<'rate'>, actor: TimelineActor): Promise<void> {
    const { after: rated, now } = event;
    if (rated.rating !== 'unsatisfied' || !rated.mergedIntoId) return;
    // Locked by lockFirst before this transaction's first write: read as it is now.
    const primary = await this.appeals.lockById(tx, rated.mergedIntoId);
    if (!primary || primary.reopenCount > 0 || !['replied', 'closed'].includes(primary.status)) return;
    const changes: Partial<Appeal> = { status: 'accepted', reopenCount: primary.reopenCount + 1, repliedAt: null, outcome: null, supervised: false, plannedAt: null };
    const reopened = await this.write(tx, primary, changes, now);
    await this.timeline.append(
      tx,
      primary,
      [
        { type: 'reopened', text: '一并办理的职工不满意,诉求重新交党群工作部办理', visibleToWorker: true, data: { from: rated.serial } },
        { appealId: rated.id, type: 'reopened', text: `已请党群工作部重新办理诉求 ${primary.serial}`, visibleToWorker: true },
      ],
      actor,
      now,
    );
    const [category] = await this.orgs.findCategoriesByIds([primary.categoryId], tx);
    // The primary's own reactions, as for its worker's 不满意: the dispatch step opened, its worker told.
    await this.events.publish(tx, { type: 'reopen', before: primary, after: reopened, org: event.org, category, actorId: event.actorId, facts: {}, now });
    await this.takenUpAgain(tx, reopened, actor, now, rated.id);
  }

  /** The version-checked write: the rows are locked, so it fails only on a bug, and then rolls everything back. */
  private async write(tx: EntityManager, appeal: Appeal, changes: Partial<Appeal>, now: Date): Promise<Appeal> {
    // Another appeal than the transition's own: its month's counts move here, as the workflow's write moves that one's.
    const counted = await this.tallies.read(tx, appeal.id);
    if (!(await this.appeals.updateIfVersion(tx, appeal, changes, now))) throw new Error(`merged appeal ${appeal.id} changed under its lock`);
    await this.tallies.move(tx, counted, await this.tallies.read(tx, appeal.id));
    return { ...appeal, ...changes, version: appeal.version + 1, updatedAt: now };
  }

  private async workerOf(tx: EntityManager, primary: Appeal): Promise<PrimaryWorker> {
    const submitter = await this.users.findById(primary.submitterId, tx);
    return { name: submitter?.name ?? null, phone: this.cipher.decryptOptional(primary.phoneEnc) ?? this.cipher.decryptOptional(submitter?.phoneEnc) };
  }

  private async categoriesOf(tx: EntityManager, appeals: Appeal[]): Promise<Map<string, Category>> {
    const categories = await this.orgs.findCategoriesByIds([...new Set(appeals.map((a) => a.categoryId))], tx);
    return new Map(categories.map((c) => [c.id, c]));
  }
}
