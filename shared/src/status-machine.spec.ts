import { allowedActions, canTransition, nextStatus } from './status-machine.js';

describe('status machine', () => {
  it('lets the office accept a new appeal, and nobody else', () => {
    expect(canTransition('accept', 'submitted', 'coordinator')).toBe(true);
    expect(canTransition('accept', 'submitted', 'handler')).toBe(false);
    expect(nextStatus('accept', 'submitted')).toBe('accepted');
  });
  it('lets the worker rate only after a reply', () => {
    expect(allowedActions('replied', ['owner'])).toEqual(['rate', 'messages']);
    expect(allowedActions('submitted', ['owner'])).toEqual(['messages']);
    expect(allowedActions('closed', ['owner'])).toEqual([]);
  });
  it('refuses an action from a status it does not start from', () => {
    expect(() => nextStatus('reply', 'submitted')).toThrow();
  });
});
