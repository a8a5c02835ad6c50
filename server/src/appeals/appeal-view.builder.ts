// Loads what an appeal's view is made of and assembles it for one viewer.
import { Inject, Injectable } from '@nestjs/common';
import { ROLE_LABELS, defaultAnswerDue, mayHearVoice, type AppealView, type DispatchSheetView, type Role, type StaffAppealSummaryView } from '@minqing/shared';
import { Clock } from '../common/clock.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { OrgRepository } from '../org/org.repository.js';
import { sectionOf } from '../org/org-settings.js';
import { UploadsRepository } from '../uploads/uploads.repository.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { accessTo, type AppealAccess } from './appeal-access.js';
import { AppealViewParts } from './appeal-view-parts.js';
import { SENT_BACK_DECIDING, appealView, sentBackOf, staffSummaryView, summaryView } from './appeal-view.js';
import { AppealsRepository } from './appeals.repository.js';
import { primaryTimeline } from './merged-view.js';
import { TimelineRepository } from './timeline.repository.js';
import { SheetDepartmentsRepository } from './sheet-departments.repository.js';
import type { AppealEvent } from './entities/appeal-event.entity.js';
import type { DispatchSheet } from './entities/dispatch-sheet.entity.js';
import type { Appeal } from './entities/appeal.entity.js';
import type { Category } from '../org/entities/category.entity.js';
import type { Organization } from '../org/entities/organization.entity.js';
import type { Place } from '../org/entities/place.entity.js';
import type { Upload } from '../uploads/entities/upload.entity.js';
import type { User } from '../users/entities/user.entity.js';

/** The roles of staff lines on a timeline (the worker is 'owner', the machine 'system'). */
const STAFF_ROLES: ReadonlySet<string> = new Set(['coordinator', 'leader', 'handler', 'co_handler', 'admin']);

export interface KnownParts {
  org?: Organization;
  category?: Category;
  /** null: the appeal names no place. */
  place?: Place | null;
  events?: AppealEvent[];
  photos?: Upload[];
  submitter?: User;
  /** The appeal's dispatch sheets, oldest first ([] for a new appeal). */
  sheets?: DispatchSheet[];
}

