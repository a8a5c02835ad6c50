// Creates an organisation on a fresh (or running) production database, with its first administrator:
//   npm run create-org -- --code xq --name 西曲矿 [--slogan …] [--group jd] [--admin-openid <openid>]
//   npm run create-org -- --kind group --code jd --name 山西金地煤焦 --mines cy,xq [--admin-openid <openid>]
// A mine starts with the defaults of org-defaults.ts (departments, categories, one place), enough to take
// a first appeal. Without --admin-openid (nobody knows a person's openid before they open the
// mini-program) it prints a one-time administrator's bind code instead, entered under 我的 → 工作人员绑定码.
import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEFAULT_TIME_ZONE, isValidCode } from '@minqing/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.js';
import { newId } from '../common/columns.js';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { Transactions } from '../database/transactions.js';
import { ENTITIES } from '../entities.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { OrgSetupRepository } from '../org/org-setup.repository.js';
import { OrgRepository } from '../org/org.repository.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { DEFAULT_CATEGORIES, DEFAULT_DEPARTMENTS, DEFAULT_PLACES, DEFAULT_SLOGAN } from './org-defaults.js';

export interface CreateOrgRequest {
  kind?: 'mine' | 'group';
  code: string;
  name: string;
  slogan?: string;
  /** A mine: the code of the group it belongs to (which must exist). */
  group?: string;
  /** A group: the codes of its mines (each must exist). */
  mines?: string[];
  /** The first administrator; without one, a bind code for them is issued. */
  adminOpenid?: string;
}

export interface CreatedOrg {
  org: Organization;
  /** The administrator's one-time bind code (72 hours), when no openid was given. */
  bindCode: { code: string; expiresAt: Date } | null;
}

/** Who a command-line change is by, where a table wants a person (the grant's audit says the same). */
const COMMAND_LINE = 'command line';
const CODE_TTL_MS = 72 * 3600_000;
// The staff module's alphabet: no 0/O or 1/I, the code is read aloud and typed on a phone.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export async function createOrganization(db: DataSource, request: CreateOrgRequest, now = new Date()): Promise<CreatedOrg> {
  const kind = request.kind ?? 'mine';
  const orgs = new OrgRepository(db);
  if (!isValidCode(request.code)) throw new Error(`--code must be 1 to 24 letters, digits, "_" or "-" (it is in every sticker's link): "${request.code}"`);
  const name = request.name?.trim();
  if (!name || Array.from(name).length > 32) throw new Error('--name must be 1 to 32 characters');
  if (await orgs.findOrgByCode(request.code)) throw new Error(`an organisation with code "${request.code}" exists already`);
  const group = request.group ? await orgs.findOrgByCode(request.group) : null;
  if (request.group && (!group || group.parentId)) throw new Error(`no group with code "${request.group}"`);
  if (kind === 'group' && request.group) throw new Error('a group belongs to no group: --group is for a mine');
  if (kind === 'mine' && request.mines?.length) throw new Error('--mines is for a group (--kind group)');
  const mines = kind === 'group' ? await Promise.all((request.mines ?? []).map((code) => orgs.findOrgByCode(code).then((mine) => ({ code, mine })))) : [];
  const missing = mines.filter((m) => !m.mine).map((m) => m.code);
  if (missing.length) throw new Error(`no mine with code ${missing.map((c) => `"${c}"`).join(', ')}`);

  const setup = new OrgSetupRepository();
  const users = new UsersRepository(db);
  const admin = request.adminOpenid ? await users.findOrCreateByOpenid(request.adminOpenid, now) : null;
  const org: Organization = {
    id: newId(),
    code: request.code,
    name,
    slogan: request.slogan?.trim() || DEFAULT_SLOGAN,
    timeZone: DEFAULT_TIME_ZONE,
    parentId: group?.id ?? null,
    settings: null,
    createdAt: now,
  };
  const role = kind === 'group' ? 'group_admin' : 'admin';
  let bindCode: CreatedOrg['bindCode'] = null;
  await new Transactions(db).run(async (manager) => {
    await setup.insertOrg(manager, org);
    if (kind === 'mine') await insertDefaults(manager, setup, org.id);
    for (const { code } of mines) await setup.setParent(manager, code, org.id);
    const audit = new AuditLog(db);
    const created = { code: org.code, name: org.name, kind, group: group?.code ?? null, mines: mines.map((m) => m.code), by: COMMAND_LINE };
    await audit.record(manager, { orgId: org.id, actorId: null, action: 'org.create', entity: 'organization', entityKey: org.code, before: null, after: created }, now);
    if (admin) {
      const roles = new StaffRolesRepository(db);
      const held = (await roles.heldBy(manager, admin.id)).filter((r) => r.orgId !== org.id);
      // One organisation per account, as a bind code would have it.
      if (held.length) throw new Error(`${request.adminOpenid} holds a role in another organisation; its administrator removes it first`);
      await roles.upsert(manager, { id: newId(), userId: admin.id, orgId: org.id, role, departmentId: null, isHead: false, isSecretary: false, createdAt: now });
      const after = { role, department: null, isHead: false, isSecretary: false, by: COMMAND_LINE };
      await audit.record(manager, { orgId: org.id, actorId: null, action: 'role.grant', entity: 'staff_role', entityKey: admin.id, before: null, after }, now);
    } else if (role === 'admin') {
      const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
      await new StaffRepository(db).insertCode(manager, {
        code,
        orgId: org.id,
        role,
        departmentId: null,
        isHead: false,
        isSecretary: false,
        createdBy: COMMAND_LINE,
        expiresAt,
        usedBy: null,
        usedAt: null,
        createdAt: now,
      });
      const after = { role, department: null, isHead: false, isSecretary: false, expiresAt: expiresAt.toISOString(), by: COMMAND_LINE };
      await audit.record(
        manager,
        { orgId: org.id, actorId: null, action: 'bind_code.create', entity: 'bind_code', entityKey: `${code.slice(0, 4)}****`, before: null, after },
        now,
      );
      bindCode = { code, expiresAt };
    }
  });
  if (admin) await users.claimOrg(admin.id, org.id);
  return { org, bindCode };
}

