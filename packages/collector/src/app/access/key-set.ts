import { readFileSync, statSync } from 'node:fs';
import {
  type CollectorConfig,
  keysFileSchema,
  type ReadKeyConfig,
  toValidationIssues,
} from '@npskit/core/schema';
import { type Principal, principalOfKey } from './principal.js';

/** One read key the collector knows, without its secret (only its SHA-256). */
export interface KeyEntry {
  /** SHA-256 of the secret, hex. */
  hashHex: string;
  hash: Buffer;
  principal: Principal;
  /** `config`: in the config file; `env`: NPSKIT_READ_KEY_SHA256; `file`: the keys file. */
  source: 'config' | 'env' | 'file';
  createdAt: string | null;
  /** Set for a revoked key of the keys file: it no longer opens anything. */
  revokedAt: string | null;
}

/** The keys in force, re-reading the keys file when it changes. */
export interface KeySet {
  /** Keys that may authenticate now. */
  active(): readonly KeyEntry[];
  /** Every key, revoked ones included (for listing). */
  all(): readonly KeyEntry[];
  /** The keys file, when one is configured. */
  readonly file: string | undefined;
}

/** Options for `createKeySet`. */
export interface KeySetOptions {
  /** The keys file (absolute path); undefined: only the config's keys. */
  file?: string | undefined;
  now?: () => number;
  /** Where a broken keys file is reported (the previous keys stay in force). Default: stderr. */
  onError?: (message: string) => void;
}

const entry = (key: ReadKeyConfig, source: KeyEntry['source'], extra: Partial<KeyEntry> = {}) => ({
  hashHex: key.sha256,
  hash: Buffer.from(key.sha256, 'hex'),
  principal: principalOfKey(key),
  source,
  createdAt: null,
  revokedAt: null,
  ...extra,
});

/**
 * The read keys of the config plus those of the keys file. The file is checked for changes at most
 * once a second (a `stat`); a changed file is validated as a whole — names unique across config and
 * file, scopes naming configured sites and surveys — and a broken one is reported and ignored, so a
 * typo never locks everyone out or lets a half-written key in.
 */
export function createKeySet(config: CollectorConfig, options: KeySetOptions = {}): KeySet {
  const now = options.now ?? Date.now;
  const report = options.onError ?? ((message) => console.error(`npskit collector: ${message}`));
  const fixed: KeyEntry[] = config.readKeys.map((key) =>
    entry(key, /^env-\d+$/.test(key.name) ? 'env' : 'config'),
  );
  const fixedNames = new Set(fixed.map((key) => key.principal.name));
  const siteKeys = new Set(config.sites.map((site) => site.key));
  const surveyIds = new Set(config.surveys.map((survey) => survey.id));
  let fromFile: KeyEntry[] = [];
  let checkedAt = Number.NEGATIVE_INFINITY;
  let signature = '';

  const load = (file: string) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      fromFile = [];
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      report(`keys file ${file}: not valid JSON; keeping the previous keys`);
      return;
    }
    const parsed = keysFileSchema.safeParse(raw);
    if (!parsed.success) {
      const [issue] = toValidationIssues(parsed.error);
      report(
        `keys file ${file}: ${issue?.path ?? ''}: ${issue?.message ?? 'invalid'}; keeping the previous keys`,
      );
      return;
    }
    const names = new Set<string>();
    for (const key of parsed.data.readKeys) {
      const problem =
        fixedNames.has(key.name) || names.has(key.name)
          ? `duplicate key name "${key.name}"`
          : key.scope?.sites?.find((site) => !siteKeys.has(site)) !== undefined
            ? `key "${key.name}" names an unknown site`
            : key.scope?.surveys?.find((survey) => !surveyIds.has(survey)) !== undefined
              ? `key "${key.name}" names an unknown survey`
              : undefined;
      if (problem) {
        report(`keys file ${file}: ${problem}; keeping the previous keys`);
        return;
      }
      names.add(key.name);
    }
    fromFile = parsed.data.readKeys.map((key) =>
      entry(key, 'file', { createdAt: key.createdAt ?? null, revokedAt: key.revokedAt ?? null }),
    );
  };

  const refresh = () => {
    const file = options.file;
    if (!file) return;
    const at = now();
    if (at - checkedAt < 1000) return;
    checkedAt = at;
    let current = 'missing';
    try {
      const stat = statSync(file);
      current = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {}
    if (current === signature) return;
    signature = current;
    load(file);
  };

  return {
    active() {
      refresh();
      return [...fixed, ...fromFile.filter((key) => key.revokedAt === null)];
    },
    all() {
      refresh();
      return [...fixed, ...fromFile];
    },
    file: options.file,
  };
}
