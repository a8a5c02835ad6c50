import { ERROR_STATUS, fieldError } from '@minqing/shared';
import { ConflictError, DomainError } from './domain-error.js';

describe("a domain error's status", () => {
  it("is its code's, from the contract's table", () => {
    expect(new DomainError('PLACE_UNKNOWN').statusCode).toBe(ERROR_STATUS.PLACE_UNKNOWN);
    expect(new DomainError('RELIEF_BUDGET_EXCEEDED', { budgetFen: 1 }).statusCode).toBe(409);
    expect(new ConflictError('APPEAL_VERSION_CONFLICT', 'triaged')).toMatchObject({ statusCode: 409, details: { currentStatus: 'triaged' } });
  });

  it('is 404 for what a URL names and does not exist, whatever the code', () => {
    expect(DomainError.notFound('PLACE_UNKNOWN')).toMatchObject({ statusCode: 404, code: 'PLACE_UNKNOWN' });
    expect(DomainError.notFound()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it("is 400 for a body that broke the rules, led by the first rule's code", () => {
    const error = DomainError.invalid([fieldError('place', 'PLACE_UNKNOWN'), fieldError('extra', 'BODY_FIELD_UNKNOWN')]);
    expect(error).toMatchObject({ statusCode: 400, code: 'PLACE_UNKNOWN', details: { fields: [{ field: 'place' }, { field: 'extra' }] } });
  });
});
