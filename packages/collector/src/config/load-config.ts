import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type CollectorConfig,
  collectorConfigSchema,
  toValidationIssues,
} from '@npskit/core/schema';
import { ConfigError } from './config-error.js';

/** Environment variables the config reads (besides the ones the CLI reads for serve). */
export interface ConfigEnv {
  /**
   * Extra read keys as comma-separated SHA-256 hex hashes, each optionally prefixed with a role
   * (`admin:<sha256>`; default viewer), so a secret store can inject them without editing the file.
   * Named `env-1`, `env-2`, … in the config.
   */
  NPSKIT_READ_KEY_SHA256?: string | undefined;
  /** The keys file, overriding `keysFile` of the config (relative to the working directory). */
  NPSKIT_KEYS_FILE?: string | undefined;
}

/**
 * Reads and validates the collector config (JSON, `collectorConfigSchema`), applying env additions.
 *
 * @throws ConfigError listing every problem as `path: message`.
 * @example const config = loadConfig('collector.config.json', process.env);
 */
export function loadConfig(path: string, env: ConfigEnv = {}): CollectorConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot read file';
    throw new ConfigError(path, [{ path: '(file)', message: reason }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [
      { path: '(file)', message: `not valid JSON (${(error as Error).message})` },
    ]);
  }
  const extraHashes = (env.NPSKIT_READ_KEY_SHA256 ?? '')
    .split(',')
    .map((hash) => hash.trim())
    .filter(Boolean);
  if (extraHashes.length > 0 && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const record = raw as { readKeys?: unknown };
    const existing = Array.isArray(record.readKeys) ? record.readKeys : [];
    record.readKeys = [
      ...existing,
      ...extraHashes.map((entry, index) => {
        const [role, sha256] = entry.includes(':') ? entry.split(':', 2) : [undefined, entry];
        return { name: `env-${index + 1}`, sha256, ...(role !== undefined ? { role } : {}) };
      }),
    ];
  }
  const result = collectorConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      path,
      toValidationIssues(result.error).map(({ path: at, message }) => ({
        path: at || '(root)',
        message,
      })),
    );
  }
  // The keys file is named relative to the config file (or by env, relative to where serve runs).
  const keysFile = env.NPSKIT_KEYS_FILE
    ? resolve(env.NPSKIT_KEYS_FILE)
    : result.data.keysFile === undefined
      ? undefined
      : resolve(dirname(path), result.data.keysFile);
  return keysFile === undefined ? result.data : { ...result.data, keysFile };
}
