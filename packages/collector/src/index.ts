export { ApiError, type ErrorCode } from './app/api-error.js';
export { nodeSocketAddress, proxyAddress } from './app/client-key.js';
export { createApp } from './app/create-app.js';
export type { ErrorLog } from './app/error-handler.js';
export type { AppOptions, RateLimitOptions } from './app/types.js';
export { ConfigError, type ConfigProblem } from './config/config-error.js';
export { type ConfigEnv, loadConfig } from './config/load-config.js';
export type { DashboardFiles, StaticFile } from './dashboard/static-files.js';
export {
  combineNotifiers,
  createLiveHub,
  type LiveHub,
  type LiveHubOptions,
} from './live/live-hub.js';
export { dashboardDirectory, findDashboardBuild } from './node/dashboard-directory.js';
export {
  type FetchApp,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from './node/start-server.js';
export { type DailyPurgeOptions, startDailyPurge } from './retention/daily-purge.js';
export { InvalidCursorError, StoreClosedError } from './store/errors.js';
export {
  openPostgresStore,
  type PostgresStoreOptions,
} from './store/postgres/open-postgres-store.js';
export { openSqliteStore, type SqliteStoreOptions } from './store/sqlite/open-sqlite-store.js';
export type {
  Actor,
  AuditEntry,
  CategoryName,
  DisplayReservation,
  EraseResult,
  GroupBy,
  HistoryQuery,
  InsertOutcome,
  InsertResult,
  NpsCountRow,
  PurgeRequest,
  PurgeResult,
  RefusalCode,
  RespondentData,
  RespondentRef,
  ResponseFilter,
  ResponsePage,
  ResponseRow,
  StandardContext,
  Store,
  StoredEvent,
} from './store/types.js';
export { loadSiteSecrets, type SecretsEnv } from './trust/site-secrets.js';
export { type SignedRefusal, verifySigned } from './trust/verify-signed.js';
export {
  createWebhookNotifier,
  type Notifier,
  type StoredBatch,
  signWebhookBody,
  type WebhookConfig,
  type WebhookNotifierOptions,
} from './webhooks/notifier.js';
export type { WebhookEventType, WebhookPayload } from './webhooks/payload.js';
export {
  loadWidgetBuild,
  WIDGET_FILES,
  type WidgetAsset,
  type WidgetBuild,
  type WidgetFile,
  widgetPath,
} from './widget/widget-build.js';
