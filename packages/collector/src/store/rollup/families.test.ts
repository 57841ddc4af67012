import { expect, it } from 'vitest';
import { ROLLUP_FAMILIES } from './families.js';
import { ROLLUP_V1_FAMILIES } from './v1-families.js';

it('keeps the families the released migrations created (a change needs a new migration)', () => {
  expect(ROLLUP_FAMILIES).toEqual(ROLLUP_V1_FAMILIES);
});
