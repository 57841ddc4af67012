import type { BusinessHours, CasesConfig } from '@npskit/core/schema';
import { casesConfigSchema } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import { addBusinessHours, caseDueAt } from './sla.js';
import { wallTime, zonedInstant } from './zoned-time.js';

const stockholm: BusinessHours = {
  timeZone: 'Europe/Stockholm',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
};
const at = (iso: string) => Date.parse(iso);

describe('zoned time', () => {
  it('finds the instant of a Stockholm wall time in winter and summer', () => {
    expect(zonedInstant('Europe/Stockholm', 2025, 1, 15, 9, 0)).toBe(at('2025-01-15T08:00:00Z'));
    expect(zonedInstant('Europe/Stockholm', 2025, 7, 15, 9, 0)).toBe(at('2025-07-15T07:00:00Z'));
    expect(wallTime(at('2025-07-15T07:00:00Z'), 'Europe/Stockholm')).toMatchObject({
      hour: 9,
      weekday: 2,
    });
  });

  it('maps a skipped time an hour on and a repeated time to its first occurrence', () => {
    // 2025-03-30 02:30 does not exist in Stockholm; 2025-10-26 02:30 happens twice.
    expect(zonedInstant('Europe/Stockholm', 2025, 3, 30, 2, 30)).toBe(at('2025-03-30T01:30:00Z'));
    expect(zonedInstant('Europe/Stockholm', 2025, 10, 26, 2, 30)).toBe(at('2025-10-26T00:30:00Z'));
  });
});

describe('addBusinessHours', () => {
  it('counts only the hours inside 09:00–17:00 on working days', () => {
    // Friday 16:00 local + 48 business hours: 1 h Friday, then 8 h Mon…Fri (40 h), 7 h next Monday.
    const friday = at('2025-01-10T15:00:00Z');
    expect(addBusinessHours(friday, 48, stockholm)).toBe(at('2025-01-20T15:00:00Z'));
  });

  it('starts at the next opening when opened outside business hours', () => {
    const saturday = at('2025-01-11T10:00:00Z');
    expect(addBusinessHours(saturday, 2, stockholm)).toBe(at('2025-01-13T10:00:00Z'));
    const early = at('2025-01-13T05:00:00Z');
    expect(addBusinessHours(early, 8, stockholm)).toBe(at('2025-01-13T16:00:00Z'));
  });

  it('skips holidays and follows DST (08:00Z is 09:00 in winter, 10:00 in summer)', () => {
    const christmasEve = at('2025-12-23T15:00:00Z'); // Tuesday 16:00
    const business = { ...stockholm, holidays: ['2025-12-24', '2025-12-25', '2025-12-26'] };
    expect(addBusinessHours(christmasEve, 2, business)).toBe(at('2025-12-29T09:00:00Z'));
    // Friday before the switch to summer time → Monday after it.
    expect(addBusinessHours(at('2025-03-28T15:00:00Z'), 2, stockholm)).toBe(
      at('2025-03-31T08:00:00Z'),
    );
  });

  it('ends exactly at closing when the hours fit the day', () => {
    expect(addBusinessHours(at('2025-01-13T08:00:00Z'), 8, stockholm)).toBe(
      at('2025-01-13T16:00:00Z'),
    );
  });
});

describe('caseDueAt', () => {
  const config = (sla: Record<string, unknown>): CasesConfig => casesConfigSchema.parse({ sla });
  const opened = at('2025-01-10T15:00:00Z');

  it('is 48 hours around the clock by default', () => {
    expect(caseDueAt(config({}), 'checkout', opened)).toBe(opened + 48 * 3_600_000);
  });

  it('uses the survey’s own hours, and business hours when configured', () => {
    const sla = config({
      surveys: { checkout: 4 },
      businessHours: { timeZone: 'Europe/Stockholm' },
    });
    expect(caseDueAt(sla, 'checkout', opened)).toBe(at('2025-01-13T11:00:00Z'));
    expect(caseDueAt(sla, 'relationship', opened)).toBe(at('2025-01-20T15:00:00Z'));
  });
});
