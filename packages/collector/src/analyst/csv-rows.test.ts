import { describe, expect, it } from 'vitest';
import { type CsvDelimiter, type CsvRow, exportRowToCsvRow, splitsInto } from '../store/csv-row.js';
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
 * The joined form of a row's segments as SQLite hands them over (NULL as empty), where the segment
 * splits back into its cells; list form otherwise, as the adapter does.
 */
function joined(row: CsvRow, delimiter: CsvDelimiter): CsvRow {
  const join = (cells: CsvRow[1]) => {
    if (typeof cells === 'string') return cells;
    const text = cells.map((cell) => (cell === null ? '' : String(cell))).join(delimiter);
    return splitsInto(text, cells.length, delimiter) ? text : cells;
  };
  const copy = [...row] as CsvRow;
  for (const position of [1, 3, 7, 9, 11] as const) copy[position] = join(row[position]);
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
        expect(createCsvRows(keys, delimiter)(lists)).toBe(expected);
        const joinedRows = lists.map((r) => joined(r, delimiter));
        expect(joinedRows.some((r) => typeof r[1] === 'string')).toBe(true);
        expect(createCsvRows(keys, delimiter)(joinedRows)).toBe(expected);
      }
    }
  });
});
