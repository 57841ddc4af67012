import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShowMore } from '../components/ShowMore.js';
import { type Page, usePages } from './use-pages.js';

afterEach(cleanup);

/** Pages of the letters a–e, two at a time, cursors being the next index. */
const LETTERS = ['a', 'b', 'c', 'd', 'e'];
const fetchLetters = vi.fn(async (cursor: string | undefined): Promise<Page<string>> => {
  const start = Number(cursor ?? 0);
  const end = start + 2;
  return {
    items: LETTERS.slice(start, end),
    nextCursor: end < LETTERS.length ? String(end) : null,
  };
});

function Letters(props: { listKey: string }) {
  const { items, next, busy, loadMore } = usePages(props.listKey, fetchLetters);
  return (
    <div>
      <p data-testid="items">{items.join(',')}</p>
      <ShowMore next={next} busy={busy} onMore={loadMore} />
    </div>
  );
}

describe('usePages', () => {
  it('appends the next pages in order until the collector has no next cursor', async () => {
    render(<Letters listKey="one" />);
    await waitFor(() => expect(screen.getByTestId('items').textContent).toBe('a,b'));
    fireEvent.click(screen.getByRole('button', { name: /more/i }));
    await waitFor(() => expect(screen.getByTestId('items').textContent).toBe('a,b,c,d'));
    fireEvent.click(screen.getByRole('button', { name: /more/i }));
    await waitFor(() => expect(screen.getByTestId('items').textContent).toBe('a,b,c,d,e'));
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('starts over from the first page when the key (the filters) changes', async () => {
    const { rerender } = render(<Letters listKey="one" />);
    await waitFor(() => expect(screen.getByTestId('items').textContent).toBe('a,b'));
    fireEvent.click(screen.getByRole('button', { name: /more/i }));
    await waitFor(() => expect(screen.getByTestId('items').textContent).toBe('a,b,c,d'));
    rerender(<Letters listKey="two" />);
    await waitFor(() => expect(screen.getByTestId('items').textContent).toBe('a,b'));
  });
});
