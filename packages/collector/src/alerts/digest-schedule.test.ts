import { describe, expect, it } from 'vitest';
import { latestDigestSlot } from './digest-schedule.js';

const stockholm = { timeZone: 'Europe/Stockholm', at: '07:00', weekday: 1 };
const at = (iso: string) => Date.parse(iso);

describe('latestDigestSlot', () => {
  it('daily: after 07:00 local it is today’s, covering yesterday; before 07:00 yesterday’s', () => {
    // 2025-06-04 is a Wednesday; 07:00 in Stockholm (summer) is 05:00Z.
    expect(latestDigestSlot(stockholm, 'daily', at('2025-06-04T05:00:00Z'))).toEqual({
      kind: 'daily',
      at: at('2025-06-04T05:00:00Z'),
      from: at('2025-06-02T22:00:00Z'),
      to: at('2025-06-03T22:00:00Z'),
      label: '2025-06-03',
    });
    expect(latestDigestSlot(stockholm, 'daily', at('2025-06-04T04:59:59Z'))).toMatchObject({
      at: at('2025-06-03T05:00:00Z'),
      label: '2025-06-02',
    });
  });

  it('weekly: Monday 07:00 for the week before, also when asked later in the week', () => {
    const monday = {
      kind: 'weekly',
      at: at('2025-06-02T05:00:00Z'),
      from: at('2025-05-25T22:00:00Z'),
      to: at('2025-06-01T22:00:00Z'),
      label: '2025-05-26 – 2025-06-01',
    };
    expect(latestDigestSlot(stockholm, 'weekly', at('2025-06-02T05:00:00Z'))).toEqual(monday);
    expect(latestDigestSlot(stockholm, 'weekly', at('2025-06-08T21:00:00Z'))).toEqual(monday);
    expect(latestDigestSlot(stockholm, 'weekly', at('2025-06-02T04:00:00Z')).label).toBe(
      '2025-05-19 – 2025-05-25',
    );
  });

  it('a day across the switch to summer time is 23 hours long', () => {
    const slot = latestDigestSlot(stockholm, 'daily', at('2025-03-31T06:00:00Z'));
    expect(slot.label).toBe('2025-03-30');
    expect(slot.to - slot.from).toBe(23 * 3_600_000);
  });
});
