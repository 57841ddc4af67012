import { LIMITS } from '@npskit/core/schema';
import { expect, it } from 'vitest';
import {
  MAX_BATCH,
  MAX_COMMENT,
  MAX_CONTEXT_STRING,
  MAX_CUSTOM_KEYS,
  MAX_CUSTOMER_ID,
} from './limits.js';

it('mirrors the wire limits of @npskit/core/schema (which the bundle must not import)', () => {
  expect({
    maxEventsPerBatch: MAX_BATCH,
    maxCommentLength: MAX_COMMENT,
    maxCustomContextKeys: MAX_CUSTOM_KEYS,
    maxContextStringLength: MAX_CONTEXT_STRING,
    maxCustomerIdLength: MAX_CUSTOMER_ID,
  }).toEqual(LIMITS);
});
