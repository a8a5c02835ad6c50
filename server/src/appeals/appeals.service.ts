import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  canTransition,
  fieldError,
  formatSerial,
  isValidIdempotencyKey,
  messageBody,
  monthOf,
  normalizePhone,
  submitAppealBody,
  type AppealView,
  type SubmitAppealRequest,
} from '@minqing/shared';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AuthUser } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { ConflictError, DomainError } from '../common/domain-error.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { Transactions, isUniqueViolation } from '../database/transactions.js';
import { OrgRepository } from '../org/org.repository.js';
import { UploadsRepository } from '../uploads/uploads.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { accessTo, type AppealAccess } from './appeal-access.js';
import { AppealEvents } from './appeal-events.js';
import { AppealTallies } from './appeal-tallies.js';
import { AppealViewBuilder } from './appeal-view.builder.js';
import { AppealsRepository, type SubmitterActivity } from './appeals.repository.js';
import { PhoneTail } from './phone-tail.js';
import { ContentCheck } from './content-check.js';
import type { Appeal } from './entities/appeal.entity.js';
import { TimelineRepository, type TimelineEntry } from './timeline.repository.js';
import { SheetDepartmentsRepository } from './sheet-departments.repository.js';

const SYSTEM = { role: 'system', id: null };
/** The content check's doubt, for the office's eyes only. */
const FLAGGED = (text: string): TimelineEntry => ({ type: 'flagged_for_review', text, visibleToWorker: false });

export interface SubmitResult {
  appeal: AppealView;
  /** False when an earlier submission with the same idempotency key is returned. */
  created: boolean;
}

