export type { AlertData, DigestData, ResponseSnapshot } from './alerts/alert-data.js';
export { type Alerts, type AlertsOptions, createAlerts } from './alerts/create-alerts.js';
export {
  type AlertDispatcher,
  createDispatcher,
  type DispatcherOptions,
  signWebhookBody,
} from './alerts/dispatcher.js';
export { ApiError, type ErrorCode } from './app/api-error.js';
export { nodeSocketAddress, proxyAddress } from './app/client-key.js';
export { createApp } from './app/create-app.js';
export type { ErrorLog } from './app/error-handler.js';
export type { AppOptions, RateLimitOptions } from './app/types.js';
export { type CaseKpis, caseKpis } from './cases/kpis.js';
export { ConfigError, type ConfigProblem } from './config/config-error.js';
export { type ConfigEnv, loadConfig } from './config/load-config.js';
export type { DashboardFiles, StaticFile } from './dashboard/static-files.js';
export type { CommitListener, TouchedRow } from './live/commit-listener.js';
export { createLiveHub, type LiveHub, type LiveHubOptions } from './live/live-hub.js';
export { dashboardDirectory, findDashboardBuild } from './node/dashboard-directory.js';
export {
  type FetchApp,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from './node/start-server.js';
export { type DailyPurgeOptions, startDailyPurge } from './retention/daily-purge.js';
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
export {
  openPostgresStore,
  type PostgresStoreOptions,
} from './store/postgres/open-postgres-store.js';
export { openSqliteStore, type SqliteStoreOptions } from './store/sqlite/open-sqlite-store.js';
export type {
  Actor,
  AuditEntry,
  CategoryName,
  Dimension,
  DisplayReservation,
  EraseResult,
  HistoryQuery,
  InsertOutcome,
  InsertResult,
  NpsCountRow,
  OrderValueRow,
  PurgeRequest,
  PurgeResult,
  RefusalCode,
  RespondentData,
  RespondentRef,
  ResponseFilter,
  ResponsePage,
  ResponseRow,
  SessionRecord,
  StandardContext,
  Store,
  StoredEvent,
} from './store/types.js';
export { loadSiteSecrets, type SecretsEnv } from './trust/site-secrets.js';
export { type SignedRefusal, verifySigned } from './trust/verify-signed.js';
export {
  loadWidgetBuild,
  WIDGET_FILES,
  type WidgetAsset,
  type WidgetBuild,
  type WidgetFile,
  widgetPath,
} from './widget/widget-build.js';
