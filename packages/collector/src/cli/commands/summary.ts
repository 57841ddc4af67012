import {
  type CollectorConfig,
  type NpsGroupJson,
  type NpsRowJson,
  npsQuerySchema,
} from '@npskit/core/schema';
import { readNpsQuery } from '../../analyst/nps-query.js';
import { buildNpsReport } from '../../analyst/nps-report.js';
import { readQuery } from '../../analyst/read-query.js';
import { createSurveyCatalog } from '../../analyst/survey-catalog.js';
import type { Principal } from '../../app/access/index.js';
import { loadConfig } from '../../config/load-config.js';
import { FILTER_HELP, FILTER_OPTIONS } from '../filter-options.js';
import { type CliIo, write } from '../io.js';
import { openExistingStore } from '../open-existing-store.js';
import { parseOptions } from '../parse-options.js';
import { terminalSafe } from '../terminal-safe.js';
import { UsageError } from '../usage-error.js';

/** Help for `summary`. */
export const SUMMARY_HELP = `Usage: npskit-collector summary --db <file|url> [--group-by <a>[,<b>]] [--tz <zone>]
                                [--compare previous|<from>..<to>] [--weighted] [filters]

Prints NPS tables, one per survey kind (relationship and transactional answers are never mixed):
NPS, its 95% interval (adjusted Wald), counts, displays and response rate (for emotion and
category groups: the share of answers). Rows marked "low" have fewer than 30 answers.

Options:
  --db <file|url>           SQLite file or postgres:// URL (env NPSKIT_DATABASE_URL, NPSKIT_DB)
  --config <file>           collector config (env NPSKIT_CONFIG): site time zone and currency,
                            survey kinds and sampling rates (needed for --weighted)
  --group-by <a>[,<b>]      up to two of: survey, kind, touchpoint, unit, employee, emotion,
                            category, verified, channel, orderValue, a custom context key, day,
                            week, month, quarter, year
  --tz <zone>               IANA time zone for dates and periods (default: the sites' time zone)
  --compare <c>             previous (the period of equal length before --from..--to) or
                            <from>..<to>: adds the other period, the change and its significance
  --weighted                NPS weighted by the inverse sampling rate of each survey
  --kind <k>                only relationship or transactional
  --order-value-bands <b>   band boundaries for --group-by orderValue, e.g. 0,200,500,1000
  --band-currency <c>       the currency of the bands (default: the site currency)
  -h, --help                show this help

${FILTER_HELP}
`;

const fixed = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined ? '–' : value.toFixed(digits);
const interval = (value: readonly [number, number] | null | undefined, digits = 1) =>
  value ? `${value[0].toFixed(digits)}…${value[1].toFixed(digits)}` : '–';
const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

