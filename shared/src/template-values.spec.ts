import { fitTemplateData, fitTemplateValue } from './template-values.js';

const length = (s: string) => Array.from(s).length;

describe('fitting subscription-message values', () => {
  it('cuts a thing at 20 characters with an ellipsis, counting CJK and emoji as one each', () => {
    const long = '综掘二区会议室空调不制冷班前会职工酷热难耐望及时解决';
    const fitted = fitTemplateValue('thing', long);
    expect(length(fitted)).toBe(20);
    expect(fitted.endsWith('…')).toBe(true);
    const emoji = '🔥'.repeat(25);
    const cut = fitTemplateValue('thing', emoji);
    expect(length(cut)).toBe(20);
    // No half surrogate pair survives the cut.
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(fitTemplateValue('thing', '正好二十个字的事项说明文字这里是第二十')).toBe('正好二十个字的事项说明文字这里是第二十');
  });

  it('keeps a phrase to 5 Chinese characters and gives a fallback when there are none', () => {
    expect(fitTemplateValue('phrase', '已解决')).toBe('已解决');
    expect(fitTemplateValue('phrase', '督促办理中请耐心')).toBe('督促办理中');
    expect(fitTemplateValue('phrase', 'OK!')).toBe('已处理');
  });

  it('fits names, codes, numbers and phones to their own characters and limits', () => {
    expect(fitTemplateValue('name', '欧阳娜娜娜娜娜娜娜娜娜')).toBe('欧阳娜娜娜娜娜娜娜娜');
    expect(fitTemplateValue('character_string', 'CY202611-0042 编号')).toBe('CY202611-0042');
    expect(length(fitTemplateValue('character_string', 'X'.repeat(40)))).toBe(32);
    expect(fitTemplateValue('number', '共 12 条')).toBe('12');
    expect(fitTemplateValue('phone_number', '电话:0358-1234567')).toBe('0358-1234567');
  });

  it('writes times and dates in the organisation zone', () => {
    expect(fitTemplateValue('time', new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25 00:30');
    expect(fitTemplateValue('date', new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
  });

  it('fits a whole message by its keys and refuses a key of no known type', () => {
    expect(fitTemplateData({ character_string1: 'CY202611-0042', thing2: '澡堂开放时间已延长到晚上九点半方便下夜班职工', phrase3: '已解决' })).toEqual({
      character_string1: { value: 'CY202611-0042' },
      thing2: { value: '澡堂开放时间已延长到晚上九点半方便下夜…' },
      phrase3: { value: '已解决' },
    });
    expect(() => fitTemplateData({ color1: 'blue' })).toThrow(/color1/);
  });
});
