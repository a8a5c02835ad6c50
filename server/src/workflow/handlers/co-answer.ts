// 协办意见: a co-handling department answers its part of a sheet another department leads (主办). It
// changes no status: the lead's answer (respond) closes the department stage. Kept once per department
// and sheet (a conditional update in the write), and carried to an amended sheet that still names it.
import { ConflictError } from '../../common/domain-error.js';
import type { TransitionHandler } from '../transition.js';

export const coAnswer: TransitionHandler<'co-answer'> = async ({ appeal, body, coDepartments, actingDepartmentId, lookups }) => {
  const row = coDepartments.find((r) => r.departmentId === actingDepartmentId);
  if (!row || row.answeredAt) throw new ConflictError('CO_ANSWER_DONE', appeal.status);
  const department = (await lookups.departmentById(row.departmentId))!;
  const text = body.text.trim();
  return {
    changes: {},
    coAnswer: { departmentId: row.departmentId, text },
    events: [
      {
        type: 'co_answered',
        text: `${department.name}协办意见:${text}`,
        // The worker hears the answer from the office, as one; the parts stay between the departments.
        visibleToWorker: false,
        data: { departmentId: department.id, department: department.code },
      },
    ],
    facts: { department: { id: department.id, code: department.code, name: department.name } },
  };
};
