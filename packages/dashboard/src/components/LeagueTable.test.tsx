import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { NpsRow } from '../api/nps.js';
import { LeagueTable } from './LeagueTable.js';

const row = (nps: number, low: number, high: number, n: number, lowSample = false): NpsRow => ({
  promoters: 0,
  passives: 0,
  detractors: 0,
  n,
  nps,
  ci95: [low, high],
  lowSample,
  displays: n * 3,
  responseRate: 1 / 3,
});

afterEach(cleanup);

describe('LeagueTable', () => {
  it('ranks by NPS with ranges from the intervals, low-n rows last and unranked', () => {
    render(
      <LeagueTable
        id="t"
        caption="Stores"
        dimension="Store"
        rows={[
          { key: 'tiny', label: 'tiny', row: row(90, 40, 100, 8, true) },
          { key: 'a', label: 'a', row: row(50, 40, 60, 300) },
          { key: 'b', label: 'b', row: row(45, 35, 55, 280) },
          { key: 'c', label: 'c', row: row(-10, -20, 0, 310) },
        ]}
      />,
    );
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((tr) => tr.getAttribute('data-key'))).toEqual(['a', 'b', 'c', 'tiny']);
    expect(rows.map((tr) => tr.querySelector('td')?.textContent)).toEqual([
      '1–2',
      '1–2',
      '3',
      'not ranked',
    ]);
    expect(rows[3]?.textContent).toContain('low n');
  });

  it('sorts by a column from its header button and says so with aria-sort', () => {
    render(
      <LeagueTable
        id="t"
        caption="Stores"
        dimension="Store"
        rows={[
          { key: 'a', label: 'a', row: row(50, 40, 60, 100) },
          { key: 'b', label: 'b', row: row(45, 35, 55, 300) },
        ]}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'n' }));
    const header = screen.getByRole('button', { name: 'n' }).closest('th');
    expect(header?.getAttribute('aria-sort')).toBe('descending');
    const keys = within(screen.getByRole('table'))
      .getAllByRole('row')
      .slice(1)
      .map((tr) => tr.getAttribute('data-key'));
    expect(keys).toEqual(['b', 'a']);
  });
});
