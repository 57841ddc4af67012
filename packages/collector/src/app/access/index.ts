export { type Authenticate, createBearerAuthenticate } from './authenticate.js';
export { ACCESS, type Access, createGuardFactory, type Guard, type GuardFactory } from './guard.js';
export {
  type AccessScope,
  hasRole,
  isScoped,
  type Principal,
  principalOfKey,
} from './principal.js';
export { scopedFilter, scopeFilter } from './scope-filter.js';
export { throttleFailures } from './throttle.js';
