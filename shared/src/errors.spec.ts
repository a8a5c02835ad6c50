import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from './errors.js';

describe('the error table', () => {
  const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[];

  it('gives every code a sentence a worker can read', () => {
    for (const code of codes) expect([code, ERROR_MESSAGES[code]]).toEqual([code, expect.stringMatching(/[\u4e00-\u9fa5]/)]);
  });

  it('gives every code, and only the codes, an HTTP error status', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...codes].sort());
    for (const code of codes) expect([code, Number.isInteger(ERROR_STATUS[code]) && ERROR_STATUS[code] >= 400 && ERROR_STATUS[code] <= 599]).toEqual([code, true]);
  });

  it('answers the two kinds with their own status: a broken body 400, a missing resource 404', () => {
    expect([ERROR_STATUS.VALIDATION_FAILED, ERROR_STATUS.NOT_FOUND]).toEqual([400, 404]);
  });
});
