import { Inject, Injectable, Module } from '@nestjs/common';
import { AppealsModule } from '../appeals/appeals.module.js';
import { ScheduledJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OrgModule } from '../org/org.module.js';
import { UsersModule } from '../users/users.module.js';
import { ReliefController } from './relief.controller.js';
import { ReliefRepository } from './relief.repository.js';
import { ReliefSettingsService } from './relief-settings.js';
import { ReliefService } from './relief.service.js';
import { WxpayNotifyController } from './wxpay-notify.controller.js';

/** Every five minutes: transfers that never got an answer are asked again, bills without a notice are queried. */
@Injectable()
export class ReliefReconciler extends ScheduledJob {
  constructor(
    @Inject(ReliefService) private readonly relief: ReliefService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.schedulers, 'Relief', 5 * 60_000);
  }

  protected async tick(): Promise<string | null> {
    const settled = await this.relief.reconcile();
    return settled ? `settled ${settled}` : null;
  }
}

@Module({
  imports: [AppealsModule, OrgModule, UsersModule],
  controllers: [ReliefController, WxpayNotifyController],
  providers: [ReliefRepository, ReliefService, ReliefSettingsService, ReliefReconciler],
})
export class ReliefModule {}
