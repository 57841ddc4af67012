import { describe, expect, it } from 'vitest';
import {
  type CsvDelimiter,
  type CsvRow,
  copiesAsCells,
  exportRowToCsvRow,
  SEGMENT_CELLS,
  splitsInto,
} from '../store/csv-row.js';
import { EXPORT_AT, type ExportRow, exportRowToResponse } from '../store/export-rows.js';
import { csvLine } from './csv.js';
import { createCsvRows } from './csv-rows.js';

/** Texts that take every branch of the cell rules: formulas, quotes, delimiters, breaks, Unicode. */
const TEXTS = [
  'plain',
  'Ärlig åsikt',
  '',
  ' ',
  '=HYPERLINK("x")',
  '  +1',
  '-minus',
  '@at',
  '|dde',
  '\uFF1Dfull',
  '\u3000=ideographic space',
  '\ttab',
  '\rcr',
  'a,b',
  'a;b',
  'say "hi"',
  'line\nbreak',
  '9 lives',
  'Zebra, "quoted"',
  '\u0010ctrl',
];
const pick = <T>(values: readonly T[], i: number): T => values[i % values.length] as T;

function row(i: number): ExportRow {
  const text = (k: number) => pick(TEXTS, i * 7 + k);
  const maybe = (k: number) => ((i + k) % 4 === 0 ? null : text(k));
  const time = (k: number) =>
    (i + k) % 5 === 0 ? null : pick([0, 1_700_000_000_123, -62_198_755_200_000], k) + i * 997;
  const custom = pick(
    ['{}', '{"segment":"gold"}', '{"segment":"=1+1","tier":3}', '{"constructor":"x","tier":"a,b"}'],
    i,
  );
  const tuple: ExportRow = [
    i + 1,
    text(1),
    text(2),
    pick(['transactional', 'relationship'], i),
    i % 6 === 0 ? null : i % 11,
    pick([null, 'promoter', 'passive', 'detractor'], i),
    maybe(3),
    maybe(4),
    maybe(5),
    text(6),
    time(1),
    time(2),
    time(3) ?? 5,
    maybe(7),
    maybe(8),
    maybe(9),
    maybe(10),
    pick([null, 0, 12.5, 1e21, -3.25], i),
    maybe(11),
    maybe(12),
    maybe(13),
    time(4),
    i % 2,
    (i >> 1) % 2,
    (i >> 2) % 2,
    i % 3,
    pick(['web', 'email', 'link'], i),
    custom,
    'pk_site',
    1_700_000_000_000 + i,
  ];
  return tuple;
}

/**
 * The row as an adapter hands it on, segment by segment: joined as SQL joins it (NULL as empty),
 * then kept joined where it `copiesAsCells`, split into text cells where it only `splitsInto`
 * them (as `settleSegments` does), and the cells as read where it does not split back (as a row
 * read again as fields). Also counts the forms, so the test can show it met each.
 */
function joined(row: CsvRow, delimiter: CsvDelimiter, forms: Record<string, number>): CsvRow {
  const copy = [...row] as CsvRow;
  for (const [position, cells] of SEGMENT_CELLS) {
    const list = row[position] as ReadonlyArray<string | number | null>;
    const text = list.map((cell) => (cell === null ? '' : String(cell))).join(delimiter);
    const form = copiesAsCells(text, cells, delimiter)
      ? 'joined'
      : splitsInto(text, cells, delimiter)
        ? 'split'
        : 'fields';
    forms[form] = (forms[form] ?? 0) + 1;
    copy[position] = form === 'joined' ? text : form === 'split' ? text.split(delimiter) : list;
  }
  return copy;
}

describe('createCsvRows', () => {
  it('writes the same bytes as csvLine for the same responses, with either delimiter and either segment form', () => {
    const rows = Array.from({ length: 400 }, (_, i) => row(i));
    expect(rows.some((r) => r[EXPORT_AT.custom] !== '{}')).toBe(true);
    const lists = rows.map(exportRowToCsvRow);
    for (const delimiter of [',', ';'] as const) {
      for (const keys of [[], ['segment', 'tier', 'constructor', 'missing']]) {
        const expected = rows.map((r) => csvLine(exportRowToResponse(r), keys, delimiter)).join('');
        expect(createCsvRows(keys, delimiter)(lists).toString('utf8')).toBe(expected);
        const forms: Record<string, number> = {};
        const joinedRows = lists.map((r) => joined(r, delimiter, forms));
        expect(forms.joined).toBeGreaterThan(0);
        expect(forms.split).toBeGreaterThan(0);
        expect(forms.fields).toBeGreaterThan(0);
        expect(createCsvRows(keys, delimiter)(joinedRows).toString('utf8')).toBe(expected);
      }
    }
  });

  it('grows its buffer for lines longer than a batch was sized for, without losing a byte', () => {
    const rows = Array.from({ length: 3 }, (_, i) => row(i));
    const long = `${'Åäö, "så" '.repeat(4000)}🙂`;
    const withLong = rows.map((r) => {
      const copy = [...r] as ExportRow;
      copy[EXPORT_AT.comment] = long;
      return copy;
    });
    const expected = withLong.map((r) => csvLine(exportRowToResponse(r), [], ',')).join('');
    const bytes = createCsvRows([])(withLong.map(exportRowToCsvRow));
    expect(bytes.length).toBe(Buffer.byteLength(expected));
    expect(bytes.toString('utf8')).toBe(expected);
  });
});
