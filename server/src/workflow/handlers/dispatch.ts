// 批办单: a leader (or the office, by a category's standing rule) sends the appeal to a department with
// instructions and a deadline; again while it is being handled, to amend it or hand it to another.
import { defaultAnswerDue, formatLocal } from '@minqing/shared';
import { newId } from '../../common/columns.js';
import { DomainError } from '../../common/domain-error.js';
import { sectionOf } from '../../org/org-settings.js';
import type { TransitionHandler } from '../transition.js';

/** A deadline the leader sets within this of the policy's needs no reason. */
const DUE_TOLERANCE_MS = 3600_000;

export const dispatch: TransitionHandler<'dispatch'> = async ({ appeal, org, category, actor, body, now, lookups, coDepartments: before }) => {
  const department = await lookups.department(appeal.orgId, body.department);
  if (!department) throw new DomainError('DEPARTMENT_UNKNOWN');
  // 协办: other departments than the lead, each once.
  const coCodes = body.coDepartments ?? [];
  if (coCodes.includes(department.code) || new Set(coCodes).size !== coCodes.length) throw new DomainError('CO_DEPARTMENT_INVALID');
  const co = await Promise.all(coCodes.map((code) => lookups.department(appeal.orgId, code)));
  if (co.some((d) => !d)) throw new DomainError('DEPARTMENT_UNKNOWN');
  const earlier = new Map(before.map((row) => [row.departmentId, row]));
  const coDepartments = co.map((d) => ({ id: d!.id, code: d!.code, name: d!.name, added: !earlier.has(d!.id), answered: earlier.get(d!.id)?.answeredAt != null }));
  // Those the amended sheet leaves off are told they need not answer (one made the lead hears of its new sheet instead).
  const kept = new Set([department.id, ...coDepartments.map((d) => d.id)]);
  const coDropped = (await Promise.all(before.filter((row) => !kept.has(row.departmentId)).map((row) => lookups.departmentById(row.departmentId))))
    .filter((d) => d !== null)
    .map((d) => ({ id: d.id, code: d.code, name: d.name }));
  let assigneeId: string | null = null;
  if (body.assignee) {
    if (!(await lookups.isHandlerOf(appeal.orgId, body.assignee, department.id))) throw new DomainError('ASSIGNEE_INVALID');
    assigneeId = body.assignee;
  }
  const policyDue = defaultAnswerDue(now, category.answerHours, appeal.urgent, sectionOf(org, 'deadlines'));
  const dueAt = body.dueAt ? new Date(body.dueAt) : policyDue;
  if (dueAt <= now) throw new DomainError('DUE_AT_INVALID');
  const overridden = Math.abs(dueAt.getTime() - policyDue.getTime()) > DUE_TOLERANCE_MS;
  if (overridden && !body.reason?.trim()) throw new DomainError('DUE_AT_REASON_REQUIRED');
  const amended = appeal.status !== 'accepted';
  const instructions = body.instructions.trim();
  return {
    changes: { departmentId: department.id, assigneeId, dueAt },
    // The machine hands the appeal over (to be acknowledged afresh) when the department changes.
    resolved: { department: department.code },
    sheet: {
      id: newId(),
      appealId: appeal.id,
      orgId: appeal.orgId,
      departmentId: department.id,
      assigneeId,
      instructions,
      measures: body.measures?.trim() || null,
      dueAt,
      dueReason: overridden ? body.reason!.trim() : null,
      issuedRole: actor,
      createdAt: now,
    },
    events: [
      {
        type: 'dispatched',
        text: `${amended ? '批办单已修改' : '已批办'}:由${department.name}${coDepartments.length ? `主办,${coDepartments.map((d) => d.name).join('、')}协办` : '办理'},${formatLocal(dueAt)} 前答复`,
        visibleToWorker: true,
        data: {
          department: department.code,
          coDepartments: coDepartments.map((d) => d.code),
          instructions,
          measures: body.measures?.trim() ?? null,
          dueAt: dueAt.toISOString(),
        },
      },
    ],
    coDepartmentIds: coDepartments.map((d) => d.id),
    facts: { department: { id: department.id, code: department.code, name: department.name }, coDepartments, coDropped },
  };
};
