// Bootstraps the first admin of an organisation (and mends roles by hand when needed):
//   npm run grant -- --org cy --openid <openid> --role admin [--department logistics] [--head] [--secretary]
// The person is created if they never logged in; their openid is what WeChat gives the mini-program.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@minqing/shared';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.js';
import { newId } from '../common/columns.js';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { Transactions } from '../database/transactions.js';
import { ENTITIES } from '../entities.js';
import { OrgRepository } from '../org/org.repository.js';
import { StaffRolesRepository } from '../users/staff-roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';

export interface GrantRequest {
  org: string;
  openid: string;
  role: Role;
  department?: string;
  isHead?: boolean;
  isSecretary?: boolean;
}

export async function grantRole(db: DataSource, request: GrantRequest, now = new Date()): Promise<void> {
  const org = await new OrgRepository(db).findOrgByCode(request.org);
  if (!org) throw new Error(`no organisation with code "${request.org}"`);
  if (!ROLES.includes(request.role) || request.role === 'worker') throw new Error(`role must be one of ${ROLES.filter((r) => r !== 'worker').join(', ')}`);
  const department = request.department ? await new OrgRepository(db).findDepartment(org.id, request.department) : null;
  if (request.department && !department) throw new Error(`no department "${request.department}" in ${org.code}`);
  if (request.role === 'handler' && !department) throw new Error('a handler needs --department');
  const users = new UsersRepository(db);
  const user = await users.findOrCreateByOpenid(request.openid, now);
  await users.claimOrg(user.id, org.id);
  const [isHead, isSecretary] = [request.isHead ?? false, request.isSecretary ?? false];
  await new Transactions(db).run(async (manager) => {
    await new StaffRolesRepository(db).upsert(manager, {
      id: newId(),
      userId: user.id,
      orgId: org.id,
      role: request.role,
      departmentId: department?.id ?? null,
      isHead,
      isSecretary,
      createdAt: now,
    });
    // No person to name as the actor: the grant says it came from the command line.
    const after = { role: request.role, department: department?.code ?? null, isHead, isSecretary, by: 'command line' };
    await new AuditLog(db).record(manager, { orgId: org.id, actorId: null, action: 'role.grant', entity: 'staff_role', entityKey: user.id, before: null, after }, now);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      openid: { type: 'string' },
      role: { type: 'string' },
      department: { type: 'string' },
      head: { type: 'boolean' },
      secretary: { type: 'boolean' },
    },
  });
  if (!values.org || !values.openid || !values.role) {
    console.error('usage: npm run grant -- --org <code> --openid <openid> --role admin|coordinator|leader|handler [--department <code>] [--head] [--secretary]');
    process.exit(64);
  }
  const db = new DataSource(dataSourceOptions(loadConfig().database, ENTITIES));
  await db.initialize();
  try {
    await grantRole(db, { org: values.org, openid: values.openid, role: values.role as Role, department: values.department, isHead: values.head, isSecretary: values.secretary });
    console.log(`${values.openid} is now ${values.role} of ${values.org}${values.department ? ` (${values.department})` : ''}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1]?.endsWith('grant.js')) await main();
