import { report, safe } from '../util/safe.js';
import { warn } from '../util/warn.js';
import type { InitOptions, NpskitApi } from './api.js';
import type { Widget } from './create-widget.js';
import { type Listeners, listen } from './emitter.js';

/** The public face of npskit: the API, plus `init` and `push` for command arrays. */
export interface Shell extends NpskitApi {
  /** Starts the widget (once). */
  init(options?: InitOptions): void;
  /** Runs commands: `push(['identify', 'cust-42'], ['track', 'purchase', {...}])`. */
  push(...commands: unknown[]): void;
}

const FORWARDED = ['identify', 'track', 'context', 'consent', 'show', 'reset'] as const;

/**
 * Wraps the widget so the API can be called before `init`: calls are kept in order and run once the
 * widget exists. If `start` returns undefined (misconfigured; it has warned) calls become no-ops.
 * The shell owns the `on()` listeners (so subscribing and unsubscribing work before `init`) and hands
 * them to `start`.
 * Every method is wrapped by `safe`, and a malformed or unknown command only warns: a typo in a
 * snippet must not break the host page.
 */
export function createShell(
  start: (options: InitOptions, listeners: Listeners) => Widget | undefined,
): Shell {
  const listeners: Listeners = new Set();
  let widget: Widget | undefined;
  let started = false;
  const waiting: Array<() => void> = [];
  const later = (run: () => void) => {
    if (started) run();
    else if (waiting.length < 100) waiting.push(run);
  };
  const shell = {
    init(options?: InitOptions) {
      // The loader's own `init()` (no options) after a queued one is not a mistake.
      if (started) return options && warn('init: already done; queue it before the script tag');
      started = true;
      widget = start(options ?? {}, listeners);
      for (const run of waiting.splice(0)) {
        try {
          run();
        } catch (error) {
          report(error);
        }
      }
    },
    push(...commands: unknown[]) {
      for (const command of commands) {
        const name: unknown = Array.isArray(command) ? command[0] : undefined;
        if (Object.hasOwn(shell, name as PropertyKey)) {
          (shell as unknown as Record<string, (...args: unknown[]) => void>)[name as string]?.(
            ...(command as unknown[]).slice(1),
          );
        } else warn(`unknown command ${typeof name === 'string' ? name : typeof command}`);
      }
    },
    // Unknown names never fire (the type lists the known ones); a listener that is not a function
    // is reported when it would have been called.
    on: (event: Parameters<NpskitApi['on']>[0], listener: Parameters<NpskitApi['on']>[1]) =>
      listen(listeners, event, listener),
  } as Shell;
  for (const name of FORWARDED) {
    shell[name] = (...args: unknown[]) =>
      later(() => (widget?.[name] as (...a: unknown[]) => void)?.(...args));
  }
  for (const key of Object.keys(shell) as Array<keyof Shell>) {
    (shell as unknown as Record<string, unknown>)[key] = safe(shell[key] as () => unknown);
  }
  return shell;
}
