import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INVITATION_LIMITS, type InvitationChannel } from '@npskit/core/schema';
import { ApiError } from '../../app/api-error.js';
import { createSiteDirectory } from '../../app/site-directory.js';
import { loadConfig } from '../../config/load-config.js';
import { createInvitations } from '../../invitations/create-invitations.js';
import { emailFragment } from '../../invitations/email-fragment.js';
import { baseUrlOf } from '../../invitations/links.js';
import { invitationLocale } from '../../invitations/texts.js';
import { loadSiteSecrets } from '../../trust/site-secrets.js';
import { readCsv } from '../csv-read.js';
import { customerOfRow, outcomesOf, outputCsv, type RowOutcome } from '../invite-csv.js';
import { type CliIo, write } from '../io.js';
import { openExistingStore } from '../open-existing-store.js';
import { parseOptions } from '../parse-options.js';
import { terminalSafe } from '../terminal-safe.js';
import { UsageError } from '../usage-error.js';

/** Help for `invite`. */
export const INVITE_HELP = `Usage: npskit-collector invite --config <file> --db <file> --csv <customers.csv> --survey <id> [options]

Invites the customers of a CSV file to a relationship survey, with the same eligibility as the
widget (sampling, recontact, the global quarantine shared with in-page surveys, open cases), and
writes the file back with a signed, expiring, single-response link per invited customer — for
your own mailer to merge. Ineligible and invalid rows stay in the file with the reason.

Columns read: customer_id (required), locale, unit, touchpoint, employee, segment, and
context_<key> for any other custom context key. Every other column (e-mail, name, …) is yours:
it is written back unchanged and never sent anywhere.

Columns added: npskit_status (invited | would_invite | ineligible | rejected), npskit_reason,
npskit_link (the survey page), npskit_score_0 … npskit_score_10 (one-tap score links),
npskit_expires_at, npskit_invitation_id, npskit_response_id (and npskit_html with --html).

Options:
  --config <file>        collector config JSON (env NPSKIT_CONFIG)
  --db <file>            SQLite database of the collector (env NPSKIT_DB); must exist
  --csv <file>           the customers (header row; "," or ";" is detected)
  --survey <id>          a relationship survey
  --site <pk_…>          the site whose customers these are (default: the one site running the survey)
  --channel <c>          email (default: score links for an e-mail) | link (a plain link: SMS, letters)
  --expires-days <n>     days the links work, 1–${INVITATION_LIMITS.maxExpiresInDays} (default ${INVITATION_LIMITS.defaultExpiresInDays})
  --base-url <url>       the collector's public URL for the links (default: the config's publicUrl)
  --out <file>           write the CSV here (default: stdout)
  --fragments <dir>      write the e-mail HTML fragment per locale: <dir>/<survey>.<locale>.html,
                         its links written as merge tags for the npskit_link column
  --merge-tag <pattern>  how your mailer writes a merge tag, %s = column (default "{{%s}}";
                         Mailchimp "*|%s|*")
  --html                 add npskit_html: each customer's whole fragment, links filled in
  --dry-run              decide and explain only: no invitation is created, no link written
  -h, --help             show this help

Env: NPSKIT_SITE_SECRETS (the site secret signs the links), NPSKIT_TOMBSTONE_SECRET.
The summary goes to stderr. Safe while serve runs (one short transaction per ${INVITATION_LIMITS.maxCustomersPerRequest} customers).
`;

const CLI_PRINCIPAL = { name: 'cli', role: 'admin', scope: {} } as const;

/** The one enabled site that runs `surveyId`, unless `--site` names one. */
function siteFor(
  config: ReturnType<typeof loadConfig>,
  surveyId: string,
  given: string | undefined,
): string {
  if (given) return given;
  const sites = config.sites.filter((site) => site.enabled && site.surveys.includes(surveyId));
  if (sites.length === 1 && sites[0]) return sites[0].key;
  throw new UsageError(
    sites.length === 0
      ? `no enabled site runs survey "${surveyId}"`
      : `several sites run survey "${surveyId}": name one with --site`,
  );
}