/** Renders rows as an aligned plain-text table (labels left, numbers right). */
function table(rows: string[][], labelColumns: number): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column < labelColumns
            ? cell.padEnd(widths[column] ?? 0)
            : cell.padStart(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The options that map one to one onto `/v1/nps` parameters. */
const QUERY_OPTIONS = {
  'group-by': 'groupBy',
  tz: 'tz',
  compare: 'compare',
  kind: 'kind',
  'order-value-bands': 'orderValueBands',
  'band-currency': 'bandCurrency',
} as const;

/** The CLI reads the database directly: it sees everything, like an unscoped admin key. */
const CLI_PRINCIPAL: Principal = { name: 'cli', role: 'admin', scope: {} };

/** A config for `summary` without `--config`: kinds come from the stored responses, no rates. */
const NO_CONFIG = {
  sites: [],
  surveys: [],
  quarantine: {},
  readKeys: [],
  webhooks: [],
  sessions: { hours: 8 },
  samplingHistory: [],
  program: { goals: [] },
} as unknown as CollectorConfig;

/** `summary`: the NPS tables on stdout, computed by the same code as `GET /v1/nps`. */
export async function summaryCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, {
    ...FILTER_OPTIONS,
    db: { type: 'string' },
    config: { type: 'string' },
    'group-by': { type: 'string' },
    tz: { type: 'string' },
    compare: { type: 'string' },
    weighted: { type: 'boolean' },
    kind: { type: 'string' },
    'order-value-bands': { type: 'string' },
    'band-currency': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, SUMMARY_HELP);
    return 0;
  }
  const params = new URLSearchParams();
  for (const key of Object.keys(FILTER_OPTIONS)) {
    const value = (values as Record<string, unknown>)[key];
    if (typeof value === 'string') params.set(key, value);
  }
  for (const [option, param] of Object.entries(QUERY_OPTIONS)) {
    const value = (values as Record<string, unknown>)[option];
    if (typeof value === 'string') params.set(param, value);
  }
  if (values.weighted) params.set('weighted', 'true');
  const configPath = values.config ?? io.env.NPSKIT_CONFIG;
  if (values.weighted && !configPath) {
    throw new UsageError('--weighted needs --config (the surveys’ sampling rates)');
  }
  const usage = (issue: { path: string; message: string } | undefined) => {
    const option =
      Object.entries(QUERY_OPTIONS).find(([, param]) => param === issue?.path)?.[0] ?? issue?.path;
    return new UsageError(`--${option}: ${issue?.message ?? 'not valid'}`);
  };
  // The parameters' form first, so a typo is a usage error even before the database is opened.
  const [early] = readQuery(params, npsQuerySchema).issues;
  if (early) throw usage(early);
  const config = configPath ? loadConfig(configPath, io.env) : NO_CONFIG;
  const store = await openExistingStore(values.db, io.env);
  try {
    const catalog = createSurveyCatalog(config, store);
    const { request, issues } = await readNpsQuery(params, {
      config,
      principal: CLI_PRINCIPAL,
      store,
      catalog,
      now: Date.now(),
    });
    if (!request || issues.length > 0) throw usage(issues[0]);
    const report = await buildNpsReport(store, catalog, request);
    const names = report.query.groupBy;
    const compared = report.query.compare !== null;
    const weighted = report.query.weighted;
    const header = [
      ...(names.length > 0 ? names : ['']),
      'NPS',
      '95% CI',
      'n',
      'promoters',
      'passives',
      'detractors',
      'displays',
      request.dimensions.some((dimension) => dimension.answerOnly) ? 'share' : 'response rate',
      'verified',
      'sample',
      ...(compared ? ['before', 'change', 'change 95% CI', 'significant'] : []),
      ...(weighted ? ['weighted', 'effective n'] : []),
    ];
    const cells = (labels: string[], row: NpsRowJson): string[] => [
      ...labels,
      fixed(row.nps, 1),
      interval(row.ci95),
      String(row.n),
      String(row.promoters),
      String(row.passives),
      String(row.detractors),
      String(row.displays),
      percent(row.share ?? row.responseRate),
      `${row.verifiedAnswers}/${row.n}`,
      row.lowSample ? 'low' : '',
      ...(compared
        ? [
            fixed(row.comparison?.nps, 1),
            fixed(row.comparison?.difference, 1),
            interval(row.comparison?.differenceCi95),
            row.comparison?.significant ? 'yes' : 'no',
          ]
        : []),
      ...(weighted ? [fixed(row.weighted?.nps, 1), fixed(row.weighted?.effectiveN, 1)] : []),
    ];
    // Group keys are respondent-supplied text: never raw control characters on a terminal.
    const label = (group: NpsGroupJson) =>
      names.map((name) => terminalSafe(group.key[name] ?? '(none)'));
    const overallLabels =
      names.length > 0 ? ['overall', ...names.slice(1).map(() => '')] : ['overall'];
    const sections = report.kinds.map((kind) => {
      const rows = [
        header,
        ...kind.groups.map((group) => cells(label(group), group)),
        cells(overallLabels, kind.overall),
      ];
      return `${kind.kind}\n${table(rows, Math.max(1, names.length))}\n`;
    });
    await write(io.stdout, sections.length > 0 ? sections.join('\n') : 'no responses\n');
    return 0;
  } finally {
    await store.close();
  }
}
