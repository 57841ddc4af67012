import { type NpsRow, summarize } from '../../analyst/nps-summary.js';
import { parseGroupBy } from '../../analyst/parse-group-by.js';
import type { GroupBy } from '../../store/types.js';
import { FILTER_HELP, FILTER_OPTIONS, filterFromOptions } from '../filter-options.js';
import { type CliIo, write } from '../io.js';
import { openExistingStore } from '../open-existing-store.js';
import { parseOptions } from '../parse-options.js';
import { terminalSafe } from '../terminal-safe.js';
import { UsageError } from '../usage-error.js';

/** Help for `summary`. */
export const SUMMARY_HELP = `Usage: npskit-collector summary --db <file|url> [--group-by <key>] [filters]

Prints an NPS table: NPS, its 95% interval, counts, displays and response rate.
Rows marked "low" have fewer than 30 answers: read them with care.

Options:
  --db <file|url>     SQLite file or postgres:// URL (env NPSKIT_DATABASE_URL, NPSKIT_DB)
  --group-by <key>    a context key (unit, touchpoint, employee, …), channel, emotion, day, week or month
  -h, --help          show this help

${FILTER_HELP}
`;

const fixed = (value: number | null, digits: number) =>
  value === null ? '–' : value.toFixed(digits);

function cells(label: string, row: NpsRow): string[] {
  return [
    label,
    fixed(row.nps, 1),
    row.ci95 === null ? '–' : `${row.ci95[0].toFixed(1)}…${row.ci95[1].toFixed(1)}`,
    String(row.n),
    String(row.promoters),
    String(row.passives),
    String(row.detractors),
    String(row.displays),
    row.responseRate === null ? '–' : `${(row.responseRate * 100).toFixed(1)}%`,
    `${row.verifiedAnswers}/${row.n}`,
    row.lowSample ? 'low' : '',
  ];
}

/** Renders rows as an aligned plain-text table. */
function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `summary`: the NPS table on stdout. */
export async function summaryCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, {
    ...FILTER_OPTIONS,
    db: { type: 'string' },
    'group-by': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, SUMMARY_HELP);
    return 0;
  }
  const groupName = values['group-by'];
  const badGroup = () =>
    new UsageError('--group-by must be a known context key, channel, emotion, day, week or month');
  if (groupName !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(groupName)) throw badGroup();
  const filter = filterFromOptions(values);
  const store = await openExistingStore(values.db, io.env);
  try {
    let groupBy: GroupBy | undefined;
    if (groupName !== undefined) {
      groupBy = parseGroupBy(groupName, new Set(await store.customContextKeys()));
      if (!groupBy) throw badGroup();
    }
    const summary = summarize(await store.npsCounts(filter, groupBy), groupBy !== undefined);
    const header = [
      values['group-by'] ?? '',
      'NPS',
      '95% CI',
      'n',
      'promoters',
      'passives',
      'detractors',
      'displays',
      'response rate',
      'verified',
      'sample',
    ];
    const rows = [
      header,
      // Group keys are stored text: escaped, so a unit name can't send control codes to the terminal.
      ...summary.groups.map((group) => cells(terminalSafe(group.key ?? '(none)'), group)),
      cells('overall', summary.overall),
    ];
    await write(io.stdout, `${table(rows)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
