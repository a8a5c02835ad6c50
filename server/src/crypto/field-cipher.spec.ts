import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/app-config.js';
import { FieldCipher } from './field-cipher.js';

describe('FieldCipher', () => {
  const cipher = new FieldCipher(loadConfig({ DATA_KEY: randomBytes(32).toString('base64') }));

  it('round-trips a phone and never stores it readable', () => {
    const stored = cipher.encrypt('13800138000');
    expect(stored).not.toContain('138');
    expect(cipher.decrypt(stored)).toBe('13800138000');
  });

  it('gives a different ciphertext each time (random IV)', () => {
    expect(cipher.encrypt('13800138000')).not.toBe(cipher.encrypt('13800138000'));
  });

  it('detects tampering', () => {
    const [v, iv, tag, body] = cipher.encrypt('13800138000').split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });
});
