import { allowedActions, canTransition, decideActor, nextStatus } from './status-machine.js';

describe('status machine', () => {
  it('lets the office accept a new appeal, and nobody else', () => {
    expect(canTransition('accept', 'submitted', 'coordinator')).toBe(true);
    expect(canTransition('accept', 'submitted', 'handler')).toBe(false);
    expect(nextStatus('accept', 'submitted')).toBe('accepted');
  });
  it('lets the worker rate only after a reply', () => {
    expect(allowedActions('replied', ['owner'])).toEqual(['rate', 'messages']);
    expect(allowedActions('submitted', ['owner'])).toEqual(['messages', 'withdraw']);
    expect(allowedActions('closed', ['owner'])).toEqual([]);
  });
  it('lets the worker withdraw until the office accepts, and nobody else ever', () => {
    expect(nextStatus('withdraw', 'submitted')).toBe('withdrawn');
    expect(decideActor('withdraw', 'accepted', ['owner'])).toEqual({ refused: 'conflict', code: 'WITHDRAW_TOO_LATE' });
    expect(decideActor('withdraw', 'withdrawn', ['owner'])).toEqual({ refused: 'conflict', code: 'APPEAL_STATUS_CONFLICT' });
    expect(decideActor('withdraw', 'submitted', ['coordinator', 'leader'])).toEqual({ refused: 'forbidden' });
    expect(allowedActions('withdrawn', ['owner', 'coordinator'])).toEqual([]);
  });
  it('refuses an action from a status it does not start from', () => {
    expect(() => nextStatus('reply', 'submitted')).toThrow();
  });
});

describe('the rules that decide by more than the status', () => {
  it('reopens on 不满意 once, and closes on any other rating', () => {
    expect(nextStatus('rate', { status: 'replied', reopenCount: 0 }, { rating: 'unsatisfied' })).toBe('accepted');
    expect(nextStatus('rate', { status: 'replied', reopenCount: 1 }, { rating: 'unsatisfied' })).toBe('closed');
    expect(nextStatus('rate', { status: 'replied', reopenCount: 0 }, { rating: 'basic' })).toBe('closed');
  });
  it('lets a merged appeal be called and rated once it carries a reply, once per reply, staying merged', () => {
    expect(allowedActions({ status: 'merged' }, ['owner'])).toEqual([]);
    expect(allowedActions({ status: 'merged' }, ['coordinator'])).toEqual([]);
    expect(allowedActions({ status: 'merged', replied: true }, ['owner'])).toEqual(['rate']);
    expect(allowedActions({ status: 'merged', replied: true }, ['coordinator'])).toEqual(['calls']);
    expect(allowedActions({ status: 'merged', replied: true, rated: true }, ['owner'])).toEqual([]);
    expect(nextStatus('rate', { status: 'merged', replied: true }, { rating: 'unsatisfied' })).toBe('merged');
    expect(decideActor('rate', { status: 'merged' }, ['owner'])).toEqual({ refused: 'conflict', code: 'APPEAL_STATUS_CONFLICT' });
  });
  it('hands an amended sheet to another department to acknowledge afresh, keeps it with the same one', () => {
    expect(nextStatus('dispatch', 'accepted', { department: 'logistics' })).toBe('dispatched');
    expect(nextStatus('dispatch', { status: 'in_progress', department: 'logistics' }, { department: 'logistics' })).toBe('in_progress');
    expect(nextStatus('dispatch', { status: 'in_progress', department: 'logistics' }, { department: 'payroll' })).toBe('dispatched');
  });
  it('opens the extension decision to leaders only while a request is pending', () => {
    expect(allowedActions({ status: 'in_progress', extensionPending: true }, ['leader'])).toContain('extension-decision');
    expect(allowedActions({ status: 'in_progress' }, ['leader'])).not.toContain('extension-decision');
    expect(decideActor('extension-decision', { status: 'in_progress' }, ['leader'])).toEqual({ refused: 'conflict', code: 'EXTENSION_NONE' });
    expect(decideActor('extension-decision', { status: 'in_progress', extensionPending: true }, ['handler'])).toEqual({ refused: 'forbidden' });
  });
  it('lets the office dispatch only by a standing rule, as a matter of role (403), not of time (409)', () => {
    expect(decideActor('dispatch', { status: 'accepted' }, ['coordinator'])).toEqual({ refused: 'forbidden' });
    expect(decideActor('dispatch', { status: 'accepted', standingRule: true }, ['coordinator'])).toEqual({ actor: 'coordinator' });
    expect(decideActor('dispatch', { status: 'submitted', standingRule: true }, ['coordinator'])).toEqual({ refused: 'conflict', code: 'APPEAL_STATUS_CONFLICT' });
    expect(decideActor('dispatch', 'submitted', ['leader', 'coordinator'])).toEqual({ refused: 'conflict', code: 'APPEAL_STATUS_CONFLICT' });
  });
});
