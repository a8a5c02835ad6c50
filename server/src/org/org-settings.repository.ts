// The one way the organisation's settings are read and written. Every section lives in one JSON
// column, so a save is a read-modify-write of the whole row: two administrators saving different
// sections at once would each write back the other's section as it was before. A save therefore
// takes the row's write lock first (MySQL/MariaDB: SELECT … FOR UPDATE; under REPEATABLE READ a plain
// read before the lock would keep reading the old snapshot), reads under it, replaces only its section
// and writes, in one transaction. SQLite has no FOR UPDATE, and needs none: Transactions runs its
// write transactions one after another.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityNotFoundError, type EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.js';
import { Clock } from '../common/clock.js';
import { Transactions } from '../database/transactions.js';
import { Organization } from './entities/organization.entity.js';
import { sectionOf, settingsOf, storedSection, withSection, type OrgSettings, type SettingsSection } from './org-settings.js';

export interface SettingsUpdate<S extends SettingsSection> {
  /** The row as it was, read under the lock. */
  org: Organization;
  before: OrgSettings[S];
  /** As it now reads back, defaults filled in. */
  after: OrgSettings[S];
  /** The column as written (the same as before when nothing changed). */
  settings: string | null;
}

export interface SettingsUpdateOptions {
  /** The caller's transaction, when the save is part of a larger change; else the save runs in one of its own. */
  manager?: EntityManager;
  /** Record the change in the audit log: the section before, and after as stored. */
  audit?: { actorId: string; action: string };
}

@Injectable()
export class OrgSettingsRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Every section of an organisation's settings, defaults filled in. */
  async read(orgId: string, manager: EntityManager = this.db.manager): Promise<OrgSettings> {
    return settingsOf(await manager.findOneByOrFail(Organization, { id: orgId }));
  }

  /**
   * The organisation's row under a write lock until the transaction ends. Take it before any other
   * read of the row in the transaction (and before writing rows that refer to it), so saves queue
   * up on it instead of deadlocking.
   */
  async lock(manager: EntityManager, orgId: string): Promise<Organization> {
    const query = manager.getRepository(Organization).createQueryBuilder('o').where('o.id = :orgId', { orgId });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    const org = await query.getOne();
    if (!org) throw new EntityNotFoundError(Organization, { id: orgId });
    return org;
  }

  /**
   * Changes one section: `change` gets it as it is now (read under the lock) and returns its new
   * value, or undefined to leave it as it is. The other sections are written back exactly as stored.
   */
  async update<S extends SettingsSection>(
    orgId: string,
    section: S,
    change: (current: OrgSettings[S], manager: EntityManager) => OrgSettings[S] | undefined | Promise<OrgSettings[S] | undefined>,
    options: SettingsUpdateOptions = {},
  ): Promise<SettingsUpdate<S>> {
    const work = async (manager: EntityManager): Promise<SettingsUpdate<S>> => {
      const org = await this.lock(manager, orgId);
      const before = sectionOf(org, section);
      const next = await change(before, manager);
      if (next === undefined) return { org, before, after: before, settings: org.settings };
      const settings = withSection(org.settings, section, next);
      await manager.update(Organization, { id: orgId }, { settings });
      if (options.audit) {
        const entry = {
          orgId,
          actorId: options.audit.actorId,
          action: options.audit.action,
          entity: 'organization',
          entityKey: org.code,
          before,
          after: storedSection(section, next),
        };
        await this.audit.record(manager, entry, this.clock.now());
      }
      return { org, before, after: sectionOf({ ...org, settings }, section), settings };
    };
    return options.manager ? work(options.manager) : this.transactions.run(work);
  }
}
