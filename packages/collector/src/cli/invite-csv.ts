import type { ValidationIssue } from '@npskit/core/schema';
import { csvCell } from '../analyst/csv.js';
import type { InvitationBatchResult } from '../invitations/create-invitations.js';
import type { CsvTable } from './csv-read.js';

/** Input columns the collector reads; every other column is the mailer's and passes through. */
export const INPUT_COLUMNS = {
  customerId: 'customer_id',
  locale: 'locale',
  standard: ['unit', 'touchpoint', 'employee'],
  /** Custom context keys: `segment`, and any `context_<key>` column (as `<key>`). */
  segment: 'segment',
  customPrefix: 'context_',
} as const;

/** The columns `invite` appends (an input that already has them gets them replaced). */
export const OUTPUT_COLUMNS = [
  'npskit_status',
  'npskit_reason',
  'npskit_link',
  ...Array.from({ length: 11 }, (_, score) => `npskit_score_${score}`),
  'npskit_expires_at',
  'npskit_invitation_id',
  'npskit_response_id',
] as const;

/** One row's outcome, in `OUTPUT_COLUMNS` terms. */
export interface RowOutcome {
  status: 'invited' | 'would_invite' | 'ineligible' | 'rejected';
  reason: string;
  link: string;
  scores: string[];
  expiresAt: string;
  invitationId: string;
  responseId: string;
  html: string;
}

/** A customer entry for `POST /v1/invitations`, or why the row can't be one. */
export type RowCustomer = { customer: Record<string, unknown> } | { problem: string };

/**
 * Reads the collector's columns of one row: `customer_id` (required), `locale`, `unit`,
 * `touchpoint`, `employee`, `segment` and `context_<key>`. Empty cells are absent. Nothing else of
 * the row (e-mail addresses, names) is read — it never leaves the file.
 */
export function customerOfRow(header: readonly string[], row: readonly string[]): RowCustomer {
  const cell = (name: string) => {
    const index = header.indexOf(name);
    const value = index < 0 ? '' : (row[index] ?? '').trim();
    return value === '' ? undefined : value;
  };
  const customerId = cell(INPUT_COLUMNS.customerId);
  if (customerId === undefined) return { problem: 'customer_id: missing' };
  const context: Record<string, string> = Object.create(null);
  for (const name of INPUT_COLUMNS.standard) {
    const value = cell(name);
    if (value !== undefined) context[name] = value;
  }
  const segment = cell(INPUT_COLUMNS.segment);
  if (segment !== undefined) context.segment = segment;
  for (const name of header) {
    if (!name.startsWith(INPUT_COLUMNS.customPrefix)) continue;
    const value = cell(name);
    if (value !== undefined) context[name.slice(INPUT_COLUMNS.customPrefix.length)] = value;
  }
  const locale = cell(INPUT_COLUMNS.locale);
  return {
    customer: {
      customerId,
      ...(locale !== undefined ? { locale } : {}),
      ...(Object.keys(context).length > 0 ? { context: { ...context } } : {}),
    },
  };
}

/** `customers.3.locale` + code → `locale: invalid_format` (the row is known; the value is not shown). */
export function issueText(issues: readonly ValidationIssue[]): string {
  return issues
    .map((issue) => `${issue.path.replace(/^customers\.\d+\.?/, '') || 'row'}: ${issue.code}`)
    .join('; ');
}

/** Every row's outcome from one batch result, by the batch's own indexes. */
export function outcomesOf(result: InvitationBatchResult): Map<number, RowOutcome> {
  const out = new Map<number, RowOutcome>();
  const empty = {
    link: '',
    scores: [] as string[],
    expiresAt: '',
    invitationId: '',
    responseId: '',
    html: '',
  };
  for (const invited of result.invited) {
    out.set(invited.index, {
      status: result.dryRun ? 'would_invite' : 'invited',
      reason: '',
      link: invited.url ?? '',
      scores: invited.scoreUrls ?? [],
      expiresAt: result.dryRun ? '' : result.expiresAt,
      invitationId: invited.invitationId ?? '',
      responseId: invited.responseId ?? '',
      html: invited.html ?? '',
    });
  }
  for (const { index, reason } of result.ineligible) {
    out.set(index, { ...empty, status: 'ineligible', reason });
  }
  for (const { index, issues } of result.rejected) {
    out.set(index, { ...empty, status: 'rejected', reason: issueText(issues) });
  }
  return out;
}

/**
 * The output file: the input's own columns exactly as they were (an earlier run's `npskit_*`
 * columns dropped), then `OUTPUT_COLUMNS` (and `npskit_html` with `html`). Same delimiter, UTF-8
 * BOM, CRLF. The mailer's cells come back value for value (quoted only where CSV needs it —
 * a phone number `+46…` must stay one); the collector's own cells are links and codes.
 */
export function outputCsv(
  table: CsvTable,
  outcomes: ReadonlyArray<RowOutcome>,
  options: { html: boolean },
): string {
  const keep = table.header
    .map((name, index) => ({ name, index }))
    .filter(({ name }) => !name.startsWith('npskit_'));
  const delimiter = table.delimiter;
  const quote = (value: string) =>
    /[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  const ours = [...OUTPUT_COLUMNS, ...(options.html ? ['npskit_html'] : [])];
  const lines = [[...keep.map(({ name }) => quote(name)), ...ours].join(delimiter)];
  table.rows.forEach((row, rowIndex) => {
    const outcome = outcomes[rowIndex];
    const cells = [
      outcome?.status ?? '',
      outcome?.reason ?? '',
      outcome?.link ?? '',
      ...Array.from({ length: 11 }, (_, score) => outcome?.scores[score] ?? ''),
      outcome?.expiresAt ?? '',
      outcome?.invitationId ?? '',
      outcome?.responseId ?? '',
      ...(options.html ? [outcome?.html ?? ''] : []),
    ].map((value) => csvCell(value, delimiter));
    lines.push([...keep.map(({ index }) => quote(row[index] ?? '')), ...cells].join(delimiter));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
