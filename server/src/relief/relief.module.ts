import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppealsModule } from '../appeals/appeals.module.js';
import { IntervalJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ReliefController } from './relief.controller.js';
import { ReliefService } from './relief.service.js';
import { WxpayNotifyController } from './wxpay-notify.controller.js';

/** Every five minutes: transfers that never got an answer are asked again, bills without a notice are queried. */
@Injectable()
export class ReliefReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob;

  constructor(
    @Inject(ReliefService) relief: ReliefService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = new IntervalJob('Relief', 5 * 60_000, async () => {
      const settled = await relief.reconcile();
      return settled ? `settled ${settled}` : null;
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
  imports: [AppealsModule],
  controllers: [ReliefController, WxpayNotifyController],
  providers: [ReliefService, ReliefReconciler],
})
export class ReliefModule {}
