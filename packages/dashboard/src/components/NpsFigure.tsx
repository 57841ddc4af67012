import type { NpsRow } from '../api/nps.js';
import { formatCount, formatNps, formatShare } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { SplitBar } from './SplitBar.js';

/**
 * The headline: NPS with its 95 % interval and n — never one without the others — the
 * promoter/passive/detractor split and the response rate.
 */
export function NpsFigure(props: { row: NpsRow; label: string; testId?: string }) {
  const { row } = props;
  return (
    <div class="nps-figure" data-testid={props.testId}>
      <p class="nps-headline">
        <span class="nps-label">{props.label}</span>
        <span class="nps-value" data-field="nps">
          {formatNps(row.nps)}
        </span>
      </p>
      <ul class="nps-facts">
        <li data-field="ci95">
          {row.ci95
            ? t('nps.interval', { low: formatNps(row.ci95[0]), high: formatNps(row.ci95[1]) })
            : '–'}
        </li>
        <li data-field="n">{t('nps.n', { n: formatCount(row.n) })}</li>
        <li data-field="responseRate">
          {t('nps.responseRate')}: {formatShare(row.responseRate)}
        </li>
      </ul>
      {row.lowSample && row.n > 0 ? <p class="badge badge-low">{t('nps.lowSample')}</p> : null}
      {row.n > 0 ? <SplitBar row={row} /> : <p class="state">{t('nps.none')}</p>}
    </div>
  );
}
