import { normalizeSurvey } from '../decide/normalize-survey.js';
import { createShell } from '../runtime/create-shell.js';
import { createWidget } from '../runtime/create-widget.js';
import { readConfig } from '../runtime/read-config.js';

/**
 * The ESM API for bundler users: the same commands as the script tag, as functions. Calls made before
 * `init` are kept and run once it is called. The UI is a normal dynamic import (a separate chunk).
 */
const shell = createShell((options, listeners) => {
  const config = readConfig(options, '', normalizeSurvey);
  return config && createWidget(config, { loadUi: () => import('../ui/entry.js') }, listeners);
});

/**
 * Starts npskit. Calls made before it are kept.
 *
 * @example init({ site: 'pk_live_shop', collector: 'https://nps.example.com' })
 */
export const init = shell.init;
/** @example identify('cust-42') */
export const identify = shell.identify;
/** @example track('purchase', { orderId: 'A-1001', orderValue: 349, currency: 'SEK' }) */
export const track = shell.track;
/** @example context({ touchpoint: 'checkout', unit: 'stockholm' }) */
export const context = shell.context;
/** @example consent(true) */
export const consent = shell.consent;
/** @example show('checkout') */
export const show = shell.show;
/** @example const off = on('answered', ({ score }) => analytics.track('nps', { score })) */
export const on = shell.on;
/** @example reset() // on logout */
export const reset = shell.reset;
