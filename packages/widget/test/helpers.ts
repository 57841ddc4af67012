import type { SurveyDefinition } from '@npskit/core/schema';
import { vi } from 'vitest';

/** A recorded request to the fake collector. */
export interface Call {
  url: string;
  init: RequestInit | undefined;
  body: unknown;
}

/**
 * A fake `fetch` that answers from `respond` (default 202) and records calls. Bodies are parsed JSON.
 */
export function fakeFetch(
  respond: (url: string, call: Call) => Response | Promise<Response> = () => json({}, 202),
) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { url, init, body };
    calls.push(call);
    return respond(url, call);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A valid survey definition with defaults applied; override any field. */
export function survey(overrides: Partial<SurveyDefinition> = {}): SurveyDefinition {
  return {
    id: 'checkout',
    kind: 'transactional',
    enabled: true,
    brand: 'Acme',
    comment: true,
    sampling: { rate: 1 },
    triggers: [{ on: 'pageview' }],
    ...overrides,
  };
}

/** Lets pending promise chains (and zero-delay timers under fake timers) run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
    else await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
