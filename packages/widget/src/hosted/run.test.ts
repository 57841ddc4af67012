import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { survey } from '../../test/helpers.js';
import type { MountProps, UiModule } from '../ui/contract.js';
import { readConfig } from './config.js';
import { whenPresent } from './presence.js';
import { createReporter } from './report.js';
import { runHostedPage } from './run.js';

/** The page as the collector renders it: the form, the survey slot, the done note, the config. */
function renderPage(config: Record<string, unknown>) {
  document.body.innerHTML = `
    <form id="npskit-form"><input name="score"></form>
    <div id="npskit-survey"></div>
    <p id="npskit-done" hidden>Thanks</p>
    <script type="application/json" id="npskit-invitation">${JSON.stringify({
      post: '/s/i1.abc.def',
      locale: 'en',
      nonce: 'n0nce',
      score: null,
      answered: false,
      seenAfterMs: 3000,
      ui: '/s/assets/npskit-ui.x.js',
      survey: survey(),
      texts: { closeTab: 'Thanks' },
      ...config,
    })}</script>`;
}

/** A stand-in UI chunk that remembers the props it was mounted with. */
function fakeUi() {
  const mounted: MountProps[] = [];
  const ui: UiModule = {
    present: async () => undefined,
    mount(props) {
      mounted.push(props);
      return { unmount() {} };
    },
  };
  return { ui, mounted };
}

/** Captures what the page POSTs. */
function captureFetch() {
  const bodies: unknown[] = [];
  const fetcher = vi.fn(async (_url: string, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    return new Response('{}', { status: 200 });
  });
  vi.stubGlobal('fetch', fetcher);
  return { bodies, fetcher };
}

/** Lets pending promises (fetch, the report chain) run; timers are fake. */
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('readConfig', () => {
  it('takes only a config whose paths are the collector’s own', () => {
    renderPage({});
    expect(readConfig(document)?.post).toBe('/s/i1.abc.def');
    renderPage({ ui: 'https://cdn.example/ui.js' });
    expect(readConfig(document)).toBeUndefined();
    renderPage({ post: 'https://evil.example/s/x' });
    expect(readConfig(document)).toBeUndefined();
  });
});

describe('whenPresent', () => {
  it('fires once on the first trusted interaction, never on a synthetic one', () => {
    const seen = vi.fn();
    whenPresent(document, 3000, seen);
    document.dispatchEvent(new Event('pointerdown')); // isTrusted: false
    expect(seen).not.toHaveBeenCalled();
    const trusted = new Event('keydown');
    Object.defineProperty(trusted, 'isTrusted', { value: true });
    document.dispatchEvent(trusted);
    document.dispatchEvent(trusted);
    expect(seen.mock.calls).toEqual([['interaction']]);
  });

  it('fires after the page was visible long enough, and not before', () => {
    const seen = vi.fn();
    whenPresent(document, 3000, seen);
    vi.advanceTimersByTime(2999);
    expect(seen).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(seen.mock.calls).toEqual([['timer']]);
  });

  it('the clock stops while the tab is hidden', () => {
    const seen = vi.fn();
    let state: DocumentVisibilityState = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => state);
    whenPresent(document, 3000, seen);
    vi.advanceTimersByTime(2000);
    state = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(60_000);
    expect(seen).not.toHaveBeenCalled();
    state = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(999);
    expect(seen).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(seen.mock.calls).toEqual([['timer']]);
  });
});

describe('createReporter', () => {
  it('sends in order, without credentials, retries 5xx, and tells "gone" (used, expired) from a plain refusal', async () => {
    const calls: string[] = [];
    const replies: Array<[number, unknown]> = [
      [503, {}],
      [200, { ok: true, recorded: true }],
      [409, { error: 'not_answered' }],
      [409, { error: 'invitation_used' }],
      [410, { error: 'invitation_expired' }],
    ];
    const fetcher = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      calls.push(`${String(init?.body)} ${init?.credentials}`);
      const [status, body] = replies.shift() ?? [200, {}];
      return new Response(JSON.stringify(body), { status });
    }) as unknown as typeof fetch;
    const report = createReporter('/s/t', fetcher);
    const results = [
      report({ action: 'answer', score: 9, trigger: 'timer' }),
      report({ action: 'followup', comment: 'x' }),
      report({ action: 'done' }),
      report({ action: 'seen', trigger: 'timer' }),
    ];
    await flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await Promise.all(results)).toEqual(['ok', 'failed', 'gone', 'gone']);
    expect(calls).toEqual([
      '{"action":"answer","score":9,"trigger":"timer"} omit',
      '{"action":"answer","score":9,"trigger":"timer"} omit',
      '{"action":"followup","comment":"x"} omit',
      '{"action":"done"} omit',
      '{"action":"seen","trigger":"timer"} omit',
    ]);
  });
});