async function insertDefaults(manager: EntityManager, setup: OrgSetupRepository, orgId: string): Promise<void> {
  const departments = DEFAULT_DEPARTMENTS.map(([code, name]) => ({ id: newId(), orgId, code, name, leaderId: null, robotKey: null }));
  await setup.insert(manager, 'department', departments);
  await setup.insert(
    manager,
    'category',
    DEFAULT_CATEGORIES.map(([code, name, department, answerHours, standingRule], position) => ({
      id: newId(),
      orgId,
      code,
      name,
      position,
      defaultDepartmentId: departments.find((d) => d.code === department)!.id,
      answerHours,
      standingRule,
    })),
  );
  await setup.insert(
    manager,
    'place',
    DEFAULT_PLACES.map(([code, name, kind], position) => ({ id: newId(), orgId, code, name, kind, position, scanCount: 0, archivedAt: null })),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      slogan: { type: 'string' },
      group: { type: 'string' },
      mines: { type: 'string' },
      'admin-openid': { type: 'string' },
    },
  });
  const kind = values.kind ?? 'mine';
  if (!values.code || !values.name || (kind !== 'mine' && kind !== 'group')) {
    console.error(
      [
        'usage: npm run create-org -- --code <code> --name <name> [--slogan <slogan>] [--group <group code>] [--admin-openid <openid>]',
        '       npm run create-org -- --kind group --code <code> --name <name> --mines <code,code> [--admin-openid <openid>]',
      ].join('\n'),
    );
    process.exit(64);
  }
  const db = new DataSource(dataSourceOptions(loadConfig().database, ENTITIES));
  await db.initialize();
  try {
    const mines = values.mines
      ? values.mines
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : undefined;
    const { org, bindCode } = await createOrganization(db, {
      kind,
      code: values.code,
      name: values.name,
      slogan: values.slogan,
      group: values.group,
      mines,
      adminOpenid: values['admin-openid'],
    });
    console.log(
      `created ${kind} ${org.code} (${org.name})${kind === 'mine' ? `: departments ${DEFAULT_DEPARTMENTS.map(([, n]) => n).join('、')}; categories ${DEFAULT_CATEGORIES.map(([, n]) => n).join('、')}; place ${DEFAULT_PLACES.map(([, n]) => n).join('、')}` : ''}`,
    );
    if (values['admin-openid']) console.log(`${values['admin-openid']} is its ${kind === 'group' ? 'group administrator' : 'administrator'}`);
    else if (bindCode) console.log(`administrator's bind code: ${bindCode.code} (single use, until ${bindCode.expiresAt.toISOString()}): 我的 → 工作人员绑定码`);
    else console.log(`no administrator yet: npm run grant -- --org ${org.code} --openid <openid> --role group_admin`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1]?.endsWith('create-org.js')) await main();
