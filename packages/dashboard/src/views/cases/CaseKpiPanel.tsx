import { type CaseKpiRow, type CaseOptions, fetchCaseKpis } from '../../api/cases.js';
import { Loading, PanelError } from '../../components/PanelState.js';
import { hoursLabel, rootCauseLabel } from '../../format/case-labels.js';
import { formatCount, formatShare } from '../../format/numbers.js';
import { t } from '../../i18n/i18n.js';
import { type CaseFilters, caseFiltersToSearch, caseKpiParams } from '../../state/case-filters.js';
import { useData } from '../../state/use-data.js';

/** The headline KPIs as a list of figures (the same numbers the tables hold per group). */
function KpiFigures(props: { row: CaseKpiRow }) {
  const { row } = props;
  const facts: [string, string, string][] = [
    ['opened', t('kpi.opened'), formatCount(row.opened)],
    ['active', t('kpi.active'), formatCount(row.active)],
    ['overdue', t('kpi.overdue'), formatCount(row.overdue)],
    [
      'withinSla',
      t('kpi.withinSla'),
      row.contactedWithinSla.of > 0
        ? `${formatShare(row.contactedWithinSla.share)} (${formatCount(row.contactedWithinSla.count)}/${formatCount(row.contactedWithinSla.of)})`
        : '–',
    ],
    ['medianContact', t('kpi.medianContact'), hoursLabel(row.medianHoursToFirstContact)],
    [
      'resolved',
      t('kpi.resolved'),
      `${formatShare(row.resolved.share)} (${formatCount(row.resolved.count)})`,
    ],
    [
      'recovery',
      t('kpi.recovery'),
      row.recovery.answered > 0
        ? `${formatShare(row.recovery.rate)} (${formatCount(row.recovery.recovered)}/${formatCount(row.recovery.answered)})`
        : '–',
    ],
  ];
  return (
    <dl class="kpi-figures" data-testid="case-kpis">
      {facts.map(([field, label, value]) => (
        <div key={field} class="kpi" data-field={field}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function RootCauses(props: { row: CaseKpiRow }) {
  if (props.row.rootCauses.length === 0) return <p class="state">{t('kpi.noRootCauses')}</p>;
  return (
    <ol class="root-causes" data-testid="root-causes">
      {props.row.rootCauses.map((entry) => (
        <li key={entry.rootCause} data-root-cause={entry.rootCause}>
          {rootCauseLabel(entry.rootCause)}: {formatCount(entry.count)}
        </li>
      ))}
    </ol>
  );
}

function KpiTable(props: {
  id: string;
  title: string;
  column: string;
  groups: (CaseKpiRow & { key: string | null })[];
  name: (key: string | null) => string;
}) {
  if (props.groups.length === 0) return null;
  return (
    <div class="table-scroll">
      <table data-testid={props.id}>
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.column}</th>
            <th scope="col">{t('kpi.opened')}</th>
            <th scope="col">{t('kpi.active')}</th>
            <th scope="col">{t('kpi.overdue')}</th>
            <th scope="col">{t('kpi.withinSla')}</th>
            <th scope="col">{t('kpi.medianContact')}</th>
            <th scope="col">{t('kpi.resolved')}</th>
            <th scope="col">{t('kpi.recovery')}</th>
          </tr>
        </thead>
        <tbody>
          {props.groups.map((group) => (
            <tr key={group.key ?? '-'} data-key={group.key ?? ''}>
              <th scope="row">{props.name(group.key)}</th>
              <td data-field="opened">{formatCount(group.opened)}</td>
              <td data-field="active">{formatCount(group.active)}</td>
              <td data-field="overdue">{formatCount(group.overdue)}</td>
              <td data-field="withinSla">{formatShare(group.contactedWithinSla.share)}</td>
              <td data-field="medianContact">{hoursLabel(group.medianHoursToFirstContact)}</td>
              <td data-field="resolved">{formatShare(group.resolved.share)}</td>
              <td data-field="recovery">{formatShare(group.recovery.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The "outer loop": for the cases opened in the period (store and owner as filtered), how many
 * were contacted within the SLA, how fast, how many resolved and recovered, and the root causes
 * ranked — overall, per store and per owner, straight from `/v1/cases/kpis`.
 */
export function CaseKpiPanel(props: { filters: CaseFilters; options: CaseOptions }) {
  const key = `${caseFiltersToSearch({ ...props.filters, status: 'active' })}|${new Date().toDateString()}`;
  const params = () => caseKpiParams(props.filters, new Date());
  const byUnit = useData(`kpis-unit|${key}`, (signal) => fetchCaseKpis(params(), 'unit', signal));
  const byOwner = useData(`kpis-owner|${key}`, (signal) =>
    fetchCaseKpis(params(), 'owner', signal),
  );
  const owners = new Map(props.options.owners.map((owner) => [owner.id, owner.name]));
  return (
    <section class="panel" aria-labelledby="case-kpis-title">
      <h2 id="case-kpis-title">{t('kpi.title')}</h2>
      <p class="intro">{t('kpi.intro', { hours: formatCount(props.options.firstContactHours) })}</p>
      {byUnit.status === 'loading' ? <Loading what={t('kpi.title')} /> : null}
      {byUnit.status === 'error' ? (
        <PanelError what={t('kpi.title')} error={byUnit.error} retry={byUnit.reload} />
      ) : null}
      {byUnit.status === 'ok' ? (
        <>
          <KpiFigures row={byUnit.data.overall} />
          <h3>{t('kpi.rootCauses')}</h3>
          <RootCauses row={byUnit.data.overall} />
          <KpiTable
            id="case-kpis-unit"
            title={t('kpi.byStore')}
            column={t('filters.unit')}
            groups={byUnit.data.groups}
            name={(unit) => unit ?? t('cases.noStore')}
          />
        </>
      ) : null}
      {byOwner.status === 'ok' ? (
        <KpiTable
          id="case-kpis-owner"
          title={t('kpi.byOwner')}
          column={t('cases.owner')}
          groups={byOwner.data.groups}
          name={(owner) => (owner ? (owners.get(owner) ?? owner) : t('cases.unassigned'))}
        />
      ) : null}
    </section>
  );
}
