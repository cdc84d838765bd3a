import { describe, expect, it } from 'vitest';
import { ARGON2_PARAMS, checkPasswordPolicy, commonPasswords, hashPassword, verifyPassword } from './passwords.ts';

describe('password policy', () => {
  it('ships the 10,000 most common passwords', () => {
    const list = commonPasswords();
    expect(list.size).toBe(10_000);
    for (const p of ['password', '123456', 'qwerty', 'iloveyou', 'trustno1']) expect(list.has(p)).toBe(true);
  });

  it('wants at least 12 characters, counted as characters (Vietnamese letters are one each)', () => {
    expect(checkPasswordPolicy('ngắn quá', [])).toBe('PASSWORD_TOO_SHORT');
    expect(checkPasswordPolicy('Đường về làng', [])).toBeNull();
    expect(checkPasswordPolicy('x'.repeat(129), [])).toBe('PASSWORD_TOO_LONG');
  });

  it('refuses common passwords, also padded, repeated or in capitals', () => {
    for (const p of [
      'passwordpassword',
      'PASSWORD1234',
      'baseball2024!',
      '123456123456',
      'aaaaaaaaaaaa',
      'ILOVEYOUILOVEYOU',
    ]) {
      expect(checkPasswordPolicy(p, []), p).toBe('PASSWORD_COMMON');
    }
    expect(checkPasswordPolicy('correct horse battery staple', [])).toBeNull();
  });

  it('refuses the username, the e-mail or the phone number as the password', () => {
    expect(checkPasswordPolicy('lan.nguyen.badinh', ['lan.nguyen.badinh'])).toBe('PASSWORD_IS_USERNAME');
    expect(checkPasswordPolicy('LAN.NGUYEN.BADINH1', ['lan.nguyen.badinh'])).toBe('PASSWORD_IS_USERNAME');
    expect(checkPasswordPolicy('lan.nt@example.vn', ['x', 'lan.nt@example.vn'])).toBe('PASSWORD_IS_USERNAME');
    expect(checkPasswordPolicy('0912345678901', ['0912345678901'])).toBe('PASSWORD_IS_USERNAME');
    expect(checkPasswordPolicy('lan.nguyen.badinh đi chợ sớm', ['lan.nguyen.badinh'])).toBeNull();
  });

  it('hashes with argon2id at the chosen parameters and verifies', async () => {
    const h = await hashPassword('Hoa sen nở giữa đầm');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=65536,t=4,p=1\$/);
    expect(ARGON2_PARAMS.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(await verifyPassword(h, 'Hoa sen nở giữa đầm')).toBe(true);
    // The same text typed in decomposed form (NFD) is the same password.
    expect(await verifyPassword(h, 'Hoa sen nở giữa đầm'.normalize('NFD'))).toBe(true);
    expect(await verifyPassword(h, 'hoa sen nở giữa đầm')).toBe(false);
  });
});