describe('runHostedPage', () => {
  it('replaces the form with the widget card on the follow-up step and records the link’s score once a person is there', async () => {
    const { bodies } = captureFetch();
    renderPage({ score: 9 });
    const { ui, mounted } = fakeUi();
    await runHostedPage(document, async () => ui);
    expect(document.getElementById('npskit-form')?.hidden).toBe(true);
    expect(mounted[0]).toMatchObject({ score: 9, locale: 'en', nonce: 'n0nce' });
    expect(mounted[0]?.container).toBe(document.getElementById('npskit-survey'));
    // Loading the page records nothing…
    vi.advanceTimersByTime(2000);
    await flush();
    expect(bodies).toEqual([]);
    // …a person looking at it for a few seconds does.
    vi.advanceTimersByTime(1000);
    await flush();
    expect(bodies).toEqual([{ action: 'answer', score: 9, trigger: 'timer' }]);
    mounted[0]?.onFollowup({ emotion: 'happy', comment: 'Great' });
    mounted[0]?.onClose();
    await flush();
    await flush();
    expect(bodies.slice(1)).toEqual([
      { action: 'followup', emotion: 'happy', comment: 'Great' },
      { action: 'done' },
    ]);
    expect(document.getElementById('npskit-done')?.hidden).toBe(false);
  });

  it('on the full scale: "seen" once a person is there, then the tapped score as an interaction', async () => {
    const { bodies } = captureFetch();
    renderPage({ score: null });
    const { ui, mounted } = fakeUi();
    await runHostedPage(document, async () => ui);
    expect(mounted[0]?.score).toBeUndefined();
    vi.advanceTimersByTime(3000);
    await flush();
    mounted[0]?.onAnswer(6);
    await flush();
    await flush();
    expect(bodies).toEqual([
      { action: 'seen', trigger: 'timer' },
      { action: 'answer', score: 6, trigger: 'interaction' },
    ]);
  });

  it('when the collector caught a scanner on this link, the timer answer is redone on a real interaction', async () => {
    const bodies: unknown[] = [];
    const replies = [{ ok: true, recorded: false, ignored: 'scanner' }];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        bodies.push(JSON.parse(String(init?.body)));
        return new Response(JSON.stringify(replies.shift() ?? { ok: true, recorded: true }));
      }),
    );
    renderPage({ score: 2 });
    const { ui } = fakeUi();
    await runHostedPage(document, async () => ui);
    vi.advanceTimersByTime(3000);
    await flush();
    await flush();
    // No second timer: only a person counts now.
    vi.advanceTimersByTime(60_000);
    await flush();
    expect(bodies).toEqual([{ action: 'answer', score: 2, trigger: 'timer' }]);
    const tap = new Event('pointerdown');
    Object.defineProperty(tap, 'isTrusted', { value: true });
    document.dispatchEvent(tap);
    await flush();
    await flush();
    expect(bodies.slice(1)).toEqual([{ action: 'answer', score: 2, trigger: 'interaction' }]);
  });

  it('a score already stored is not sent again', async () => {
    const { bodies } = captureFetch();
    renderPage({ score: 4, answered: true });
    const { ui } = fakeUi();
    await runHostedPage(document, async () => ui);
    vi.advanceTimersByTime(5000);
    await flush();
    expect(bodies).toEqual([]);
  });

  it('leaves the form in place when the UI chunk cannot load', async () => {
    renderPage({});
    const handle = await runHostedPage(document, async () => {
      throw new Error('blocked');
    });
    expect(handle).toBeUndefined();
    expect(document.getElementById('npskit-form')?.hidden).toBe(false);
  });
});
