// Internal notes: who may write one (staff who may see the appeal now — the office, a leader, the
// department on the sheet; never its worker, even one who is staff too), and the notes' part of the
// staff view. Not a transition: no status, version or timeline line changes, and the status machine
// is not asked. Not in the audit log either, like the workflow's own steps: the note table is
// append-only and names the author and the time, so it is its own record.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { noteBody, type AppealView } from '@minqing/shared';
import { AppealViewParts } from '../appeals/appeal-view-parts.js';
import { AppealViewBuilder } from '../appeals/appeal-view.builder.js';
import { AppealsService } from '../appeals/appeals.service.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import type { AuthUser } from '../users/auth-user.js';
import { AppealNotesRepository } from './appeal-notes.repository.js';

@Injectable()
export class NotesService implements OnModuleInit {
  constructor(
    @Inject(AppealNotesRepository) private readonly notes: AppealNotesRepository,
    @Inject(AppealsService) private readonly appeals: AppealsService,
    @Inject(AppealViewBuilder) private readonly views: AppealViewBuilder,
    @Inject(AppealViewParts) private readonly parts: AppealViewParts,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.parts.notes = (appealId) => this.notes.ofAppeal(appealId);
  }

  async add(auth: AuthUser, id: string, body: unknown): Promise<AppealView> {
    // Access first: someone the appeal is not for gets 404 and learns nothing from a validation answer.
    const { appeal, access } = await this.appeals.readable(auth, id);
    if (access.viewer === 'owner') throw DomainError.forbidden();
    const { text } = parseOrThrow(noteBody, body);
    await this.notes.insert({
      id: newId(),
      appealId: appeal.id,
      orgId: appeal.orgId,
      authorId: auth.user.id,
      authorRole: access.viewer,
      // A co-handling department (协办) writes as itself, not as the sheet's lead.
      departmentId: access.viewer === 'handler' ? (access.departmentId ?? appeal.departmentId) : null,
      text: text.trim(),
      createdAt: this.clock.now(),
    });
    return this.views.view(appeal, access);
  }
}
