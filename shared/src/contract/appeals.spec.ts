import { defaultIdentityFor, isValidIdempotencyKey, normalizePhone, validateMessage, validateSubmitAppeal } from './appeals.js';

const valid = { org: 'cy', category: 'living', content: '女职工澡堂开放时间太短,下夜班洗不上澡', identity: 'named' };
const codes = (body: unknown) => validateSubmitAppeal(body).map((e) => e.code);

describe('validateSubmitAppeal', () => {
  it('accepts a complete appeal from the form', () => {
    expect(codes({ ...valid, place: 'bath', phone: '138 0013 8000', photos: ['a'], publishConsent: true })).toEqual([]);
  });

  it.each([
    [{ ...valid, content: '' }, 'APPEAL_CONTENT_REQUIRED'],
    [{ ...valid, content: '  空调  ' }, 'APPEAL_CONTENT_TOO_SHORT'],
    [{ ...valid, content: '热'.repeat(1001) }, 'APPEAL_CONTENT_TOO_LONG'],
    [{ ...valid, identity: 'famous' }, 'APPEAL_IDENTITY_INVALID'],
    [{ ...valid, phone: '12345' }, 'APPEAL_PHONE_INVALID'],
    [{ ...valid, photos: ['a', 'b', 'c', 'd'] }, 'APPEAL_PHOTOS_TOO_MANY'],
    [{ ...valid, category: '' }, 'CATEGORY_UNKNOWN'],
    [{ ...valid, isAdmin: true }, 'BODY_FIELD_UNKNOWN'],
    [[valid], 'VALIDATION_FAILED'],
  ])('refuses %j with %s', (body, code) => {
    expect(codes(body)).toContain(code);
  });

  it('takes a voice note in place of the minimum text, never in place of the maximum', () => {
    expect(codes({ ...valid, content: '', voice: 'v1' })).toEqual([]);
    expect(codes({ ...valid, content: '空调', voice: 'v1' })).toEqual([]);
    expect(codes({ ...valid, content: '热'.repeat(1001), voice: 'v1' })).toEqual(['APPEAL_CONTENT_TOO_LONG']);
    // No voice (absent, null or ''): the text's minimum as before.
    expect(codes({ ...valid, content: '', voice: '' })).toEqual(['APPEAL_CONTENT_REQUIRED']);
    expect(codes({ ...valid, content: '空调', voice: null })).toEqual(['APPEAL_CONTENT_TOO_SHORT']);
    expect(codes({ ...valid, content: '', voice: 'x'.repeat(65) })).toEqual(['APPEAL_VOICE_UNKNOWN']);
  });

  it('takes a 补充说明 said in a voice note with no words', () => {
    expect(validateMessage({ text: '', voice: 'v1' })).toEqual([]);
    expect(validateMessage({ text: ' ', voice: null }).map((e) => e.code)).toEqual(['MESSAGE_TEXT_REQUIRED']);
    expect(validateMessage({ text: '热'.repeat(501), voice: 'v1' }).map((e) => e.code)).toEqual(['MESSAGE_TEXT_TOO_LONG']);
  });

  it('takes a 补充说明 of photos alone, at most three', () => {
    expect(validateMessage({ text: '', photos: ['p1', 'p2', 'p3'] })).toEqual([]);
    expect(validateMessage({ text: '', photos: [] }).map((e) => e.code)).toEqual(['MESSAGE_TEXT_REQUIRED']);
    expect(validateMessage({ text: '看照片', photos: ['p1', 'p2', 'p3', 'p4'] }).map((e) => e.code)).toEqual(['APPEAL_PHOTOS_TOO_MANY']);
  });

  it('lists a text too short for a body without a voice where the text is, before the fields after it', () => {
    expect(validateSubmitAppeal({ ...valid, content: '空调', identity: 'famous' }).map((e) => e.field)).toEqual(['content', 'identity']);
  });

  it('counts characters, not UTF-16 units: 1000 emoji are allowed', () => {
    expect(codes({ ...valid, content: '😀'.repeat(1000) })).toEqual([]);
  });
});

describe('phones and keys', () => {
  it('normalizes mobile and landline numbers', () => {
    expect(normalizePhone('138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('0358-1234567')).toBe('03581234567');
    expect(normalizePhone('2800138000')).toBeNull();
  });
  it('preselects confidential for 权益维护 only', () => {
    expect(defaultIdentityFor('rights')).toBe('confidential');
    expect(defaultIdentityFor('living')).toBe('named');
  });
  it('accepts uuid-like idempotency keys only', () => {
    expect(isValidIdempotencyKey('8c4b2a36-1f8e-4c8e-9c31-0e2f3a4b5c6d')).toBe(true);
    expect(isValidIdempotencyKey('short')).toBe(false);
    expect(isValidIdempotencyKey("x'; drop table--")).toBe(false);
  });
});

import { yuanTextToFen } from '../text.js';

describe('yuan typed by a person, as whole fen', () => {
  it.each([
    ['500', 50000],
    ['500.5', 50050],
    ['1,200.05', 120005],
    [' 0.01 ', 1],
  ])('reads %s as %i fen', (text, fen) => expect(yuanTextToFen(text)).toBe(fen));

  it.each(['', '0', '1.234', '-5', 'abc', '1e3', '12345678'])('refuses %j', (text) => expect(yuanTextToFen(text)).toBeNull());
});
