// The outbox as the office reads it: each message with the appeal it is about, whom it was for, and
// what it said first — the names from their owners' repositories.
import { Inject, Injectable } from '@nestjs/common';
import { WORKER_LABELS, identityFor } from '@minqing/shared';
import { AppealsRepository } from '../appeals/appeals.repository.js';
import { OrgRepository } from '../org/org.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import type { OutboxMessage, OutboxState } from './entities/outbox-message.entity.js';
import { OutboxRepository } from './outbox.repository.js';

export interface OutboxListRow extends OutboxMessage {
  serial: string | null;
  recipient: { kind: 'worker' | 'staff' | 'robot'; name: string | null };
  title: string;
}

@Injectable()
export class OutboxList {
  constructor(
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(StaffRolesRepository) private readonly staffRoles: StaffRolesRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
  ) {}

  /** One organisation's messages in a state, newest first, with whom they were for and what they said. */
  async forOrg(orgId: string, state: OutboxState, limit: number): Promise<OutboxListRow[]> {
    const rows = await this.outbox.listByState(orgId, state, limit);
    const ids = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => v !== null))];
    const [appeals, users, staff, departments] = await Promise.all([
      this.appeals.findByIds(ids(rows.map((r) => r.appealId))),
      this.users.findByIds(ids(rows.map((r) => r.userId))),
      this.staffRoles.rolesOf(orgId, ids(rows.map((r) => r.userId))),
      this.orgs.listDepartments(orgId),
    ]);
    const appealById = new Map(appeals.map((a) => [a.id, a]));
    const userById = new Map(users.map((u) => [u.id, u]));
    const staffIds = new Set(staff.map((s) => s.userId));
    const departmentByKey = new Map(departments.flatMap((d) => (d.robotKey ? [[d.robotKey, d.name] as const] : [])));
    return rows.map((row) => {
      const appeal = row.appealId ? appealById.get(row.appealId) : undefined;
      // A message to the appeal's own worker is labelled as the identity table allows the office and
      // the administrator to see that worker — by the table, whether the worker is also staff or not
      // (a 劳资部 clerk's anonymous appeal must not name its clerk beside its serial).
      const toSubmitter = appeal !== undefined && row.userId === appeal.submitterId;
      const worker = (): OutboxListRow['recipient'] => {
        const person = userById.get(row.userId ?? '');
        const seen = appeal && person ? identityFor(appeal.identity, 'admin', { name: person.name, unit: person.unit, phone: null }) : null;
        return { kind: 'worker', name: seen?.name ?? (appeal ? WORKER_LABELS[appeal.identity] : null) };
      };
      const recipient: OutboxListRow['recipient'] =
        row.channel === 'robot'
          ? { kind: 'robot', name: departmentByKey.get(row.touser) ?? null }
          : !toSubmitter && row.userId && staffIds.has(row.userId)
            ? { kind: 'staff', name: userById.get(row.userId)?.name ?? null }
            : worker();
      return { ...row, serial: appeal?.serial ?? null, recipient, title: headline(row) };
    });
  }
}

/** The first thing the recipient reads: the robot's bold headline, or the template's leading text field. */
function headline(row: OutboxMessage): string {
  try {
    const data = JSON.parse(row.data) as { markdown?: string } & Record<string, { value?: string }>;
    if (row.channel === 'robot') return (data.markdown ?? '').split('\n')[0].replace(/\*\*|【民情一码通】/g, '');
    return data.thing1?.value ?? data.thing2?.value ?? '';
  } catch {
    return '';
  }
}
