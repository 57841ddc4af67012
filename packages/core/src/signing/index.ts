export { fromBase64Url, toBase64Url, utf8Decode, utf8Encode } from './base64url.js';
export { SIGNED_FACT_KEYS, type SignedClaims, type SignedFactKey } from './claims.js';
export {
  claimsJson,
  type HmacSha256,
  MAX_TOKEN_LENGTH,
  type ParsedToken,
  parseToken,
  type SignOptions,
  signingInput,
  signToken,
  signTokenWithWebCrypto,
  TOKEN_PATTERN,
  TOKEN_VERSION,
} from './token.js';
