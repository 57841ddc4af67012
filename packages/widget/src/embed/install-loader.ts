import type { InitOptions } from '../runtime/api.js';
import { createShell } from '../runtime/create-shell.js';
import { createWidget } from '../runtime/create-widget.js';
import { readConfig } from '../runtime/read-config.js';
import type { UiModule } from '../ui/contract.js';
import { report } from '../util/safe.js';

declare global {
  interface Window {
    /** Before load: the command queue array; after: the npskit API (see the README). */
    npskit?: unknown;
  }
}

/** The options the embedding `<script>` tag carries as `data-*` attributes (and its CSP nonce). */
export function readScriptTag(tag: HTMLScriptElement | null): InitOptions {
  const options: Record<string, string> = {};
  for (const name of ['site', 'collector', 'consent', 'locale']) {
    const value = tag?.getAttribute(`data-${name}`);
    if (value != null) options[name] = value;
  }
  // `nonce` (the property, not the attribute: browsers hide the attribute from the DOM).
  if (tag?.nonce) options.nonce = tag.nonce;
  return options;
}

/**
 * Installs the script-tag build: reads the options from its own `<script>` tag, runs the commands
 * queued in `window.npskit` in order, and replaces the queue with the live API (whose `push` keeps
 * the queue snippet working). The UI chunk is imported from next to this script, and only when a
 * survey is about to be shown.
 */
export function installLoader(
  script: Element | null = document.currentScript,
  loadUi?: (url: string) => Promise<UiModule>,
): void {
  try {
    const queued = window.npskit;
    // Loaded twice: the first copy is already running and owns `window.npskit`.
    if (queued && !Array.isArray(queued)) return;
    const tag =
      script instanceof HTMLScriptElement
        ? script
        : document.querySelector<HTMLScriptElement>('script[data-site]');
    const attributes = readScriptTag(tag);
    const uiUrl = new URL('npskit-ui.js', tag?.src || location.href).href;
    const shell = createShell((options) => {
      const config = readConfig({ ...attributes, ...options }, 'data-');
      return (
        config &&
        createWidget(config, {
          loadUi: () => (loadUi ? loadUi(uiUrl) : import(/* @vite-ignore */ uiUrl)),
        })
      );
    });
    window.npskit = shell;
    const commands: unknown[] = Array.isArray(queued) ? queued : [];
    shell.push(...commands);
    if (!commands.some((command) => Array.isArray(command) && command[0] === 'init')) shell.init();
  } catch (error) {
    report(error);
  }
}
