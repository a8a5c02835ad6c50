// Every read of a confidential worker's contact through an approved reveal — on the appeal page or in
// the office's Excel export — goes through here: an audit entry for each read, and the first read
// tells the worker on their own timeline. What a reveal grants is in shared/'s identity table.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.js';
import type { Appeal } from './entities/appeal.entity.js';
import type { RevealRequest } from './entities/reveal-request.entity.js';
import { RevealRequestsRepository } from './reveal-requests.repository.js';
import { TimelineRepository } from './timeline.repository.js';

/** What the worker reads on their timeline the first time the office reads their contact. */
export const REVEAL_USED_TEXT = '党群工作部因回访需要查看了您的联系方式';

@Injectable()
export class RevealLedger {
  constructor(
    @Inject(RevealRequestsRepository) private readonly requests: RevealRequestsRepository,
    @Inject(TimelineRepository) private readonly timeline: TimelineRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** Of these appeals, the approved and unexpired reveals the person asked for, by appeal id. */
  grants(requesterId: string, appealIds: string[], now: Date): Promise<Map<string, RevealRequest>> {
    return this.requests.grantedAppealIds(requesterId, appealIds, now);
  }

  /** Records one read of the contact (`via`: where it was read), in the caller's transaction. */
  async recordUse(manager: EntityManager, grant: RevealRequest, appeal: Pick<Appeal, 'id' | 'orgId' | 'serial'>, via: 'contact' | 'export', now: Date): Promise<void> {
    await this.audit.record(
      manager,
      {
        orgId: appeal.orgId,
        actorId: grant.requestedBy,
        action: 'identity_reveal.use',
        entity: 'appeal',
        entityKey: appeal.serial,
        before: null,
        after: { request: grant.id, via },
      },
      now,
    );
    if (await this.requests.markFirstUse(manager, grant.id, now)) {
      await this.timeline.append(
        manager,
        appeal,
        [{ type: 'identity_revealed', text: REVEAL_USED_TEXT, visibleToWorker: true }],
        { role: 'coordinator', id: grant.requestedBy },
        now,
      );
    }
  }
}
