export type { AlertData, DigestData, ResponseSnapshot } from './alerts/alert-data.js';
export { type Alerts, type AlertsOptions, createAlerts } from './alerts/create-alerts.js';
export {
  type AlertDispatcher,
  createDispatcher,
  type DispatcherOptions,
  signWebhookBody,
} from './alerts/dispatcher.js';
export { ApiError, type ErrorCode } from './app/api-error.js';
export { createApp } from './app/create-app.js';
export type { AppOptions, RateLimitOptions } from './app/types.js';
export { type CaseKpis, caseKpis } from './cases/kpis.js';
export { ConfigError, type ConfigProblem } from './config/config-error.js';
export { type ConfigEnv, loadConfig } from './config/load-config.js';
export {
  type FetchApp,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from './node/start-server.js';
export type {
  CaseDetail,
  CaseFilter,
  CaseHistoryEntry,
  CaseRow,
  CaseStatus,
  IngestEffects,
} from './store/case-types.js';
export { InvalidCursorError, StoreClosedError } from './store/errors.js';
export type { AlertType, OutboxMessage, OutboxStats } from './store/outbox-types.js';
export { openSqliteStore, type SqliteStoreOptions } from './store/sqlite/open-sqlite-store.js';
export type {
  CategoryName,
  DisplayReservation,
  EraseResult,
  GroupBy,
  InsertOutcome,
  InsertResult,
  NpsCountRow,
  RespondentRef,
  ResponseFilter,
  ResponsePage,
  ResponseRow,
  StandardContext,
  Store,
  StoredEvent,
} from './store/types.js';
