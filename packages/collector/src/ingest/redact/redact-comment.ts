import { ibanValid, luhnValid } from './checksums.js';

/** What a redaction put in place of what it removed. */
export const REDACTION_LABELS = {
  email: '[email]',
  iban: '[iban]',
  card: '[card]',
  personalNumber: '[personal number]',
  phone: '[phone]',
} as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Country code and check digits, then either 11–30 characters in one run or groups of four
// separated by single spaces (the printed form), the last group 1–4 long.
const IBAN = /\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)\b/gi;
// 13–19 digits, optionally in groups separated by one space or dash.
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
// Swedish personnummer / samordningsnummer: (CC)YYMMDD, then -, + or nothing, then 4 digits.
const PERSONAL = /(?<!\d)(?:19|20)?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)/g;
// A phone number starts with +, 00 or 0 and has 8–15 digits in groups of spaces, dashes, dots or
// parentheses — so "order 48213" or "349 kr" are left alone.
const PHONE = /(?<![\w+])(?:\+|00|0|\(0)[\d\s().-]{6,22}\d(?!\w)/g;

function personalNumber(match: string, month: string, day: string, digits: string, last4: string) {
  const m = Number(month);
  const d = Number(day);
  // Coordination numbers (samordningsnummer) add 60 to the day.
  const validDay = (d >= 1 && d <= 31) || (d >= 61 && d <= 91);
  return m >= 1 && m <= 12 && validDay && luhnValid(digits + last4) ? match : undefined;
}

/**
 * Redacts obvious personal data from a comment before it is stored: e-mail addresses, IBANs (mod-97
 * checked), card numbers (Luhn), Swedish personal identity and coordination numbers (date-shaped,
 * Luhn) and phone numbers (starting with +, 00 or 0, 8–15 digits). Checksums keep order numbers,
 * prices and dates out of it. Returns the new text and whether anything was replaced.
 *
 * @example redactComment('Mail me at ada@example.com') // { text: 'Mail me at [email]', redacted: true }
 */
export function redactComment(comment: string): { text: string; redacted: boolean } {
  let redacted = false;
  const replace = (label: string) => {
    redacted = true;
    return label;
  };
  const text = comment
    .replace(EMAIL, () => replace(REDACTION_LABELS.email))
    .replace(IBAN, (match) =>
      ibanValid(match.replaceAll(' ', '')) ? replace(REDACTION_LABELS.iban) : match,
    )
    .replace(CARD, (match) =>
      luhnValid(match.replace(/[ -]/g, '')) ? replace(REDACTION_LABELS.card) : match,
    )
    .replace(PERSONAL, (match, yy: string, mm: string, dd: string, last4: string) =>
      personalNumber(match, mm, dd, yy + mm + dd, last4) === undefined
        ? match
        : replace(REDACTION_LABELS.personalNumber),
    )
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15 ? replace(REDACTION_LABELS.phone) : match;
    });
  return { text, redacted };
}
