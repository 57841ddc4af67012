import { describe, expect, it } from 'vitest';
import { csvCell } from '../analyst/csv.js';
import { type CsvRow, copiesAsCells, settleSegments } from './csv-row.js';

/** Cells that take every branch of `csvCell`: formulas, quotes, delimiters, breaks, Unicode. */
const CELLS = [
  'plain',
  '9 lives',
  'https://shop.example/a?b=c',
  '',
  ' lead',
  '=1+1',
  '+1',
  '-1',
  '@x',
  '|dde',
  '\uFF1Dfull',
  '\u3000=x',
  '\u00a0nbsp',
  '\ttab',
  'a,b',
  'a;b',
  'say "hi"',
  'cr\rlf\n',
  'Ärlig',
  'ärlig',
  'ok=fine',
];

describe('copiesAsCells', () => {
  it('holds only where csvCell writes every cell as it is, for either delimiter', () => {
    for (const delimiter of [',', ';'] as const) {
      let copied = 0;
      for (const first of CELLS) {
        for (const second of CELLS) {
          const text = `${first}${delimiter}${second}`;
          if (!copiesAsCells(text, 2, delimiter)) continue;
          copied += 1;
          expect(csvCell(first, delimiter), text).toBe(first);
          expect(csvCell(second, delimiter), text).toBe(second);
        }
      }
      // The plain cells ('plain', '9 lives', the URL, '', 'ok=fine') in every pairing; 'Ärlig' is
      // plain too, but a non-ASCII start is left to csvCell.
      expect(copied).toBe(25);
    }
  });

  it('copies no cell that csvCell would change, whatever character it starts with or holds', () => {
    const codes = [...Array.from({ length: 256 }, (_, c) => c), 0x2028, 0x3000, 0xff1d, 0xfeff];
    for (const delimiter of [',', ';'] as const) {
      for (const code of codes) {
        const char = String.fromCharCode(code);
        for (const cell of [`${char}x`, `x${char}`, char]) {
          if (copiesAsCells(cell, 1, delimiter)) expect(csvCell(cell, delimiter)).toBe(cell);
        }
      }
    }
  });

  it('counts cells: a segment with more or fewer delimiters than cells is not copied', () => {
    expect(copiesAsCells('a,b,c', 3, ',')).toBe(true);
    expect(copiesAsCells('a,b', 3, ',')).toBe(false);
    expect(copiesAsCells('a,b,c,d', 3, ',')).toBe(false);
    expect(copiesAsCells(',,', 3, ',')).toBe(true);
    expect(copiesAsCells('a;b;c', 3, ',')).toBe(false);
  });
});

describe('settleSegments', () => {
  const row = (head: string): CsvRow => [
    1,
    head,
    null,
    'c-1,anon',
    null,
    null,
    5,
    'checkout,,,',
    null,
    ',,',
    null,
    'false,false,false,0,web',
    '{}',
  ];

  it('keeps copyable segments joined, lists the ones that need the cell rules, refuses the ones that do not split back', () => {
    const plain = row('id,checkout,transactional,9,promoter,happy');
    expect(settleSegments(plain, ',')).toBe(true);
    expect(plain[1]).toBe('id,checkout,transactional,9,promoter,happy');

    const formula = row('id,=cmd(),transactional,9,promoter,happy');
    expect(settleSegments(formula, ',')).toBe(true);
    expect(formula[1]).toEqual(['id', '=cmd()', 'transactional', '9', 'promoter', 'happy']);

    // A comma inside a cell: seven pieces for six cells, so the row must be read as fields.
    expect(settleSegments(row('id,check,out,transactional,9,promoter,happy'), ',')).toBe(false);
    // A semicolon inside a cell of a comma file needs quotes: it cannot be split and requoted.
    expect(settleSegments(row('id,a;b,transactional,9,promoter,happy'), ',')).toBe(false);
  });
});
