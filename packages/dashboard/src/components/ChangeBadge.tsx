import { formatCount, formatNps } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import type { Change } from '../stats/change.js';

/** `+3.2 points · Within noise` — the difference and whether it is larger than the noise. */
export function ChangeBadge(props: { comparison: Change; showPrevious?: boolean }) {
  const { comparison } = props;
  if (comparison.difference === null || comparison.ci95 === null) {
    return <span class="change change-unknown">{t('change.unknown')}</span>;
  }
  const sign = comparison.difference > 0 ? '+' : comparison.difference < 0 ? '−' : '±';
  const value = t('change.value', { sign, value: formatNps(Math.abs(comparison.difference)) });
  const direction = comparison.difference < 0 ? 'down' : 'up';
  return (
    <span
      class={`change ${comparison.significant ? `change-real change-${direction}` : 'change-noise'}`}
      data-significant={String(comparison.significant)}
    >
      <span class="change-value">{value}</span>{' '}
      <span class="change-verdict">
        {comparison.significant ? t('change.real') : t('change.noise')}
      </span>
      {props.showPrevious ? (
        <span class="change-previous">
          {' '}
          (
          {t('change.previous', {
            value: formatNps(comparison.before.nps),
            n: formatCount(comparison.before.n),
          })}
          )
        </span>
      ) : null}
    </span>
  );
}