/** `invite`: the CSV round trip for a mailer. */
export async function inviteCommand(args: string[], io: CliIo, now = Date.now): Promise<number> {
  const values = parseOptions(args, {
    config: { type: 'string' },
    db: { type: 'string' },
    csv: { type: 'string' },
    survey: { type: 'string' },
    site: { type: 'string' },
    channel: { type: 'string' },
    'expires-days': { type: 'string' },
    'base-url': { type: 'string' },
    out: { type: 'string' },
    fragments: { type: 'string' },
    'merge-tag': { type: 'string' },
    html: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, INVITE_HELP);
    return 0;
  }
  const configPath = values.config ?? io.env.NPSKIT_CONFIG;
  if (!configPath) throw new UsageError('--config <file> (or NPSKIT_CONFIG) is required');
  if (!values.csv) throw new UsageError('--csv <file> is required');
  if (!values.survey) throw new UsageError('--survey <id> is required');
  const channel = (values.channel ?? 'email') as InvitationChannel;
  if (channel !== 'email' && channel !== 'link') {
    throw new UsageError('--channel must be email or link');
  }
  const days = values['expires-days'] === undefined ? undefined : Number(values['expires-days']);
  if (
    days !== undefined &&
    !(Number.isInteger(days) && days >= 1 && days <= INVITATION_LIMITS.maxExpiresInDays)
  ) {
    throw new UsageError(
      `--expires-days must be a whole number 1–${INVITATION_LIMITS.maxExpiresInDays}`,
    );
  }
  const mergeTag = values['merge-tag'] ?? '{{%s}}';
  if (!mergeTag.includes('%s')) throw new UsageError('--merge-tag needs %s where the column goes');
  const config = loadConfig(configPath, io.env);
  const baseUrl = values['base-url'] ?? config.publicUrl;
  if (!baseUrl || !/^https?:\/\/[^/\s]+/.test(baseUrl)) {
    throw new UsageError('--base-url <https://…> is required when the config has no publicUrl');
  }
  const site = siteFor(config, values.survey, values.site);
  const table = readCsv(readFileSync(values.csv, 'utf8'));
  if (!table.header.includes('customer_id')) {
    throw new UsageError(`${values.csv} has no customer_id column`);
  }
  const sites = createSiteDirectory(config, loadSiteSecrets(config, io.env, configPath));
  const store = await openExistingStore(values.db, io.env);
  const outcomes: RowOutcome[] = [];
  let expiresAt = 0;
  try {
    const rows = table.rows.map((row) => customerOfRow(table.header, row));
    for (let start = 0; start < rows.length; start += INVITATION_LIMITS.maxCustomersPerRequest) {
      const chunk = rows.slice(start, start + INVITATION_LIMITS.maxCustomersPerRequest);
      const sendable = chunk
        .map((row, offset) => ({ row, offset }))
        .filter(
          (entry): entry is { row: { customer: Record<string, unknown> }; offset: number } =>
            'customer' in entry.row,
        );
      const result = await createInvitations(
        {
          site,
          surveyId: values.survey,
          channel,
          expiresInDays: days,
          dryRun: values['dry-run'] === true,
          html: values.html === true,
          customers: sendable.map((entry) => entry.row.customer),
        },
        CLI_PRINCIPAL,
        baseUrlOf(baseUrl),
        { store, sites, quarantine: config.quarantine, now },
      );
      expiresAt = Date.parse(result.expiresAt);
      const byIndex = outcomesOf(result);
      chunk.forEach((row, offset) => {
        const sent = sendable.findIndex((entry) => entry.offset === offset);
        const outcome =
          'problem' in row
            ? ({ status: 'rejected', reason: row.problem } as const)
            : byIndex.get(sent);
        outcomes[start + offset] = {
          link: '',
          scores: [],
          expiresAt: '',
          invitationId: '',
          responseId: '',
          html: '',
          ...(outcome ?? { status: 'rejected', reason: 'row: not decided' }),
        };
      });
    }
  } catch (error) {
    if (error instanceof ApiError) throw new Error(error.message);
    throw error;
  } finally {
    await store.close();
  }
  const csv = outputCsv(table, outcomes, { html: values.html === true });
  if (values.out) writeFileSync(values.out, csv);
  else await write(io.stdout, csv);
  if (values.fragments) {
    const files = writeFragments(values.fragments, mergeTag, {
      config,
      surveyId: values.survey,
      siteKey: site,
      sites,
      locales: new Set(
        table.rows.flatMap((row, index) =>
          outcomes[index]?.status === 'invited' ? [localeOfRow(table.header, row)] : [],
        ),
      ),
      expiresAt,
    });
    for (const file of files) await write(io.stderr, `wrote ${terminalSafe(file)}\n`);
  }
  await write(io.stderr, `${summaryLine(outcomes)}\n`);
  return 0;
}

const localeOfRow = (header: readonly string[], row: readonly string[]) =>
  (row[header.indexOf('locale')] ?? '').trim();

/** `invited 120, ineligible 30 (quarantine_min_gap 20, answered_recently 10), rejected 2`. */
function summaryLine(outcomes: readonly RowOutcome[]): string {
  const count = (status: RowOutcome['status']) =>
    outcomes.filter((outcome) => outcome.status === status).length;
  const reasons = new Map<string, number>();
  for (const outcome of outcomes) {
    if (outcome.status === 'ineligible') {
      reasons.set(outcome.reason, (reasons.get(outcome.reason) ?? 0) + 1);
    }
  }
  const why = [...reasons].map(([reason, n]) => `${reason} ${n}`).join(', ');
  const invited = count('invited') + count('would_invite');
  const verb = count('would_invite') > 0 ? 'would invite' : 'invited';
  return `${verb} ${invited}, ineligible ${count('ineligible')}${why ? ` (${why})` : ''}, rejected ${count('rejected')}`;
}

/**
 * One fragment per locale of the invited rows, its links as merge tags of `npskit_link`
 * (`{{npskit_link}}?score=9`, `{{npskit_link}}/o.gif`, …), so a mailer fills them per recipient.
 */
function writeFragments(
  dir: string,
  mergeTag: string,
  input: {
    config: ReturnType<typeof loadConfig>;
    surveyId: string;
    siteKey: string;
    sites: ReturnType<typeof createSiteDirectory>;
    locales: ReadonlySet<string>;
    expiresAt: number;
  },
): string[] {
  const survey = input.sites.find(input.siteKey)?.surveys.get(input.surveyId);
  if (!survey) return [];
  mkdirSync(dir, { recursive: true });
  const link = mergeTag.replace('%s', 'npskit_link');
  const links = {
    page: link,
    scores: Array.from({ length: 11 }, (_, score) => `${link}?score=${score}`),
    pixel: `${link}/o.gif`,
    trap: `${link}/t`,
  };
  const locales = new Set(
    [...input.locales].map((locale) => invitationLocale(survey, locale || null)),
  );
  return [...locales].sort().map((locale) => {
    const file = join(dir, `${survey.id}.${locale}.html`);
    writeFileSync(
      file,
      `${emailFragment({ survey, locale, links, expiresAt: input.expiresAt })}\n`,
    );
    return file;
  });
}
