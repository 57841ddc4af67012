import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, CaseItem, CaseOptions } from '../../api/cases.js';
import { setCsrfToken } from '../../api/client.js';
import type { Session } from '../../api/session.js';
import { SessionContext } from '../../app/session-context.js';
import { CaseActions } from './CaseActions.js';
import { CaseDetailView } from './CaseDetailView.js';

const OPTIONS: CaseOptions = {
  rootCauses: ['coffee-quality', 'staff'],
  owners: [
    { id: 'haga', name: 'Haga manager', units: ['haga'] },
    { id: 'care', name: 'Customer care', units: null },
  ],
  firstContactHours: 48,
};

const item = (status: CaseItem['status']): CaseItem => ({
  caseId: '00000000-0000-4000-8000-000000000001',
  status,
  overdue: false,
  responseId: 'r1',
  surveyId: 'checkout',
  surveyKind: 'transactional',
  customerId: 'c1',
  verified: true,
  unit: 'haga',
  touchpoint: 'checkout',
  owner: { id: 'haga', name: 'Haga manager' },
  score: 2,
  category: 'detractor',
  comment: 'Stale beans',
  emotion: null,
  openedAt: '2026-03-01T10:00:00.000Z',
  dueAt: '2026-03-03T10:00:00.000Z',
  contactedAt: null,
  resolvedAt: null,
  closedAt: null,
  rootCause: null,
  recovery: { dueAt: null, score: null, recovered: null },
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const buttons = () => screen.queryAllByRole('button').map((button) => button.textContent);

describe('CaseActions', () => {
  it('offers what the status allows: contact first, then resolve; only notes once closed', () => {
    const { rerender } = render(
      <CaseActions item={item('open')} options={OPTIONS} onChanged={() => {}} />,
    );
    expect(buttons()).toEqual(['Mark as contacted', 'Add note', 'Assign', 'Close the case']);
    // An open case can only be closed without action: resolving needs a contact.
    expect(
      [...(screen.getByLabelText('Outcome') as HTMLSelectElement).options].map((o) => o.value),
    ).toEqual(['closed_no_action']);
    // The current owner is not offered as the new one.
    expect(
      [...(screen.getByLabelText('New owner') as HTMLSelectElement).options].map((o) => o.value),
    ).toEqual(['care']);
    rerender(<CaseActions item={item('contacted')} options={OPTIONS} onChanged={() => {}} />);
    expect(buttons()).toEqual(['Add note', 'Assign', 'Close the case']);
    expect(
      [...(screen.getByLabelText('Outcome') as HTMLSelectElement).options].map((o) => o.value),
    ).toEqual(['resolved', 'closed_no_action']);
    rerender(<CaseActions item={item('resolved')} options={OPTIONS} onChanged={() => {}} />);
    expect(buttons()).toEqual(['Add note']);
  });

  it('sends a resolution with root cause, note and the session’s CSRF header, then reloads', async () => {
    const fetch = vi.fn(
      async (_url: string, _init: RequestInit) =>
        new Response(JSON.stringify({ case: item('resolved') }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('csrf-token-1');
    const onChanged = vi.fn();
    render(<CaseActions item={item('contacted')} options={OPTIONS} onChanged={onChanged} />);
    fireEvent.change(screen.getByLabelText('Root cause'), { target: { value: 'coffee-quality' } });
    fireEvent.input(screen.getByLabelText('What was done'), {
      target: { value: '  Replaced the bag  ' },
    });
    fireEvent.submit(screen.getByLabelText('What was done').closest('form') as HTMLFormElement);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/v1/cases/00000000-0000-4000-8000-000000000001/transition');
    expect(init?.method).toBe('POST');
    expect((init?.headers ?? {}) as Record<string, string>).toMatchObject({
      'x-npskit-csrf': 'csrf-token-1',
    });
    expect(JSON.parse(String(init?.body))).toEqual({
      to: 'resolved',
      rootCause: 'coffee-quality',
      note: 'Replaced the bag',
    });
    expect(screen.getByRole('status').textContent).toBe('Case closed.');
  });

  it('says why a change failed (someone else changed the case) and reloads it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: 'invalid_transition', message: 'x' }), {
            status: 409,
          }),
      ),
    );
    const onChanged = vi.fn();
    render(<CaseActions item={item('open')} options={OPTIONS} onChanged={onChanged} />);
    fireEvent.submit(
      screen.getByRole('button', { name: 'Mark as contacted' }).closest('form') as HTMLFormElement,
    );
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('meanwhile'));
    expect(onChanged).toHaveBeenCalled();
  });
});

describe('CaseDetailView', () => {
  const detail: CaseDetail = {
    case: item('open'),
    response: null,
    history: [
      {
        at: '2026-03-01T10:00:00.000Z',
        actor: 'npskit',
        action: 'opened',
        fromStatus: null,
        toStatus: 'open',
        ownerId: 'haga',
        rootCause: null,
        note: null,
      },
    ],
  };
  const show = (role: Session['role']) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(detail), { status: 200 })),
    );
    render(
      <SessionContext.Provider value={{ name: 'k', role, scope: {} }}>
        <CaseDetailView caseId={detail.case.caseId} options={OPTIONS} />
      </SessionContext.Provider>,
    );
  };

  it('shows a viewer the case without any action', async () => {
    show('viewer');
    await screen.findByText('Stale beans');
    expect(screen.getByTestId('case-read-only')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('gives a caseworker the actions', async () => {
    show('caseworker');
    await screen.findByText('Stale beans');
    expect(screen.queryByTestId('case-read-only')).toBeNull();
    expect(screen.getByRole('button', { name: 'Mark as contacted' })).toBeTruthy();
  });
});
