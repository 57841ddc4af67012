import { z } from 'zod';
import { MAX_TOKEN_LENGTH, TOKEN_PATTERN } from '../signing/token.js';
import { LIMITS } from './limits.js';

const text = (max: number) => z.string().min(1).max(max);

/** One signed token as it travels on the wire (its signature is checked by the collector). */
export const signedTokenSchema = z
  .string()
  .max(MAX_TOKEN_LENGTH)
  .regex(TOKEN_PATTERN, 'a token "v1.<payload>.<signature>" made with the site secret');

/** The `signed` array of an event or an eligibility request: 1–2 tokens. */
export const signedTokensSchema = z.array(signedTokenSchema).min(1).max(LIMITS.maxSignedTokens);

/**
 * The claims inside a token's payload (see `SignedClaims` in `@npskit/core/signing`). Strict: an
 * unknown claim is an error, so a typo on the host's server is noticed instead of silently unsigned.
 */
export const signedClaimsSchema = z
  .strictObject({
    customerId: text(LIMITS.maxCustomerIdLength).optional(),
    orderId: text(LIMITS.maxContextStringLength).optional(),
    orderValue: z.number().finite().nonnegative().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "SEK"')
      .optional(),
    unit: text(LIMITS.maxContextStringLength).optional(),
    employee: text(LIMITS.maxContextStringLength).optional(),
    exp: z.int().min(0),
  })
  .refine(
    (claims) => Object.keys(claims).some((key) => key !== 'exp'),
    'a token signs at least one fact besides exp',
  );

export type SignedClaimsInput = z.infer<typeof signedClaimsSchema>;
