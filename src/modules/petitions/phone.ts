/**
 * Vietnamese telephone numbers: mobiles 0 + 9 digits with the prefixes in service since the 2018 renumbering
 * (03x, 05x, 07x, 08x, 09x), fixed lines 02x + 8 digits; +84 / 84 accepted in place of the leading 0.
 * Returns the national form (0912345678) or null.
 */
const MOBILE = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7}$/;
const FIXED = /^02\d{9}$/;

export function normaliseVietnamesePhone(input: string): string | null {
  let s = input.replace(/[\s.\-()]/g, '');
  if (s.startsWith('+84')) s = `0${s.slice(3)}`;
  else if (s.startsWith('84') && s.length === 11) s = `0${s.slice(2)}`;
  return MOBILE.test(s) || FIXED.test(s) ? s : null;
}
