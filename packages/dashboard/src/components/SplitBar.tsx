import type { NpsCounts } from '@npskit/core/score';
import { formatCount, formatShare } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';

/**
 * Promoters, passives and detractors as one stacked bar (plain elements: a chart library would
 * weigh more than this chart) with the same numbers as text next to it.
 */
export function SplitBar(props: { row: NpsCounts; compact?: boolean }) {
  const { promoters, passives, detractors } = props.row;
  const total = promoters + passives + detractors;
  const parts = [
    { key: 'promoters', label: t('nps.promoters'), count: promoters },
    { key: 'passives', label: t('nps.passives'), count: passives },
    { key: 'detractors', label: t('nps.detractors'), count: detractors },
  ] as const;
  return (
    <figure class={props.compact ? 'split split-compact' : 'split'}>
      <div class="split-bar" aria-hidden="true">
        {parts.map((part) =>
          part.count > 0 ? (
            <span
              key={part.key}
              class={`split-part split-${part.key}`}
              style={{ width: `${(part.count / total) * 100}%` }}
            />
          ) : null,
        )}
      </div>
      <figcaption class={props.compact ? 'visually-hidden' : 'split-legend'}>
        {parts.map((part) => (
          <span key={part.key} class={`legend legend-${part.key}`}>
            {part.label} {formatShare(total ? part.count / total : null)} ({formatCount(part.count)}
            )
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
