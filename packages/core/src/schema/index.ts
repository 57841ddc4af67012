export { DEFAULT_EMOTIONS, type EmotionOption } from '../survey/emotions.js';
export {
  ALERT_SUBSCRIPTIONS,
  type AlertFilter,
  type AlertSubscription,
  type SmtpConfig,
  WEBHOOK_FORMATS,
  type WebhookConfig,
  type WebhookFormat,
} from './alerts.js';
export {
  errorBodySchema,
  filterQueryShape,
  type KeysResponseJson,
  keysResponseSchema,
  type NpsGroupJson,
  type NpsQuery,
  type NpsResponseJson,
  type NpsRowJson,
  npsQuerySchema,
  npsResponseSchema,
  npsRowSchema,
  type ProgramResponseJson,
  programQuerySchema,
  programResponseSchema,
  responseJsonSchema,
  responsesPageSchema,
  responsesQuerySchema,
  type SessionResponseJson,
  sessionRequestSchema,
  sessionResponseSchema,
  timeBoundParam,
} from './analyst-api.js';
export {
  type BusinessHours,
  type CaseOwner,
  type CaseRule,
  type CaseSla,
  type CasesConfig,
  casesConfigSchema,
  DEFAULT_ROOT_CAUSES,
  isTimeZone,
} from './cases.js';
export {
  type CollectorConfig,
  type CollectorConfigInput,
  collectorConfigSchema,
  type KeysFile,
  type KeysFileInput,
  keysFileSchema,
  READ_KEY_ROLES,
  type ReadKeyConfig,
  type ReadKeyRole,
  readKeySchema,
  type SiteConfig,
  timeZone,
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
  dateOrDateTime,
  type ProgramConfig,
  type ProgramGoal,
  programGoalSchema,
  programSchema,
} from './program.js';
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
