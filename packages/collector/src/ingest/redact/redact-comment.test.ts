import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid } from './checksums.js';
import { redactComment } from './redact-comment.js';

describe('checksums', () => {
  it('Luhn and IBAN mod-97 accept real numbers and refuse one changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('8112189876')).toBe(true); // Skatteverket's example personnummer
    expect(ibanValid('SE4550000000058398257466')).toBe(true);
    expect(ibanValid('SE4550000000058398257467')).toBe(false);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
  });
});

describe('redactComment', () => {
  it.each([
    ['e-mail', 'Write to ada.lind+npskit@exempel.se please', 'Write to [email] please'],
    [
      'IBAN with spaces',
      'Refund to SE45 5000 0000 0583 9825 7466 thanks',
      'Refund to [iban] thanks',
    ],
    ['card number in groups', 'Charged twice on 4111 1111 1111 1111!', 'Charged twice on [card]!'],
    ['card number with dashes', 'card 5555-5555-5555-4444', 'card [card]'],
    [
      'personnummer with dash',
      'Mitt personnummer är 811218-9876.',
      'Mitt personnummer är [personal number].',
    ],
    ['personnummer, 12 digits', 'pnr 198112189876', 'pnr [personal number]'],
    ['coordination number', 'samordningsnr 701063-2391', 'samordningsnr [personal number]'],
    ['Swedish mobile', 'Ring mig på 070-123 45 67', 'Ring mig på [phone]'],
    ['international phone', 'Call +46 8 123 456 78 after five', 'Call [phone] after five'],
  ])('redacts a %s', (_, comment, expected) => {
    expect(redactComment(comment)).toEqual({ text: expected, redacted: true });
  });

  it.each([
    ['an order number', 'Order NC-48213 arrived late'],
    ['a price and a year', 'Paid 349 kr in 2025, worth it'],
    ['a number that fails Luhn', 'Ticket 4111 1111 1111 1112'],
    ['a date-shaped number that fails Luhn', 'Reference 811218-9875'],
    ['an IBAN-shaped code that fails mod-97', 'Code SE45 5000 0000 0583 9825 7467'],
    ['a short number starting with 0', 'Room 0123'],
    ['a plain comment', 'Great coffee, friendly staff 😊'],
  ])('leaves %s alone', (_, comment) => {
    expect(redactComment(comment)).toEqual({ text: comment, redacted: false });
  });
});
