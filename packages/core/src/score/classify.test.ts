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
  });

  test.each([-1, 11, 6.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %s with a clear error',
    (score) => {
      expect(() => classify(score)).toThrow(/integer from 0 to 10/);
      expect(isScore(score)).toBe(false);
    },
  );

  test('rejects a numeric string, which a form field would produce', () => {
    expect(isScore('9')).toBe(false);
    expect(() => classify('9' as unknown as number)).toThrow(RangeError);
  });
});
