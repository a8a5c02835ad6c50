import { Inject, Injectable, Module } from '@nestjs/common';
import { ScheduledJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AppealRecordsModule } from '../appeals/appeal-records.module.js';
import { NoticesModule } from '../notices/notices.module.js';
import { OrgModule } from '../org/org.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { UsersModule } from '../users/users.module.js';
import { NewAppealDigest } from './new-appeal-digest.js';
import { NotificationSettingsController } from './notification-settings.controller.js';
import { NotificationSettingsService } from './notification-settings.service.js';
import { OutboxAdminController } from './outbox-admin.controller.js';
import { OutboxList } from './outbox-list.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { OutboxRepository } from './outbox.repository.js';
import { StaffNews } from './staff-news.js';
import { StaffNotifier } from './staff-notifier.js';
import { WorkerNews } from './worker-news.js';
import { WorkerNotifier } from './worker-notifier.js';

/** Sends the outbox every 15 seconds in each server process; claims and leases keep it to once. */
@Injectable()
export class OutboxScheduler extends ScheduledJob {
  constructor(
    @Inject(OutboxDispatcher) private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.schedulers, 'Outbox', 15_000);
  }

  protected async tick(): Promise<string | null> {
    const { sent, retried, noCredit, dead } = await this.dispatcher.runDue();
    return sent + retried + noCredit + dead ? `sent ${sent}, retrying ${retried}, without credit ${noCredit}, dead ${dead}` : null;
  }
}

@Module({
  imports: [AppealRecordsModule, NoticesModule, OrgModule, SubscriptionsModule, UsersModule],
  controllers: [OutboxAdminController, NotificationSettingsController],
  providers: [NotificationSettingsService, OutboxRepository, OutboxList, OutboxDispatcher, WorkerNotifier, StaffNotifier, WorkerNews, StaffNews, NewAppealDigest, OutboxScheduler],
  exports: [OutboxRepository, OutboxDispatcher, WorkerNotifier, StaffNotifier],
})
export class NotificationsModule {}
