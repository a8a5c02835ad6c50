// WeChat's rules for subscription-message values, by the type named in the key's prefix
// (`thing1`, `phrase3`, `time2` ...). A value that breaks its rule makes WeChat answer 47003.

const chars = (value: string) => Array.from(value).length;

const RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => chars(v) <= 20,
  phrase: (v) => chars(v) <= 5 && /^[\u4e00-\u9fa5]+$/.test(v),
  name: (v) => chars(v) <= 10,
  character_string: (v) => chars(v) <= 32 && /^[\x21-\x7e]+$/.test(v),
  number: (v) => chars(v) <= 32 && /^[0-9.]+$/.test(v),
  letter: (v) => chars(v) <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => chars(v) <= 5 && /^[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+$/.test(v),
  amount: (v) => chars(v) <= 11 && /^[¥￥]?\d+(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => chars(v) <= 17 && /^[0-9+\- ]+$/.test(v),
  car_number: (v) => chars(v) <= 8,
  date: (v) => /^\d{4}[-年]\d{1,2}[-月]\d{1,2}日?$/.test(v),
  time: (v) => /^\d{4}[-年]\d{1,2}[-月]\d{1,2}日? ?\d{1,2}:\d{2}(:\d{2})?$|^\d{1,2}:\d{2}(:\d{2})?$/.test(v),
};

/** The first key whose value WeChat would refuse, or null. */
export function invalidTemplateKey(data: Record<string, { value?: unknown }>): string | null {
  for (const [key, entry] of Object.entries(data)) {
    const type = key.replace(/\d+$/, '');
    const rule = RULES[type];
    const value = entry?.value;
    if (!rule || typeof value !== 'string' || value === '' || !rule(value)) return key;
  }
  return null;
}
