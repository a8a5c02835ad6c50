// 删除我的个人信息: a worker's name, unit and phone — on their profile and on every appeal they sent —
// their voice notes (a voice tells who spoke), their inbox, their WeChat messages and credits go; the appeals stay (the mine's record, its figures,
// its 公示), with no one's identity on them. One transaction, under the person's row lock, so a submission
// in flight either lands before (and is wiped with the rest) or finds the person gone.
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { Clock } from '../common/clock.js';
import { Transactions } from '../database/transactions.js';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import { AuditLog } from '../audit/audit-log.js';
import { NoticesRepository } from '../notices/notices.repository.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { FILE_STORAGE, type FileStorage } from '../uploads/file-storage.js';
import { UploadsRepository } from '../uploads/uploads.repository.js';
import type { AuthUser } from '../users/auth-user.js';
import { UsersRepository } from '../users/users.repository.js';

@Injectable()
export class ErasureService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(NoticesRepository) private readonly notices: NoticesRepository,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(SubscriptionsRepository) private readonly credits: SubscriptionsRepository,
    @Inject(UploadsRepository) private readonly uploads: UploadsRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async erase(auth: AuthUser): Promise<{ erased: true }> {
    // A staff member's name stands behind the steps they took: the role goes first, by the administrator.
    if (auth.roles.some((role) => role !== 'worker')) throw new DomainError('PROFILE_ERASE_STAFF');
    const now = this.clock.now();
    const voiceFiles = await this.transactions.run(async (manager) => {
      if ((await this.users.lockForUpdate(manager, auth.user.id)).erased) throw new DomainError('AUTH_TOKEN_INVALID');
      await this.appeals.forgetPhonesOf(manager, auth.user.id);
      const voices = await this.uploads.removeVoicesOf(manager, auth.user.id);
      await this.notices.removeAllOf(manager, auth.user.id);
      await this.outbox.removeAllTo(manager, auth.user.id);
      await this.credits.removeAllOf(manager, auth.user.id);
      await this.users.erase(manager, auth.user.id, now);
      // What was erased, never the values. A person who never sent an appeal belongs to no mine's log.
      if (auth.user.orgId) {
        const after = { erased: ['name', 'unit', 'phone', 'voices', 'notices', 'messages', 'subscriptions'] };
        await this.audit.record(manager, { orgId: auth.user.orgId, actorId: auth.user.id, action: 'profile.erase', entity: 'user', entityKey: null, before: null, after }, now);
      }
      return voices;
    });
    // The files once no row points at them; one the store fails to remove stays behind unreachable (no row, no link).
    for (const key of voiceFiles) await this.storage.remove(key).catch(() => undefined);
    return { erased: true };
  }
}
