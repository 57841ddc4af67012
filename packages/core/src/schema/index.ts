export { DEFAULT_EMOTIONS, type EmotionOption } from '../survey/emotions.js';
export {
  type CollectorConfig,
  type CollectorConfigInput,
  collectorConfigSchema,
  READ_KEY_ROLES,
  type ReadKeyConfig,
  type ReadKeyRole,
  type SiteConfig,
} from './config.js';
export {
  answerEventSchema,
  CUSTOM_CONTEXT_KEY,
  contextSchema,
  dismissEventSchema,
  displayEventSchema,
  type EventBatch,
  type EventContext,
  type EventType,
  eventBatchSchema,
  eventSchema,
  followupEventSchema,
  type NpsEvent,
  respondentSchema,
  STANDARD_CONTEXT_KEYS,
} from './event.js';
export {
  CHANNELS,
  type Channel,
  INVITATION_CHANNELS,
  INVITATION_LIMITS,
  type InvitationChannel,
  type InvitationContext,
  type InvitationCustomer,
  type InvitationRequest,
  invitationContextSchema,
  invitationCustomerSchema,
  invitationRequestSchema,
} from './invitation.js';
export { toValidationIssues, type ValidationIssue } from './issues.js';
export {
  collectorConfigJsonSchema,
  eventBatchJsonSchema,
  formatJsonSchema,
  JSON_SCHEMA_FILES,
  type JsonSchemaDocument,
  surveyDefinitionJsonSchema,
} from './json-schema.js';
export { LIMITS } from './limits.js';
export {
  type SignedClaimsInput,
  signedClaimsSchema,
  signedTokenSchema,
  signedTokensSchema,
} from './signed.js';
export {
  SURVEY_TEXT_KEYS,
  type SurveyDefinition,
  type SurveyDefinitionInput,
  type SurveyTextKey,
  type SurveyTheme,
  type SurveyTrigger,
  surveyDefinitionSchema,
  triggerSchema,
} from './survey.js';
