import { describe, expect, test } from 'vitest';
import { classify, isScore } from './classify.js';

describe('classify', () => {
  test.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ] as const)('%i is a %s', (score, category) => {
    expect(classify(score)).toBe(category);
    expect(isScore(score)).toBe(true);
  });

  test('every integer 0–10 has a group and the groups are 7 / 2 / 2 wide', () => {
    const groups = Array.from({ length: 11 }, (_, score) => classify(score));
    expect(groups.filter((group) => group === 'detractor')).toHaveLength(7);
    expect(groups.filter((group) => group === 'passive')).toHaveLength(2);
    expect(groups.filter((group) => group === 'promoter')).toHaveLength(2);
  });

  test.each([-1, 11, 6.5, 10.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5])(
    'rejects %s with a clear RangeError',
    (score) => {
      expect(() => classify(score)).toThrow(RangeError);
      expect(() => classify(score)).toThrow(
        `NPS score must be an integer from 0 to 10, got ${String(score)}`,
      );
      expect(isScore(score)).toBe(false);
    },
  );

  test.each(['7', '9', null, undefined, true])(
    'rejects the non-number %j, which a form field or bad JSON would produce',
    (value) => {
      expect(isScore(value)).toBe(false);
      expect(() => classify(value as unknown as number)).toThrow(RangeError);
      expect(() => classify(value as unknown as number)).toThrow(/integer from 0 to 10/);
    },
  );
});
