export { type Authenticate, createAuthenticate, findKey } from './authenticate.js';
export {
  ACCESS,
  type Access,
  createGuardFactory,
  type Guard,
  type GuardFactory,
  type GuardOptions,
  UNSCOPED,
} from './guard.js';
export { createKeySet, type KeyEntry, type KeySet, type KeySetOptions } from './key-set.js';
export { readKeysFile, writeKeysFile } from './keys-file.js';
export {
  type AccessScope,
  hasRole,
  isScoped,
  type Principal,
  principalOfKey,
} from './principal.js';
export { scopedCaseFilter } from './scope-case-filter.js';
export { scopedFilter, scopeFilter } from './scope-filter.js';
export { CSRF_HEADER, csrfTokenOf, newToken, SESSION_COOKIE, sha256Hex } from './session-cookie.js';
export { throttleFailures } from './throttle.js';