@Injectable()
export class AppealsService {
  constructor(
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(TimelineRepository) private readonly timeline: TimelineRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(UploadsRepository) private readonly uploads: UploadsRepository,
    @Inject(AppealViewBuilder) private readonly views: AppealViewBuilder,
    @Inject(ContentCheck) private readonly contentCheck: ContentCheck,
    @Inject(AppealEvents) private readonly events: AppealEvents,
    @Inject(AppealTallies) private readonly tallies: AppealTallies,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(PhoneTail) private readonly phoneTail: PhoneTail,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SheetDepartmentsRepository) private readonly sheetDepartments: SheetDepartmentsRepository,
  ) {}

  async submit(auth: AuthUser, body: unknown, idempotencyKey: unknown): Promise<SubmitResult> {
    if (!isValidIdempotencyKey(idempotencyKey)) throw new DomainError('IDEMPOTENCY_KEY_INVALID');
    const request: SubmitAppealRequest = parseOrThrow(submitAppealBody, body);
    const submitter = auth.user;

    // A retry returns what the first attempt made, before anything else can refuse it.
    const requestHash = hashRequest(request);
    const now = this.clock.now();
    const activityOf = (manager?: EntityManager) =>
      this.appeals.submitterActivity(submitter.id, idempotencyKey, new Date(now.getTime() - 10 * 60_000), new Date(now.getTime() - 24 * 3600_000), manager);
    const activity = await activityOf();
    const earlier = activity.earlierId ? await this.appeals.findById(activity.earlierId) : null;
    if (earlier) return { appeal: await this.replay(earlier, requestHash, auth), created: false };

    const target = await this.orgs.findSubmissionTarget(request.org, request.category, request.place ?? undefined);
    if (!target) throw new DomainError('ORG_UNKNOWN');
    const { org, category, place } = target;
    if (!category) throw new DomainError('CATEGORY_UNKNOWN');
    if (request.place && !place) throw new DomainError('PLACE_UNKNOWN');

    // The early refusal, before WeChat's content check is asked; the one that decides is in the transaction.
    this.enforceRateLimit(activity);
    const content = request.content.trim();
    // A voice note with no text leaves WeChat nothing to check (the office hears every voice note itself).
    const verdict = content ? await this.contentCheck.check(submitter.openid, content) : 'pass';

    const month = monthOf(now, org.timeZone);
    await this.appeals.ensureSerialCounter(org.id, month);
    const photoIds = [...new Set(request.photos ?? [])];
    const voiceIds = request.voice ? [request.voice] : [];
    // Anonymous means no staff member can tell who wrote it: a phone would, so none is kept (the form offers none).
    const phone = request.phone && request.identity !== 'anonymous' ? normalizePhone(request.phone) : null;

    try {
      // A concurrent retry with the same key that got past the lookup above finds the first attempt under
      // the submitter's lock (null), or — the backstop — fails on the unique index (submitter, key) and
      // rolls back; either way it is answered below with the winner.
      const written = await this.transactions.run(async (manager) => {
        // The submitter's row first, before any read: their submissions queue on it, so the count read
        // next includes every one that committed before — the limit holds for requests sent at once.
        if ((await this.users.lockForUpdate(manager, submitter.id)).erased) throw new DomainError('AUTH_TOKEN_INVALID');
        const current = await activityOf(manager);
        if (current.earlierId) return null;
        this.enforceRateLimit(current);
        const photos = await this.uploads.findAttachable(manager, submitter.id, photoIds);
        if (photos.length !== photoIds.length) throw new DomainError('APPEAL_PHOTO_UNKNOWN');
        const voices = await this.uploads.findAttachable(manager, submitter.id, voiceIds, 'voice');
        if (voices.length !== voiceIds.length) throw new DomainError('APPEAL_VOICE_UNKNOWN');
        const id = newId();
        const appeal: Appeal = {
          id,
          orgId: org.id,
          // A placeholder until the number is taken, last, so the month's counter is locked only briefly.
          serial: `P${id.replace(/-/g, '').slice(0, 31)}`,
          month,
          categoryId: category.id,
          placeId: place?.id ?? null,
          submitterId: submitter.id,
          identity: request.identity,
          content,
          phoneEnc: this.cipher.encryptOptional(phone),
          // What the staff's search by the phone's last four digits compares (the view falls back to the profile's phone too).
          phoneTail: request.identity === 'anonymous' ? null : this.phoneTail.ofPhone(org.id, phone ?? this.cipher.decryptOptional(submitter.phoneEnc)),
          publishConsent: request.publishConsent ?? false,
          status: 'submitted',
          urgent: false,
          outcome: null,
          rating: null,
          underReview: verdict === 'review',
          departmentId: null,
          assigneeId: null,
          dueAt: null,
          plannedAt: null,
          supervised: false,
          reopenCount: 0,
          mergedIntoId: null,
          repliedAt: null,
          callLogged: false,
          extensionUntil: null,
          extensionReason: null,
          idempotencyKey,
          requestHash,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        await this.appeals.insertAppeal(manager, appeal);
        await this.uploads.attach(manager, appeal.id, photoIds);
        await this.uploads.attach(manager, appeal.id, voiceIds, 'voice');
        const events = await this.timeline.append(
          manager,
          appeal,
          [{ type: 'submitted', text: '诉求已提交,等待党群工作部受理', visibleToWorker: true }],
          { role: 'owner', id: submitter.id },
          now,
        );
        if (verdict === 'review') events.push(...(await this.timeline.append(manager, appeal, [FLAGGED('内容安全检测建议人工复核')], SYSTEM, now)));
        // Reactions that need no number first (the triage step)…
        await this.events.publish(manager, { type: 'submitted', after: appeal, org, now });
        // What it counts for in the month's figures (its triage step is open now), read before the number is taken…
        const counted = await this.tallies.read(manager, appeal.id);
        // …then the serial number, last: every writer of the organisation's month queues on this one
        // row, and holds it only for these few statements and the commit. Still gap-free: a failure
        // before the commit rolls the counter back with everything else.
        appeal.serial = formatSerial(org.code, month, await this.appeals.nextSerial(manager, org.id, month));
        await this.appeals.setSerial(manager, appeal.id, appeal.serial);
        // …and what tells the worker the number (the inbox notice).
        await this.events.publish(manager, { type: 'numbered', after: appeal, org, now });
        // …and added while the month's counter row is held anyway (the counts' rows are the month's too).
        await this.tallies.move(manager, null, counted);
        const attached = [
          ...photoIds.map((photoId, position) => ({ ...photos.find((p) => p.id === photoId)!, appealId: appeal.id, position })),
          ...voices.map((v) => ({ ...v, appealId: appeal.id, position: 0 })),
        ];
        return { appeal, events, attached };
      });
      if (written) {
        if (!submitter.orgId) {
          await this.users.claimOrg(submitter.id, org.id);
          submitter.orgId = org.id;
        }
        // Everything the worker's view is made of was just written: build it without reading it back.
        const { appeal, events, attached } = written;
        // Written in timeline order with ascending ids (UUIDv7 is monotonic): the order a read returns.
        const view = await this.views.view(
          appeal,
          { viewer: 'owner', actors: ['owner'], userId: auth.user.id },
          { org, category, place, events, photos: attached, submitter, sheets: [] },
        );
        return { appeal: view, created: true };
      }
    } catch (error) {
      // Two attempts with one key raced past the first lookup on MySQL: the unique index let one win.
      if (!isUniqueViolation(error)) throw error;
    }
    const winner = await this.appeals.findBySubmitterAndKey(submitter.id, idempotencyKey);
    if (!winner) throw new DomainError('INTERNAL_ERROR');
    return { appeal: await this.replay(winner, requestHash, auth), created: false };
  }

  async get(auth: AuthUser, id: string): Promise<AppealView> {
    const { appeal, access } = await this.readable(auth, id);
    return this.views.view(appeal, access);
  }

  async addMessage(auth: AuthUser, id: string, body: unknown): Promise<AppealView> {
    const { appeal, access } = await this.readable(auth, id);
    const { text: messageText, voice, photos } = parseOrThrow(messageBody, body);
    const actor = access.actors.find((a) => canTransition('messages', appeal.status, a));
    if (!actor) throw new ConflictError('APPEAL_STATUS_CONFLICT', appeal.status);
    // A voice note and photos are the worker's way to add to a 补充说明; staff write theirs (their photos go with an answer).
    if (voice && actor !== 'owner') throw DomainError.invalid([fieldError('voice', 'APPEAL_VOICE_UNKNOWN')]);
    if (photos?.length && actor !== 'owner') throw DomainError.invalid([fieldError('photos', 'APPEAL_PHOTO_UNKNOWN')]);
    const text = messageText.trim();
    const verdict = text ? await this.contentCheck.check(auth.user.openid, text) : 'pass';
    const now = this.clock.now();
    const org = (await this.orgs.findOrgById(appeal.orgId))!;
    await this.transactions.run(async (manager) => {
      // The uploads first, the line they name after: a message that loses one to another line waits on nothing else.
      const lineId = newId();
      if (voice || photos?.length) await this.uploads.attachToEvent(manager, { appealId: appeal.id, eventId: lineId, ownerId: auth.user.id }, { voice, photos });
      await this.timeline.append(manager, appeal, [{ id: lineId, type: 'message', text, visibleToWorker: true }], { role: actor, id: auth.user.id }, now);
      if (verdict === 'review') await this.timeline.append(manager, appeal, [FLAGGED('留言内容建议人工复核')], SYSTEM, now);
      await this.appeals.touch(manager, appeal.id, now);
      // Someone hears of it: the office and the department of a worker's 补充说明, the worker of a staff question.
      await this.events.publish(manager, { type: 'message', after: appeal, org, by: actor === 'owner' ? 'owner' : 'staff', messageId: newId(), now });
    });
    return this.views.view((await this.appeals.findById(id))!, access);
  }

  /** The appeal and how the caller sees it; 404 (not 403) for anyone else, so ids reveal nothing. */
  async readable(auth: AuthUser, id: string): Promise<{ appeal: Appeal; access: AppealAccess }> {
    const appeal = /^[0-9a-f-]{36}$/i.test(id) ? await this.appeals.findById(id) : null;
    const access = appeal ? accessTo(auth, appeal, await this.coDepartmentsFor(auth, appeal)) : null;
    if (!appeal || !access) throw DomainError.notFound('APPEAL_NOT_FOUND');
    return { appeal, access };
  }

  /** The co-handling departments (协办) of the sheet in force, read only for a handler who is not on it as its lead. */
  async coDepartmentsFor(auth: AuthUser, appeal: Appeal): Promise<string[]> {
    const handler = auth.staff.some((s) => s.orgId === appeal.orgId && s.role === 'handler' && s.departmentId !== appeal.departmentId);
    return handler && appeal.departmentId ? (await this.sheetDepartments.active([appeal.id])).map((row) => row.departmentId) : [];
  }

  private async replay(earlier: Appeal, requestHash: string, auth: AuthUser): Promise<AppealView> {
    // The key is the submitter's own (unique per submitter): naming their earlier appeal tells them nothing new,
    // and lets the form say "your appeal did arrive" after a lost answer and an edit, rather than make a second one.
    if (earlier.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', { appealId: earlier.id, serial: earlier.serial });
    return this.get(auth, earlier.id);
  }

  private enforceRateLimit({ recent, longer: today }: SubmitterActivity): void {
    const { appealsPer10Minutes, appealsPerDay } = this.config.limits;
    if (recent >= appealsPer10Minutes || today >= appealsPerDay) {
      throw new DomainError('APPEAL_RATE_LIMITED', { retryAfterSeconds: recent >= appealsPer10Minutes ? 600 : 3600 });
    }
  }
}

/** The same appeal submitted twice hashes the same, whatever the order of its fields. */
function hashRequest(request: SubmitAppealRequest): string {
  const canonical = [
    request.org,
    request.category,
    request.content.trim(),
    request.place ?? '',
    request.identity,
    request.phone ? normalizePhone(request.phone) : '',
    [...(request.photos ?? [])].join(','),
    request.publishConsent ? '1' : '0',
    // Only when there is one: a body without a voice hashes as it did before voice notes.
    ...(request.voice ? [`voice:${request.voice}`] : []),
  ].join('\u0000');
  return createHash('sha256').update(canonical).digest('hex');
}
