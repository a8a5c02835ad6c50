// The values the server fits (shared/template-values.ts) are ones the simulator — WeChat's rules —
// accepts, for text of every kind: Chinese, emoji, Latin, digits, punctuation, empty.
import { TEMPLATE_VALUE_TYPES, fitTemplateValue } from '@minqing/shared';
import { invalidTemplateKey } from './template-rules.js';

const ALPHABETS = ['澡堂宿舍喇叭空调扣税', '🔥😀👷‍♂️🧧', 'abcXYZ', '0123456789', ',。!?-+ ', ''];

function randomText(seed: number): string {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const length = Math.floor(next() * 60);
  return Array.from({ length }, () => {
    const alphabet = Array.from(ALPHABETS[Math.floor(next() * ALPHABETS.length)] || ' ');
    return alphabet[Math.floor(next() * alphabet.length)];
  }).join('');
}

describe('fitted template values', () => {
  it.each(TEMPLATE_VALUE_TYPES)('are always accepted for %s', (type) => {
    for (let seed = 1; seed <= 300; seed++) {
      const value = type === 'time' || type === 'date' ? new Date(seed * 86_400_000) : randomText(seed);
      const fitted = fitTemplateValue(type, value);
      expect([type, typeof value === 'string' ? value : '', invalidTemplateKey({ [`${type}1`]: { value: fitted } })]).toEqual([type, typeof value === 'string' ? value : '', null]);
    }
  });
});