@Injectable()
export class AppealViewBuilder {
  constructor(
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(UploadsRepository) private readonly uploads: UploadsRepository,
    @Inject(UploadsService) private readonly uploadsService: UploadsService,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(AppealViewParts) private readonly parts: AppealViewParts,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TimelineRepository) private readonly timeline: TimelineRepository,
    @Inject(SheetDepartmentsRepository) private readonly sheetDepartments: SheetDepartmentsRepository,
  ) {
    // The photo route asks on every fetch whether the viewer its URL was signed for may still read the appeal.
    uploadsService.appealReadable = async (viewer, appealId) => {
      const appeal = await this.appeals.findById(appealId);
      const co = appeal?.departmentId ? (await this.sheetDepartments.active([appeal.id])).map((row) => row.departmentId) : [];
      return appeal !== null && accessTo(viewer, appeal, co) !== null;
    };
    // …and, for a voice note, whether they may still hear it (the office, the department on the sheet, the worker).
    uploadsService.appealAudible = async (viewer, appealId) => {
      const appeal = await this.appeals.findById(appealId);
      const access = appeal ? accessTo(viewer, appeal) : null;
      return access !== null && mayHearVoice(access.viewer);
    };
  }

  /**
   * `known` holds parts the caller already has in hand (a submission just wrote them), so they are not
   * read back; each part given must be exactly what the database now holds.
   */
  async view(appeal: Appeal, access: AppealAccess, known: KnownParts = {}): Promise<AppealView> {
    const staff = access.viewer !== 'owner';
    // 同感's count, for staff only: started beside the other reads.
    const supportsOf = staff ? this.parts.supports([appeal.id]) : null;
    // The departments name the sheet's department and the staff lines' ones: an owner's view of an appeal known
    // to have no sheet, no department and no primary (a submission's answer) names none, so reads none.
    const namesDepartments = !known.sheets || known.sheets.length > 0 || staff || appeal.departmentId !== null || appeal.mergedIntoId !== null;
    const [org, [category], [place], events, photos, submitter, departments, sheets, mergedInto, steps, notes] = await Promise.all([
      known.org ?? this.orgs.findOrgById(appeal.orgId),
      known.category ? [known.category] : this.orgs.findCategoriesByIds([appeal.categoryId]),
      known.place !== undefined ? (known.place ? [known.place] : []) : this.orgs.findPlacesByIds(appeal.placeId ? [appeal.placeId] : []),
      known.events ?? this.appeals.listEvents(appeal.id),
      known.photos ?? this.uploads.listForAppeals([appeal.id]),
      known.submitter ?? this.users.findById(appeal.submitterId),
      // The worker's timeline names the department that acted too (from the sheet in force then).
      namesDepartments ? this.orgs.listDepartments(appeal.orgId) : [],
      known.sheets ?? this.appeals.listSheets(appeal.id),
      appeal.mergedIntoId ? this.appeals.findById(appeal.mergedIntoId) : Promise.resolve(null),
      staff ? this.parts.steps(appeal.id) : Promise.resolve([]),
      staff ? this.parts.notes(appeal.id) : Promise.resolve([]),
    ]);
    const coRows = staff ? await this.sheetDepartments.ofAppeal(appeal.id) : [];
    const now = this.clock.now();
    const departmentById = new Map(departments.map((d) => [d.id, { code: d.code, name: d.name }]));
    const merged = mergedInto ? await this.mergedIntoView(mergedInto, departmentById) : null;
    // Staff persons are named to staff only: the worker's view reads no staff user at all.
    const staffIds = staff
      ? [
          ...new Set(
            [
              appeal.assigneeId,
              ...sheets.map((s) => s.assigneeId),
              ...events.filter((e) => STAFF_ROLES.has(e.actorRole)).map((e) => e.actorId),
              ...notes.map((n) => n.authorId),
              ...coRows.map((r) => r.answeredBy),
            ].filter((id): id is string => !!id),
          ),
        ]
      : [];
    const staffUsers = new Map((staffIds.length ? await this.users.findByIds(staffIds) : []).map((u) => [u.id, u]));
    const person = (id: string | null) => (id ? { id, name: staffUsers.get(id)?.name ?? null } : null);
    const nameOf = (id: string | null) => (id ? (staffUsers.get(id)?.name ?? null) : null);
    /** The department on the sheet in force at this moment (sheets are oldest first). */
    const departmentAt = (at: Date) => {
      const sheet = sheets.filter((s) => s.createdAt <= at).at(-1);
      const id = sheet?.departmentId ?? appeal.departmentId;
      return id ? (departmentById.get(id)?.name ?? null) : null;
    };
    const coDepartmentOf = (e: AppealEvent) => {
      const id = e.data ? (JSON.parse(e.data) as { departmentId?: string }).departmentId : undefined;
      return id ? (departmentById.get(id)?.name ?? null) : null;
    };
    const staffActors = new Map(
      events
        .filter((e) => STAFF_ROLES.has(e.actorRole))
        .map(
          (e) =>
            [
              e.id,
              {
                // A co-handling department (协办) names itself on its line; the lead is the sheet's.
                department: e.actorRole === 'co_handler' ? coDepartmentOf(e) : e.actorRole === 'handler' ? departmentAt(e.createdAt) : null,
                person: nameOf(e.actorId),
              },
            ] as const,
        ),
    );
    const sheetViews: DispatchSheetView[] = sheets.map((s) => ({
      version: s.version,
      department: departmentById.get(s.departmentId) ?? { code: '?', name: '?' },
      coDepartments: coRows.filter((r) => r.sheetVersion === s.version).flatMap((r) => departmentById.get(r.departmentId) ?? []),
      assignee: person(s.assigneeId),
      instructions: s.instructions,
      measures: s.measures,
      dueAt: s.dueAt.toISOString(),
      dueReason: s.dueReason,
      issuedBy: s.issuedRole,
      at: s.createdAt.toISOString(),
    }));
    const view = appealView({
      appeal,
      now,
      access,
      orgCode: org!.code,
      category,
      place: place ?? null,
      phone: this.cipher.decryptOptional(appeal.phoneEnc) ?? this.cipher.decryptOptional(submitter?.phoneEnc),
      submitter,
      photos: this.uploadsService.photoViews(photos, access.userId),
      voice: this.uploadsService.voiceView(photos, access.userId, mayHearVoice(access.viewer)),
      eventVoices: this.uploadsService.eventVoiceViews(photos, access.userId, mayHearVoice(access.viewer)),
      eventPhotos: this.uploadsService.eventPhotoViews(photos, access.userId),
      events,
      department: appeal.departmentId ? (departmentById.get(appeal.departmentId) ?? null) : null,
      assignee: person(appeal.assigneeId),
      sheets: sheetViews,
      mergedInto: merged,
      staffActors,
      coAnsweredByViewer: coRows.some((r) => r.active && r.departmentId === access.departmentId && r.answeredAt !== null),
      coHandling: coRows
        .filter((r) => r.active)
        .map((r) => ({
          department: departmentById.get(r.departmentId) ?? { code: '?', name: '?' },
          answer: r.answer,
          answeredAt: r.answeredAt?.toISOString() ?? null,
          answeredBy: nameOf(r.answeredBy),
        })),
      notes: notes.map((n) => ({
        id: n.id,
        text: n.text,
        role: n.authorRole,
        actor: { department: n.departmentId ? (departmentById.get(n.departmentId)?.name ?? null) : null, person: nameOf(n.authorId) },
        at: n.createdAt,
      })),
      steps: steps.map((s) => ({
        step: s.step,
        department: s.departmentId ? (departmentById.get(s.departmentId)?.name ?? null) : null,
        dueAt: s.dueAt.toISOString(),
        metAt: s.metAt?.toISOString() ?? null,
        cancelled: s.cancelledAt !== null,
        onTime: s.metAt ? s.metAt <= s.dueAt : null,
        overdue: !s.metAt && !s.cancelledAt && s.dueAt < now,
      })),
    });
    if (view.staff && supportsOf) view.staff.supports = (await supportsOf).get(appeal.id) ?? 0;
    // For the sheet's form to show the deadline it gives when the leader picks no date.
    if (view.staff && view.allowedActions.includes('dispatch'))
      view.staff.defaultDueAt = defaultAnswerDue(now, category.answerHours, appeal.urgent, sectionOf(org!, 'deadlines')).toISOString();
    return view;
  }

  /** The primary as a merged appeal's viewer reads it: its status and its shared lines (merged-view.ts). */
  private async mergedIntoView(primary: Appeal, departmentById: ReadonlyMap<string, { name: string }>): Promise<NonNullable<AppealView['mergedInto']>> {
    const [events, submitter, sheets] = await Promise.all([this.appeals.listEvents(primary.id), this.users.findById(primary.submitterId), this.appeals.listSheets(primary.id)]);
    const worker = { name: submitter?.name ?? null, phone: this.cipher.decryptOptional(primary.phoneEnc) ?? this.cipher.decryptOptional(submitter?.phoneEnc) };
    // A department's line names the department on the primary's sheet in force then, as the primary's own worker reads it.
    const actor = (event: AppealEvent) => {
      if (event.actorRole !== 'handler') return event.actorRole === 'system' ? '系统' : (ROLE_LABELS[event.actorRole as Role] ?? '工作人员');
      const id = sheets.filter((s) => s.createdAt <= event.createdAt).at(-1)?.departmentId ?? primary.departmentId;
      return (id ? departmentById.get(id)?.name : null) ?? ROLE_LABELS.handler;
    };
    return { id: primary.id, serial: primary.serial, status: primary.status, timeline: primaryTimeline(events, actor, worker) };
  }

  async summaries(appeals: Appeal[]) {
    const { categoryById, placeById } = await this.lookups(appeals);
    const now = this.clock.now();
    return appeals.map((a) => summaryView(a, categoryById.get(a.categoryId)!, a.placeId ? (placeById.get(a.placeId) ?? null) : null, now));
  }

  async staffSummaries(appeals: Appeal[], orgId: string): Promise<StaffAppealSummaryView[]> {
    const [{ categoryById, placeById }, departments, unpushed, supports, coRows, deciding] = await Promise.all([
      this.lookups(appeals),
      this.orgs.listDepartments(orgId),
      this.parts.unpushedReplies(appeals.filter((a) => a.repliedAt && !a.callLogged).map((a) => a.id)),
      this.parts.supports(appeals.map((a) => a.id)),
      this.sheetDepartments.active(appeals.filter((a) => a.departmentId).map((a) => a.id)),
      // 已退回 on the rows waiting for a sheet: their timelines' deciding lines, one query for the page.
      this.timeline.ofAppeals(
        appeals.filter((a) => a.status === 'accepted').map((a) => a.id),
        [...SENT_BACK_DECIDING],
      ),
    ]);
    const decidingOf = (id: string) => deciding.filter((e) => e.appealId === id);
    const departmentById = new Map(departments.map((d) => [d.id, { code: d.code, name: d.name }]));
    const now = this.clock.now();
    return appeals.map((a) => ({
      ...staffSummaryView(
        a,
        categoryById.get(a.categoryId)!,
        a.placeId ? (placeById.get(a.placeId) ?? null) : null,
        a.departmentId ? (departmentById.get(a.departmentId) ?? null) : null,
        now,
        unpushed.has(a.id),
        sentBackOf(a, decidingOf(a.id)),
        coRows.filter((r) => r.appealId === a.id).flatMap((r) => departmentById.get(r.departmentId) ?? []),
      ),
      supports: supports.get(a.id) ?? 0,
    }));
  }

  private async lookups(appeals: Appeal[]) {
    const [categories, places] = await Promise.all([
      this.orgs.findCategoriesByIds([...new Set(appeals.map((a) => a.categoryId))]),
      this.orgs.findPlacesByIds([...new Set(appeals.flatMap((a) => (a.placeId ? [a.placeId] : [])))]),
    ]);
    return { categoryById: new Map(categories.map((c) => [c.id, c])), placeById: new Map(places.map((p) => [p.id, p])) };
  }
}
