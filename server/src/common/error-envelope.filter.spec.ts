import { NotFoundException } from '@nestjs/common';
import { DomainError } from './domain-error.js';
import { toEnvelope } from './error-envelope.filter.js';

describe('the error envelope', () => {
  it("carries a domain error's code and sentence", () => {
    expect(toEnvelope(new DomainError('APPEAL_CONTENT_TOO_LONG'))).toEqual({
      statusCode: 400,
      code: 'APPEAL_CONTENT_TOO_LONG',
      message: '诉求内容最多 1000 个字,请精简后再提交',
    });
  });

  it('maps a lost database connection to 503, not 500', () => {
    expect(toEnvelope(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
  });

  it("never leaks an unknown error's text", () => {
    const envelope = toEnvelope(new Error('SELECT * FROM users -- secret'));
    expect(envelope).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.any(String) });
    expect(envelope.message).not.toContain('SELECT');
  });

  it('maps framework 404s and Fastify 4xx errors', () => {
    expect(toEnvelope(new NotFoundException())).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(toEnvelope(Object.assign(new Error('Body is too large'), { statusCode: 413 }))).toMatchObject({ statusCode: 413, code: 'UPLOAD_TOO_LARGE' });
  });
});
