/**
 * Redaction of text before it is published: whatever the reviewer left in, phone numbers, e-mail addresses and
 * identity numbers (9-digit ID cards, 12-digit citizen IDs) never reach a public page.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Runs of digits possibly broken by spaces, dots or dashes, 9 or more digits long, with an optional +84.
const DIGIT_RUN = /(\+?\d[\d\s.-]{7,}\d)/g;

export const REDACTED = '[đã ẩn]';

export function redact(text: string, extra: string[] = []): string {
  let out = text.replace(EMAIL, REDACTED).replace(DIGIT_RUN, (m) => (m.replace(/\D/g, '').length >= 9 ? REDACTED : m));
  for (const word of extra) {
    const w = word.trim();
    if (w.length >= 2) out = out.split(w).join(REDACTED);
  }
  return out;
}
