// Subscription-message values fitted to WeChat's limits in one place: `thing` ≤ 20
// characters, `phrase` ≤ 5 Chinese characters, `name` ≤ 10, `character_string` ≤ 32, `time` as a date
// and time. A value is cut by characters, never inside a surrogate pair; what a type cannot hold
// (a phrase that is not Chinese) falls back to a value the type accepts.
import { localParts } from './time.js';
import { DEFAULT_TIME_ZONE } from './time.js';

export const TEMPLATE_VALUE_TYPES = ['thing', 'phrase', 'name', 'character_string', 'number', 'time', 'date', 'phone_number'] as const;
export type TemplateValueType = (typeof TEMPLATE_VALUE_TYPES)[number];

const LIMITS: Record<TemplateValueType, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  time: 32,
  date: 32,
  phone_number: 17,
};

/** Characters as WeChat counts them: whole code points. */
function cut(value: string, max: number, ellipsis: boolean): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return ellipsis ? chars.slice(0, max - 1).join('') + '…' : chars.slice(0, max).join('');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The type of a template key: `thing1` → thing, `character_string3` → character_string. */
export function templateValueType(key: string): TemplateValueType | null {
  const type = key.replace(/\d+$/, '');
  return (TEMPLATE_VALUE_TYPES as readonly string[]).includes(type) ? (type as TemplateValueType) : null;
}

export function fitTemplateValue(type: TemplateValueType, value: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (value instanceof Date || type === 'time' || type === 'date') {
    const at = value instanceof Date ? value : new Date(value);
    const p = localParts(at, timeZone);
    const day = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
    return type === 'date' ? day : `${day} ${pad(p.hour)}:${pad(p.minute)}`;
  }
  const text = value.replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'thing':
      return cut(text || '无', LIMITS.thing, true);
    case 'name':
      return cut(text || '职工', LIMITS.name, false);
    case 'phrase': {
      // Only Chinese characters are accepted in a phrase.
      const chinese = Array.from(text)
        .filter((c) => /[\u4e00-\u9fa5]/.test(c))
        .join('');
      return cut(chinese || '已处理', LIMITS.phrase, false);
    }
    case 'character_string':
      return cut(text.replace(/[^\x21-\x7e]/g, '') || '-', LIMITS.character_string, false);
    case 'number':
      return cut(text.replace(/[^0-9.]/g, '') || '0', LIMITS.number, false);
    case 'phone_number':
      return cut(text.replace(/[^0-9+\- ]/g, '').trim() || '-', LIMITS.phone_number, false);
  }
}

/** Fits every value of a message's data by the type its key names. */
export function fitTemplateData(data: Record<string, string | Date>, timeZone: string = DEFAULT_TIME_ZONE): Record<string, { value: string }> {
  const fitted: Record<string, { value: string }> = {};
  for (const [key, value] of Object.entries(data)) {
    const type = templateValueType(key);
    if (!type) throw new Error(`template key ${key} names no value type WeChat knows`);
    fitted[key] = { value: fitTemplateValue(type, value, timeZone) };
  }
  return fitted;
}
