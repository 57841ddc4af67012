import type { CaseHistoryItem, CaseStatus } from '../api/cases.js';
import type { TextKey } from '../i18n/en.js';
import { t } from '../i18n/i18n.js';
import { formatOneDecimal } from './numbers.js';

/** A case status in the UI language. */
export function statusLabel(status: CaseStatus): string {
  return t(`caseStatus.${status}`);
}

/** A history entry's action in the UI language. */
export function actionLabel(action: CaseHistoryItem['action']): string {
  return t(`caseAction.${action}`);
}

/** The collector's default root causes and its own (`answer_changed`) have names in both languages. */
const KNOWN_ROOT_CAUSES = new Set([
  'product',
  'delivery',
  'staff',
  'wait-time',
  'price',
  'website',
  'other',
  'answer_changed',
]);

/**
 * A root cause in the UI language: the collector's defaults are translated; a program's own tags
 * (`coffee-quality`) are shown as words ("Coffee quality"), the same in both languages.
 */
export function rootCauseLabel(rootCause: string): string {
  if (KNOWN_ROOT_CAUSES.has(rootCause)) return t(`rootCause.${rootCause}` as TextKey);
  const words = rootCause.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Hours as "5 h" or "2.5 days" when long. */
export function hoursLabel(hours: number | null): string {
  if (hours === null) return '–';
  if (hours < 48) return t('case.hours', { n: formatOneDecimal(hours) });
  return t('case.days', { n: formatOneDecimal(hours / 24) });
}
