import { maskBankNumber, maskIdNumber } from './masking';
import { PiiCipher } from './pii-cipher';

const key = Buffer.alloc(32, 7).toString('base64');

describe('PiiCipher', () => {
  const cipher = new PiiCipher(key);

  it('round-trips and uses a fresh IV each time', () => {
    const a = cipher.encrypt('42011319900101123X');
    const b = cipher.encrypt('42011319900101123X');
    expect(a.equals(b)).toBe(false);
    expect(cipher.decrypt(a)).toBe('42011319900101123X');
  });

  it('detects tampering', () => {
    const sealed = cipher.encrypt('6222020200112233445');
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.decrypt(sealed)).toThrow();
  });

  it('gives equal blind indexes for equal values and different ones per key', () => {
    expect(cipher.blindIndex('x').equals(cipher.blindIndex('x'))).toBe(true);
    const other = new PiiCipher(Buffer.alloc(32, 8).toString('base64'));
    expect(other.blindIndex('x').equals(cipher.blindIndex('x'))).toBe(false);
  });

  it('rejects a key of the wrong size', () => {
    expect(() => new PiiCipher(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('masking', () => {
  it('masks ID numbers as 420113********1234', () => {
    expect(maskIdNumber('420113199001011234')).toBe('420113********1234');
  });
  it('keeps only the last four digits of bank numbers', () => {
    expect(maskBankNumber('6222020200112233445')).toBe('***************3445');
  });
});
