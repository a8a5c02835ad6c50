import { maskMobilesInText, maskName, maskPhone } from './mask.js';

describe('masking', () => {
  it('masks a phone and a name for display', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('段伟')).toBe('段*');
  });

  it.each([
    ['有事请打王主任手机13812345678', '有事请打王主任手机138****5678'],
    ['手机 138-1234-5678 或 +86 139 1234 5678', '手机 138****5678 或 139****5678'],
    ['办公室电话 0351-6012345,工号 2013812345678 不是手机', '办公室电话 0351-6012345,工号 2013812345678 不是手机'],
    ['12345678901 不是手机号', '12345678901 不是手机号'],
    ['您的诉求 O_E2D19431202611-0005 未予受理', '您的诉求 O_E2D19431202611-0005 未予受理'],
  ])('masks the mobiles in %s', (text, expected) => {
    expect(maskMobilesInText(text)).toBe(expected);
  });
});
