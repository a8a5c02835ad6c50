// 同感 (me too): who may add one (any signed-in person but the appeal's own worker), to which appeals (those
// whose worker agreed to publication and that are still the office's to handle or were answered — never a
// rejected, merged or withdrawn one, nor one held for the content check), and what anyone learns of it: a
// count. Nobody — not the office either — is told who added 同感: the table keeps the person only for the
// once-per-worker key. Not a transition: no status, version or timeline line changes.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  SIMILAR_APPEAL_DAYS,
  TRANSITIONS,
  fitText,
  maskMobilesInText,
  type AppealStatus,
  type PublicSupportsView,
  type SimilarAppealsView,
  type SupportView,
} from '@minqing/shared';
import { AppealViewParts } from '../appeals/appeal-view-parts.js';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import type { Appeal } from '../appeals/entities/appeal.entity.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { OrgRepository } from '../org/org.repository.js';
import type { AuthUser } from '../users/auth-user.js';
import { SupportsRepository } from './supports.repository.js';

/** Open: the statuses where the conversation is still open (the office has not closed it). */
const OPEN: readonly AppealStatus[] = TRANSITIONS.messages.from;
/** Besides the open ones, the answered and closed appeals of the 公示's resolved list. */
const SUPPORTABLE: readonly AppealStatus[] = [...OPEN, 'closed'];
const SIMILAR_SHOWN = 3;

@Injectable()
export class SupportService implements OnModuleInit {
  constructor(
    @Inject(SupportsRepository) private readonly supports: SupportsRepository,
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(AppealViewParts) private readonly parts: AppealViewParts,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.parts.supports = (appealIds) => this.supports.counts(appealIds);
  }

  async add(auth: AuthUser, serial: string): Promise<SupportView> {
    const appeal = await this.appeals.findBySerial(serial);
    // An appeal another worker may not hear of is answered as one that does not exist.
    if (!appeal || !appeal.publishConsent || appeal.underReview) throw DomainError.notFound('APPEAL_NOT_FOUND');
    if (appeal.submitterId === auth.user.id) throw new DomainError('SUPPORT_OWN_APPEAL');
    if (!SUPPORTABLE.includes(appeal.status)) throw new DomainError('SUPPORT_NOT_OPEN');
    const added = await this.supports.add({ id: newId(), appealId: appeal.id, orgId: appeal.orgId, userId: auth.user.id, createdAt: this.clock.now() });
    const counts = await this.supports.counts([appeal.id]);
    return { serial: appeal.serial, supports: counts.get(appeal.id) ?? 0, added };
  }

  /** What the submit form shows above itself: open appeals like the one the worker is about to write. */
  async similar(auth: AuthUser, query: { org: string; place: string; category: string }): Promise<SimilarAppealsView> {
    const target = await this.orgs.findSubmissionTarget(query.org, query.category, query.place);
    if (!target?.place || !target.category) return { items: [] };
    const since = new Date(this.clock.now().getTime() - SIMILAR_APPEAL_DAYS * 86_400_000);
    const found = await this.appeals.findRecentAtPlace(target.org.id, target.place.id, target.category.id, OPEN, since, 20);
    const shown = found.filter((a) => shareable(a) && a.submitterId !== auth.user.id).slice(0, SIMILAR_SHOWN);
    const ids = shown.map((a) => a.id);
    const [counts, mine] = await Promise.all([this.supports.counts(ids), this.supports.mine(auth.user.id, ids)]);
    const place = { code: target.place.code, name: target.place.name };
    const category = { code: target.category.code, name: target.category.name };
    return {
      items: shown.map((a) => ({
        serial: a.serial,
        category,
        place,
        // The worker's words, as a line: phone numbers masked, no name or unit of theirs anywhere.
        excerpt: fitText(maskMobilesInText(a.content.replace(/\s+/g, ' ')), 40),
        createdAt: a.createdAt.toISOString(),
        supports: counts.get(a.id) ?? 0,
        mine: mine.has(a.id),
      })),
    };
  }

  /** The public counts of the 公示's appeals, by serial: only those of this organisation, and only the counts. */
  async publicCounts(orgCode: string, serials: string | undefined): Promise<PublicSupportsView> {
    const org = await this.orgs.requireOrgByCode(orgCode);
    const wanted = [...new Set((serials ?? '').split(',').map((s) => s.trim().toUpperCase()))].filter((s) => /^[A-Z0-9_-]{1,60}$/.test(s)).slice(0, 100);
    const appeals = (await this.appeals.findBySerials(wanted)).filter((a) => a.orgId === org.id && shareable(a));
    const counts = await this.supports.counts(appeals.map((a) => a.id));
    return { counts: Object.fromEntries(appeals.map((a) => [a.serial, counts.get(a.id) ?? 0])) };
  }
}

/** Whether another worker may learn of this appeal at all: publication agreed to, not held for the content check. */
function shareable(appeal: Appeal): boolean {
  return appeal.publishConsent && !appeal.underReview;
}
