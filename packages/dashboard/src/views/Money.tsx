import { fetchNps, type KindSummary, type Money as MoneyFigures } from '../api/nps.js';
import { Loading, PanelError } from '../components/PanelState.js';
import { formatCount, formatMoney, formatNps, formatShare } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { KINDS } from '../state/filters.js';
import { useData } from '../state/use-data.js';
import { useView, type ViewState } from '../state/use-view.js';

/**
 * Band boundaries per currency (the collector bands one currency at a time, `bandCurrency`):
 * about a bag, two, three and more of the demo's coffee in kronor; tens in euro-like currencies.
 */
function bandsFor(currency: string): number[] {
  return ['SEK', 'NOK', 'DKK', 'ISK'].includes(currency) ? [0, 200, 400, 600] : [0, 20, 40, 60];
}

/** One band of one currency. */
interface BandRow {
  band: string;
  nps: number | null;
  ci95: readonly [number, number] | null;
  n: number;
  lowSample: boolean;
  money: MoneyFigures;
}

function currencyRows(entry: KindSummary): Map<string, BandRow[]> {
  const byCurrency = new Map<string, BandRow[]>();
  for (const group of entry.groups) {
    const band = group.keys[0];
    if (band === null || band === undefined) continue;
    for (const money of group.money ?? []) {
      const rows = byCurrency.get(money.currency) ?? [];
      rows.push({
        band,
        nps: group.nps,
        ci95: group.ci95,
        n: group.n,
        lowSample: group.lowSample,
        money,
      });
      byCurrency.set(money.currency, rows);
    }
  }
  return byCurrency;
}

/** Revenue per currency and kind, then NPS by band in each currency (one call per currency). */
async function loadMoney(view: ViewState, signal: AbortSignal) {
  const totals = await fetchNps(view.filters, view.range, [], { money: 'true' }, signal);
  const currencies = [
    ...new Set(totals.kinds.flatMap((entry) => (entry.overall.money ?? []).map((m) => m.currency))),
  ].sort();
  const banded = await Promise.all(
    currencies.map((currency) =>
      fetchNps(
        view.filters,
        view.range,
        ['orderValue'],
        { orderValueBands: bandsFor(currency).join(','), bandCurrency: currency, money: 'true' },
        signal,
      ).then((summary) => ({ currency, summary })),
    ),
  );
  return banded.flatMap(({ currency, summary }) =>
    summary.kinds
      .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind))
      .map((entry) => ({
        kind: entry.kind,
        currency,
        total: totals.kinds
          .find((other) => other.kind === entry.kind)
          ?.overall.money?.find((money) => money.currency === currency),
        rows: currencyRows(entry).get(currency) ?? [],
      }))
      .filter((panel) => panel.rows.length > 0),
  );
}

/**
 * Money: NPS by order-value band, and the share of revenue from detractors per currency — from the
 * collector's aggregates (`money=true`, `groupBy=orderValue` per `bandCurrency`); currencies are
 * never added together.
 */
export function Money() {
  const view = useView();
  const data = useData(`money|${view.key}`, (signal) => loadMoney(view, signal));
  const panels = data.status === 'ok' ? data.data : [];
  return (
    <div class="view">
      <h1 id="view-title">{t('money.title')}</h1>
      <p class="intro">{t('money.intro')}</p>
      {data.status === 'loading' ? <Loading what={t('money.title')} /> : null}
      {data.status === 'error' ? (
        <PanelError what={t('money.title')} error={data.error} retry={data.reload} />
      ) : null}
      {data.status === 'ok' && panels.length === 0 ? (
        <p class="state state-empty">{t('state.empty')}</p>
      ) : null}
      {panels.map((panel) => (
        <CurrencyPanel key={`${panel.kind}-${panel.currency}`} {...panel} />
      ))}
    </div>
  );
}

function CurrencyPanel(props: {
  kind: string;
  currency: string;
  total: MoneyFigures | undefined;
  rows: readonly BandRow[];
}) {
  const { currency, rows } = props;
  const total = props.total?.total.sum ?? rows.reduce((sum, row) => sum + row.money.total.sum, 0);
  const atRisk =
    props.total?.detractors.sum ?? rows.reduce((sum, row) => sum + row.money.detractors.sum, 0);
  const id = `money-${props.kind}-${currency}`;
  const mean = (value: number | null) => (value === null ? '–' : formatMoney(value, currency));
  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-currency={currency}>
      <h2 id={`${id}-title`}>
        {t(`overview.${props.kind as 'transactional'}`)} · {t('money.currency', { currency })}
      </h2>
      <p class="money-headline" data-testid={`${id}-at-risk`}>
        <strong>
          {t('money.atRiskShare', { share: formatShare(total ? atRisk / total : null) })}
        </strong>{' '}
        ({formatMoney(atRisk, currency)} / {formatMoney(total, currency)})
      </p>
      <div class="table-scroll">
        <table>
          <caption>{t('table.caption', { what: t('money.currency', { currency }) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('money.band')}</th>
              <th scope="col">{t('nps.title')}</th>
              <th scope="col">95 %</th>
              <th scope="col">n</th>
              <th scope="col">{t('money.revenue')}</th>
              <th scope="col">{t('money.atRisk')}</th>
              <th scope="col">{t('money.mean', { category: t('nps.promoters') })}</th>
              <th scope="col">{t('money.mean', { category: t('nps.detractors') })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.band} data-key={row.band}>
                <th scope="row">{row.band}</th>
                <td>{formatNps(row.nps)}</td>
                <td>{row.ci95 ? `${formatNps(row.ci95[0])} … ${formatNps(row.ci95[1])}` : '–'}</td>
                <td>
                  {formatCount(row.n)}
                  {row.lowSample ? (
                    <span class="badge badge-low"> {t('nps.lowSampleShort')}</span>
                  ) : null}
                </td>
                <td>{formatMoney(row.money.total.sum, currency)}</td>
                <td>
                  {formatMoney(row.money.detractors.sum, currency)} (
                  {formatShare(row.money.revenueAtRiskShare)})
                </td>
                <td>{mean(row.money.promoters.mean)}</td>
                <td>{mean(row.money.detractors.mean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
