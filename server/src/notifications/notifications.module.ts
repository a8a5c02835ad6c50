import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IntervalJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OrgModule } from '../org/org.module.js';
import { NotificationSettingsController } from './notification-settings.controller.js';
import { OutboxAdminController } from './outbox-admin.controller.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { OutboxRepository } from './outbox.repository.js';
import { StaffNotifier } from './staff-notifier.js';
import { WorkerNotifier } from './worker-notifier.js';

/** Sends the outbox every 15 seconds in each server process; claims and leases keep it to once. */
@Injectable()
export class OutboxScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob;

  constructor(
    @Inject(OutboxDispatcher) dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = new IntervalJob('Outbox', 15_000, async () => {
      const { sent, retried, noCredit, dead } = await dispatcher.runDue();
      return sent + retried + noCredit + dead ? `sent ${sent}, retrying ${retried}, without credit ${noCredit}, dead ${dead}` : null;
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.schedulers) this.job.start();
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }
}

@Module({
  imports: [OrgModule],
  controllers: [OutboxAdminController, NotificationSettingsController],
  providers: [OutboxRepository, OutboxDispatcher, WorkerNotifier, StaffNotifier, OutboxScheduler],
  exports: [OutboxRepository, OutboxDispatcher, WorkerNotifier, StaffNotifier],
})
export class NotificationsModule {}
