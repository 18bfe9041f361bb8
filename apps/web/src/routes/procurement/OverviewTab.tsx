import { LOT_BASIS_LABELS, REGIME_LABELS, ROUTE_HINTS, ROUTE_LABELS, SERVICE_TYPE_LABELS, type Route } from '@concord/domain';
import { Explained } from '../../components/Explained.tsx';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { OcdsDownload } from '../../components/OcdsDownload.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { formatNumber } from '../../format.ts';
import { label } from '../../labels.ts';
import { queryClient, trpc } from '../../trpc.ts';
import { andList, isBeforePublication, isFinal, monthsText, moneyText, StageTag, useSectionTitle, type Procurement } from './shared.tsx';
import { StageChangeForm } from './StageChangeForm.tsx';

export function OverviewTab({ p }: { p: Procurement }) {
  useSectionTitle('Overview', p);
  const base = `/procurements/${p.id}`;
  const basis = [...new Set(p.lots.map((l) => label(LOT_BASIS_LABELS, l.basis)))];
  const spec = p.specification;
  return (
    <>
      {p.canEdit && isBeforePublication(p) && <SetUpTasks p={p} />}
      <div className="concord-heading-row">
        <h2 className="govuk-heading-m">Overview</h2>
        <div className="concord-button-group">
          {p.canEdit && !isFinal(p) && (
            <Link to={`${base}/edit`} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Edit details<span className="govuk-visually-hidden"> of the procurement</span>
            </Link>
          )}
          <OcdsDownload reference={p.reference} make={() => queryClient.fetchQuery({ ...trpc.procurement.ocds.queryOptions({ procurementId: p.id }), staleTime: 0 })} testId="download-ocds" />
        </div>
      </div>
      <SummaryList
        rows={[
          { key: 'Stage', value: <StageTag status={p.status} testId="overview-stage" /> },
          { key: 'Reference', value: p.reference },
          {
            key: 'Partnership',
            value: (
              <Link className="govuk-link" to={`/partnerships/${p.partnership.id}`}>
                {p.partnership.name}
              </Link>
            ),
          },
          { key: 'Lead authority', value: p.lead.name },
          { key: 'Buyers', value: andList(p.buyers.map((b) => b.name)), testId: 'buyers' },
          { key: 'Service type', value: label(SERVICE_TYPE_LABELS, p.serviceType) },
          {
            key: 'Route',
            value: (
              <>
                {label(ROUTE_LABELS, p.route)}
                {ROUTE_HINTS[p.route as Route] ? <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-block">{ROUTE_HINTS[p.route as Route]}</span> : null}
                {p.route === 'pdps' ? <Explained term="pdps" /> : null}
              </>
            ),
          },
          { key: 'Regime', value: label(REGIME_LABELS, p.regime) },
          { key: 'Estimated value', value: moneyText(p.estimatedValuePence) },
          { key: 'System term', value: monthsText(p.systemTermMonths) },
          { key: 'Minimum period of use', value: monthsText(p.minimumUseMonths) },
          {
            key: 'Lots',
            value: (
              <Link className="govuk-link" to={`${base}/lots`}>
                {p.lots.length === 0 ? 'No lots yet' : `${formatNumber(p.lots.length)} ${p.lots.length === 1 ? 'lot' : 'lots'}${basis.length ? ` by ${andList(basis).toLowerCase()}` : ''}`}
              </Link>
            ),
          },
          {
            key: 'Specification',
            testId: 'specification',
            value: spec ? (
              <>
                <Link className="govuk-link" to={`/specifications/${spec.id}`}>
                  {spec.title}
                </Link>
                <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0 govuk-!-margin-top-1">
                  {spec.publishedWith ? `Published with version ${spec.publishedWith.version}` : 'Not published yet'}
                  {spec.latestVersion !== null && spec.latestVersion !== spec.publishedWith?.version ? ` · latest version ${spec.latestVersion}` : ''}
                </span>
              </>
            ) : (
              'None chosen yet'
            ),
          },
          {
            key: 'Evaluation criteria',
            value: p.criteria.length === 0 ? 'None yet' : `${p.criteria.length} ${p.criteria.length === 1 ? 'criterion' : 'criteria'}, weights totalling ${p.criteriaTotalPercent}%`,
          },
          {
            key: 'Approved list',
            value: `${formatNumber(p.approvedList.activeProviders)} ${p.approvedList.activeProviders === 1 ? 'provider' : 'providers'} active${p.approvedList.suspendedEntries ? `, ${p.approvedList.suspendedEntries} suspended` : ''}${p.approvedList.removedEntries ? `, ${p.approvedList.removedEntries} removed` : ''}`,
          },
          { key: 'New providers', value: p.admission.open ? `Can be admitted: ${lowerFirst(p.admission.reason)}` : p.admission.reason },
          ...(p.description ? [{ key: 'Description', value: <span className="concord-pre-line">{p.description}</span> }] : []),
        ]}
      />
      {p.canEdit && p.nextStages.length > 0 && <StageChangeForm p={p} />}
    </>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** What is left to set up before the procurement can be published (lead commissioner, before publication). */
function SetUpTasks({ p }: { p: Procurement }) {
  const base = `/procurements/${p.id}`;
  const specs = useQuery(trpc.specification.list.queryOptions({ partnershipId: p.partnership.id }));
  const chosen = p.specification ? specs.data?.find((s) => s.id === p.specification!.id) : undefined;
  type Status = 'done' | 'incomplete' | 'todo';
  const tasks: { name: string; href: string; hint: string; status: Status }[] = [
    { name: 'Procurement details', href: `${base}/edit`, hint: 'Service type, route, regime, value and terms', status: 'done' },
    { name: 'Buyers', href: `${base}/edit`, hint: andList(p.buyers.map((b) => b.name)), status: p.buyers.length > 0 ? 'done' : 'todo' },
    { name: 'Lots', href: `${base}/lots`, hint: p.lots.length ? `${p.lots.length} ${p.lots.length === 1 ? 'lot' : 'lots'}` : 'Add at least one lot', status: p.lots.length > 0 ? 'done' : 'todo' },
    {
      name: 'Overarching specification',
      href: `${base}/specification`,
      hint: !p.specification ? 'Choose the specification it is let under' : chosen && chosen.latestPublishedVersion === null ? 'Publish a version of it' : p.specification.title,
      status: !p.specification ? 'todo' : chosen && chosen.latestPublishedVersion === null ? 'incomplete' : 'done',
    },
    {
      name: 'Evaluation criteria',
      href: `${base}/criteria`,
      hint: p.criteria.length === 0 ? 'Weights must total 100%' : `Weights total ${p.criteriaTotalPercent}%`,
      status: p.criteria.length === 0 ? 'todo' : p.criteriaTotalPercent === 100 ? 'done' : 'incomplete',
    },
    {
      name: 'Scoring scale, threshold and gateway questions',
      href: `${base}/criteria`,
      hint: `Scores 0 to ${p.scale.max}; ${p.gatewayQuestions.length} gateway ${p.gatewayQuestions.length === 1 ? 'question' : 'questions'}`,
      status: 'done',
    },
  ];
  const done = tasks.filter((t) => t.status === 'done').length;
  return (
    <section aria-labelledby="set-up-heading" className="govuk-!-margin-bottom-8" data-testid="set-up">
      <h2 className="govuk-heading-m" id="set-up-heading">
        Set up the procurement
      </h2>
      <p className="govuk-body">
        You have completed {done} of {tasks.length} sections. When all are complete, move it to Published below.
      </p>
      <ul className="govuk-task-list">
        {tasks.map((t, i) => (
          <li className="govuk-task-list__item govuk-task-list__item--with-link" key={t.name}>
            <div className="govuk-task-list__name-and-hint">
              <Link className="govuk-link govuk-task-list__link" to={t.href} aria-describedby={`task-${i}-hint task-${i}-status`}>
                {t.name}
              </Link>
              <div id={`task-${i}-hint`} className="govuk-task-list__hint">
                {t.hint}
              </div>
            </div>
            <div className="govuk-task-list__status" id={`task-${i}-status`}>
              {t.status === 'done' ? (
                'Completed'
              ) : (
                <strong className={`govuk-tag ${t.status === 'todo' ? 'govuk-tag--blue' : 'govuk-tag--light-blue'}`}>{t.status === 'todo' ? 'Not yet started' : 'Incomplete'}</strong>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

