import { createHash, timingSafeEqual } from 'node:crypto';
import type { CollectorConfig } from '@npskit/core/schema';
import { ConfigError, type ConfigProblem } from '../config/config-error.js';

/** Environment variables that carry site secrets. */
export interface SecretsEnv {
  /**
   * Comma-separated site secrets (`sk_…`). Each is matched to the site whose `secretSha256` it
   * hashes to, so the order does not matter and the config names no secret.
   */
  NPSKIT_SITE_SECRETS?: string | undefined;
}

/**
 * The site secrets by site key, from `NPSKIT_SITE_SECRETS`, checked against the config's hashes: a
 * site with `secretSha256` whose secret is missing, or a secret that matches no site, is a config
 * error at start (a collector that silently can't verify would mark every answer unverified).
 *
 * @throws ConfigError listing every problem.
 * @example const secrets = loadSiteSecrets(config, process.env, 'collector.config.json');
 */
export function loadSiteSecrets(
  config: CollectorConfig,
  env: SecretsEnv,
  file = 'config',
): ReadonlyMap<string, string> {
  const given = (env.NPSKIT_SITE_SECRETS ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  const problems: ConfigProblem[] = [];
  const secrets = new Map<string, string>();
  const used = new Set<number>();
  config.sites.forEach((site, index) => {
    if (site.secretSha256 === undefined) return;
    const want = Buffer.from(site.secretSha256, 'hex');
    const match = given.findIndex((secret) =>
      timingSafeEqual(createHash('sha256').update(secret).digest(), want),
    );
    if (match < 0) {
      problems.push({
        path: `sites.${index}.secretSha256`,
        message: 'no secret in NPSKIT_SITE_SECRETS has this SHA-256',
      });
      return;
    }
    used.add(match);
    secrets.set(site.key, given[match] as string);
  });
  given.forEach((secret, index) => {
    if (used.has(index)) return;
    problems.push({
      path: 'NPSKIT_SITE_SECRETS',
      message: `secret ${index + 1} matches no site's secretSha256${secret.startsWith('sk_') ? '' : ' (site secrets start with sk_)'}`,
    });
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return secrets;
}
