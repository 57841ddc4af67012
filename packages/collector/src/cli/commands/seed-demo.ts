import { loadConfig } from '../../config/load-config.js';
import { DEMO_MARK } from '../../demo-seed/generate.js';
import { countDemoRows, purgeDemo, seedDemo } from '../../demo-seed/seed-store.js';
import { openStore, resolveDatabase } from '../../store/open-store.js';
import { loadSiteSecrets } from '../../trust/site-secrets.js';
import { type CliIo, write } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { secretBytes } from '../secret-bytes.js';
import { UsageError } from '../usage-error.js';

/** Help for `seed-demo`. */
export const SEED_DEMO_HELP = `Usage: npskit-collector seed-demo --config <file> --db <file|url> [--days <n>] [--seed <n>] [--now <ISO>] [--site <key>]
       npskit-collector seed-demo --db <file|url> --purge

Writes a realistic demo history through the ingest path: about 90 days of six stores with
3–5 employees each, checkout and relationship surveys, displays and answers at realistic
response rates, emotions, Swedish and English comments, order values (SEK, some EUR), and
one store (goteborg-haga) whose NPS really drops in the last three weeks. Every demo event
carries the context key ${DEMO_MARK.key}=${DEMO_MARK.value}; --purge erases exactly those responses.
With the site secret in NPSKIT_SITE_SECRETS (as for serve), 85 % of the orders are signed like
the shop's server signs them, and verified by the collector's own check.
Skips (exit 0) when the database already holds demo rows.

Options:
  --config <file>   collector config (env NPSKIT_CONFIG): the site and its surveys
  --db <file|url>   SQLite file (created if missing) or postgres:// URL, as for serve
                    (env NPSKIT_DATABASE_URL, NPSKIT_DB)
  --site <key>      site key (default: the first site)
  --days <n>        days of history (default 90)
  --seed <n>        random seed (default: a new one per run; the same seed gives the same history)
  --now <ISO>       end of the history (default: now)
  --purge           erase the demo rows instead
  -h, --help        show this help
`;

function positive(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(`${name} must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}

/** `seed-demo`: the demo history (or its removal). */
export async function seedDemoCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, {
    config: { type: 'string' },
    db: { type: 'string' },
    site: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    purge: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, SEED_DEMO_HELP);
    return 0;
  }
  const target = resolveDatabase(values.db, io.env);
  if (!target)
    throw new UsageError('--db <file|url> (or NPSKIT_DB / NPSKIT_DATABASE_URL) is required');
  // The same store as serve: SQLite file or PostgreSQL URL, the same tombstone key.
  const store = await openStore(target, {
    ...(io.env.NPSKIT_DATABASE_SCHEMA ? { schema: io.env.NPSKIT_DATABASE_SCHEMA } : {}),
    ...(io.env.NPSKIT_TOMBSTONE_SECRET
      ? { tombstoneSecret: secretBytes(io.env.NPSKIT_TOMBSTONE_SECRET) }
      : {}),
  });
  try {
    if (values.purge) {
      const erased = await purgeDemo(store);
      await write(io.stdout, `erased ${erased} demo rows\n`);
      return 0;
    }
    const configPath = values.config ?? io.env.NPSKIT_CONFIG;
    if (!configPath) throw new UsageError('--config <file> (or NPSKIT_CONFIG) is required');
    const config = loadConfig(configPath, io.env);
    const now = values.now === undefined ? Date.now() : Date.parse(values.now);
    if (Number.isNaN(now)) throw new UsageError('--now must be an ISO 8601 date-time');
    const site = values.site ? config.sites.find((s) => s.key === values.site) : config.sites[0];
    if (!site) throw new UsageError('--site names no site of the config');
    const kinds = new Map(config.surveys.map((survey) => [survey.id, survey.kind]));
    const checkout = site.surveys.find((id) => kinds.get(id) === 'transactional');
    if (!checkout) throw new Error(`site ${site.key} runs no transactional survey to seed`);
    const relationship = site.surveys.find((id) => kinds.get(id) === 'relationship');
    if ((await countDemoRows(store, 1)) > 0) {
      await write(
        io.stdout,
        'demo history already present; nothing written (--purge removes it)\n',
      );
      return 0;
    }
    // With the site secret (as serve gets it), most orders are signed and verified.
    const secrets = io.env.NPSKIT_SITE_SECRETS
      ? loadSiteSecrets(config, io.env, configPath)
      : undefined;
    const result = await seedDemo(
      store,
      config,
      {
        siteKey: site.key,
        checkoutSurvey: checkout,
        relationshipSurvey: relationship,
        now,
        days: positive(values.days, '--days', 90, 3650),
        // A fresh seed per run unless one is given: ids never collide with purged (tombstoned) ones.
        seed: positive(values.seed, '--seed', 1 + (Date.now() % 2_000_000_000), 4_294_967_295),
      },
      secrets,
    );
    await write(
      io.stdout,
      `seeded ${result.responses} demo responses (${result.events} events${result.rejected ? `, ${result.rejected} rejected` : ''}) for ${site.key}\n`,
    );
    return result.rejected > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
