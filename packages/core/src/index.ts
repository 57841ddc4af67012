// The root entry holds no zod: schemas live on the `@npskit/core/schema` subpath.
export * from './eligibility/index.js';
export * from './score/index.js';
export { DEFAULT_EMOTIONS, type EmotionOption } from './survey/emotions.js';
