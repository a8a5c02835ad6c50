// 退单 (as a 12345 hotline's departments do it): a department sends back a sheet it should not have got,
// with a reason, to whoever dispatched it. The appeal waits for a new sheet again: it leaves the
// department (no longer in its queue, nor its to see), the department's clock stops, and the dispatcher
// is told (the reactions of the 'send-back' event).
import { DomainError } from '../../common/domain-error.js';
import type { TransitionHandler } from '../transition.js';

export const sendBack: TransitionHandler<'send-back'> = async ({ appeal, department, body, lookups }) => {
  const reason = body.reason.trim();
  if (!reason) throw new DomainError('ACTION_REASON_REQUIRED');
  const sheet = await lookups.currentSheet(appeal.id);
  const name = department?.name ?? '承办部门';
  return {
    // Nothing of the department's is left on the appeal: no department, person, deadline or pending extension.
    changes: { departmentId: null, assigneeId: null, dueAt: null, extensionUntil: null, extensionReason: null },
    // The co-handling departments (协办) of the sheet go with it.
    clearCoDepartments: true,
    events: [
      {
        type: 'sent_back',
        text: `${name}退回批办单:${reason}`,
        // Routing between the office, the leaders and the departments: the worker's timeline goes on at the next sheet.
        visibleToWorker: false,
        data: { department: department?.code ?? null, departmentName: department?.name ?? null, reason },
      },
    ],
    facts: {
      department: department ? { id: department.id, code: department.code, name: department.name } : null,
      reason,
      dispatcher: sheet ? { id: sheet.issuedBy, role: sheet.issuedRole } : null,
    },
  };
};
