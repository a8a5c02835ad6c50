// The answers to WeChat's subscription prompt are credits the worker gave: the submit tap asks first (WeChat shows
// the prompt only inside a tap), and a form its check then refuses must not throw them away.
import { askedThenChecked, keepAnswers, type SubscriptionAnswers } from '../../miniprogram/src/utils/subscription-answers.js';

describe('the subscription prompt’s answers', () => {
  it('are sent even when the form’s check refuses it after the prompt', async () => {
    const recorded: SubscriptionAnswers[] = [];
    const answers = { tmplAccepted: 'accept', tmplReplied: 'reject' };
    const { kept, problems } = askedThenChecked(
      Promise.resolve(answers),
      async (a) => void recorded.push(a),
      () => ['APPEAL_CONTENT_TOO_SHORT'],
    );
    expect(problems).toEqual(['APPEAL_CONTENT_TOO_SHORT']);
    expect(await kept).toBe(1);
    expect(recorded).toEqual([answers]);
  });

  it('record nothing when there was no prompt (H5, an old WeChat) or it failed, and survive a failed record', async () => {
    const recorded: SubscriptionAnswers[] = [];
    const record = async (a: SubscriptionAnswers) => void recorded.push(a);
    expect(await keepAnswers(Promise.resolve(null), record)).toBe(0);
    expect(await keepAnswers(Promise.reject(new Error('requestSubscribeMessage:fail')), record)).toBe(0);
    expect(recorded).toEqual([]);
    expect(await keepAnswers(Promise.resolve({ a: 'accept', b: 'accept' }), () => Promise.reject(new Error('offline')))).toBe(2);
  });
});
