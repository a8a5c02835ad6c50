// `npm start` runs the product on a demo organisation: the two mines, their staff, four workers and
// the four real appeals of the report, submitted through the same service a worker's tap goes through.
import { fen } from '@minqing/shared';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import { AppealsService } from '../appeals/appeals.service.js';
import { OrgSettingsRepository } from '../org/org-settings.repository.js';
import { OrgRepository } from '../org/org.repository.js';
import { Clock } from '../common/clock.js';
import { UsersRepository } from '../users/users.repository.js';
import { DemoHistory } from './demo-history.js';
import { DEMO_APPEALS, DEMO_GROUP, DEMO_ORGS, DEMO_WORKERS } from './demo-data.js';
import { seedGroup, seedOrganization } from './org-seeder.js';

@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AppealsService) private readonly appeals: AppealsService,
    @Inject(AppealsRepository) private readonly appealRecords: AppealsRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DemoHistory) private readonly history: DemoHistory,
    @Inject(OrgSettingsRepository) private readonly settings: OrgSettingsRepository,
  ) {}

  async seed(): Promise<void> {
    for (const spec of DEMO_ORGS) await seedOrganization(this.db, spec, this.clock.now());
    await seedGroup(this.db, DEMO_GROUP, this.clock.now());
    await this.reliefSettings();
    for (const worker of DEMO_WORKERS) {
      const user = await this.users.findOrCreateByOpenid(worker.openid, this.clock.now());
      if (!user.name) await this.users.updateProfile(user.id, { name: worker.name, unit: worker.unit }, this.clock.now());
    }
    if (await this.appealRecords.any()) return;
    const past = await this.history.seed();
    for (const appeal of DEMO_APPEALS) {
      const user = await this.users.findByOpenid(appeal.worker);
      const auth = await this.users.loadAuthUser(user!.id);
      const { worker: _, ...body } = appeal;
      await this.appeals.submit(auth!, { org: 'cy', ...body, publishConsent: true }, randomUUID());
    }
    this.logger.log(`seeded ${DEMO_ORGS.length} organisations, last month's ${past} appeals with its published report, and ${DEMO_APPEALS.length} new appeals`);
  }

  /** The demo mine's relief: ¥10,000 a month, approved by a leader and the party secretary as the named approver. */
  private async reliefSettings(): Promise<void> {
    const org = (await this.orgs.findOrgByCode('cy'))!;
    const secretary = await this.users.findByOpenid('cy_secretary');
    // Set once: what the administrator has set since is kept.
    const demo = { monthlyBudgetFen: fen(1_000_000), approverId: secretary!.id };
    await this.settings.update(org.id, 'relief', (current) => (current.monthlyBudgetFen !== null || current.approverId !== null ? undefined : demo));
  }
}
