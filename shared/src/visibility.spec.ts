import { IDENTITIES } from './enums.js';
import { IDENTITY_VIEWERS, identityFor, revealable, visibleFields } from './visibility.js';

const worker = { name: '保密甲', unit: '综采一队', phone: '13900004821' };

describe('the identity table', () => {
  it('shows an anonymous worker to nobody but themself, reveal or not', () => {
    for (const viewer of IDENTITY_VIEWERS.filter((v) => v !== 'owner')) {
      expect([...visibleFields('anonymous', viewer, true)]).toEqual([]);
      expect(revealable('anonymous', viewer)).toBe(false);
    }
  });

  it('shows a confidential worker only to the office, and only through a granted reveal', () => {
    expect(identityFor('confidential', 'coordinator', worker)).toBeNull();
    expect(identityFor('confidential', 'coordinator', worker, true)).toEqual(worker);
    for (const viewer of ['leader', 'handler', 'admin', 'public', 'recipient'] as const) expect(identityFor('confidential', viewer, worker, true)).toBeNull();
  });

  it('shows a named worker to the office and the department, never to leaders, the public or a message', () => {
    expect(identityFor('named', 'coordinator', worker)).toEqual(worker);
    expect(identityFor('named', 'handler', worker)).toEqual(worker);
    for (const viewer of ['leader', 'admin', 'public', 'recipient'] as const) expect(identityFor('named', viewer, worker)).toBeNull();
  });

  it('never shows anyone but the worker their openid', () => {
    for (const identity of IDENTITIES) for (const viewer of IDENTITY_VIEWERS) expect(visibleFields(identity, viewer, true).has('openid')).toBe(viewer === 'owner');
  });
});
