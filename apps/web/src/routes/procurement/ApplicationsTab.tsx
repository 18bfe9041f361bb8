import { ProviderChooser } from '../../components/ProviderChooser.tsx';
import { formatPence, parsePounds } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Loading } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { formatDate } from '../../format.ts';
import { APPLICATION_STATUS_COLOURS, APPLICATION_STATUS_LABELS, EVALUATION_STATUS_COLOURS, EVALUATION_STATUS_LABELS, label } from '../../labels.ts';
import { errorCode, trpc, type RouterOutputs } from '../../trpc.ts';
import { isFinal, refreshProcurements, SectionProblem, useSectionTitle, type Procurement } from './shared.tsx';
import { SubmittedOnlineTag } from './OnlineSubmission.tsx';
import { useFormKey } from '../../components/useFormKey.ts';

type Application = RouterOutputs['application']['list'][number];
type LotEvaluation = RouterOutputs['application']['evaluation'][number];
type Result = LotEvaluation['results'][number];

/** What a partner (or the lead's viewers) see instead of the lead authority's confidential evaluation. */
export function EvaluationConfidential({ p }: { p: Procurement }) {
  return (
    <>
      <h2 className="govuk-heading-m">Applications</h2>
      <p className="govuk-body" data-testid="evaluation-confidential">
        Evaluation is confidential to the lead authority
      </p>
      <p className="govuk-body">
        Providers’ answers and the evaluators’ scores are seen only by {p.lead.name}’s commissioners and contract officers. The outcome is public to
        the partnership: see the{' '}
        <Link className="govuk-link" to={`/procurements/${p.id}/approved-list`}>
          approved list
        </Link>
        .
      </p>
    </>
  );
}

export const ApplicationStatusTag = ({ status }: { status: string }) => (
  <Tag colour={APPLICATION_STATUS_COLOURS[status] ?? 'grey'} testId="application-status">
    {label(APPLICATION_STATUS_LABELS, status)}
  </Tag>
);

export const EvaluationStatusTag = ({ status }: { status: string }) => <Tag colour={EVALUATION_STATUS_COLOURS[status] ?? 'grey'}>{label(EVALUATION_STATUS_LABELS, status)}</Tag>;

export const points = (n: number | null) => (n === null ? '–' : n.toFixed(2));

/** The applications received, and (for the lead commissioner) the totals and ranking per lot. */
export function ApplicationsTab({ p }: { p: Procurement }) {
  useSectionTitle('Applications', p);
  const applications = useQuery({ ...trpc.application.list.queryOptions({ procurementId: p.id }), enabled: p.canEvaluate });
  if (!p.canEvaluate || ['FORBIDDEN', 'NOT_FOUND'].includes(errorCode(applications.error) ?? '')) return <EvaluationConfidential p={p} />;
  if (applications.isPending) return <Loading />;
  if (applications.isError) return <SectionProblem error={applications.error} />;
  const base = `/procurements/${p.id}`;
  return (
    <>
      <div className="concord-heading-row">
        <h2 className="govuk-heading-m">Applications</h2>
        {p.acceptsApplications && !isFinal(p) && (
          <Link to={`${base}/applications/new`} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Add an application
          </Link>
        )}
      </div>
      <p className="govuk-body">
        Confidential to {p.lead.name}’s evaluators. {p.acceptsApplications ? 'The procurement is taking applications.' : 'The procurement is not taking applications now.'}
      </p>
      {applications.data.length === 0 ? (
        <p className="govuk-body">No applications have been received yet.</p>
      ) : (
        <Table
          caption="Applications received"
          captionHidden
          rows={applications.data}
          rowKey={(a) => a.id}
          rowTestId="application"
          columns={[
            {
              header: 'Provider',
              rowHeader: true,
              cell: (a: Application) => (
                <Link className="govuk-link" to={`${base}/applications/${a.id}`}>
                  {a.provider.legalName}
                </Link>
              ),
            },
            { header: 'Lots', cell: (a: Application) => a.lots.map((l) => `${l.number}. ${l.name}`).join(', ') },
            {
              header: 'Received',
              cell: (a: Application) => (
                <>
                  <span className="concord-nowrap">{formatDate(a.receivedOn)}</span> <SubmittedOnlineTag submittedAt={a.submittedAt} />
                  {!a.providerVerified && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Organisation not yet verified</span>}
                </>
              ),
            },
            { header: 'Bid', numeric: true, cell: (a: Application) => (a.bidPricePence === null ? 'None' : formatPence(a.bidPricePence)) },
            {
              header: 'Status',
              cell: (a: Application) => (
                <>
                  <ApplicationStatusTag status={a.status} />
                  {a.decidedOn && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-margin-top-1">{formatDate(a.decidedOn)}</span>}
                </>
              ),
            },
          ]}
        />
      )}
      {p.canEdit && <Ranking p={p} />}
    </>
  );
}

/** Per lot: every application's points and rank, computed by packages/domain. */
function Ranking({ p }: { p: Procurement }) {
  const evaluation = useQuery(trpc.application.evaluation.queryOptions({ procurementId: p.id }));
  if (evaluation.isPending) return <Loading what="Loading the ranking" />;
  if (evaluation.isError) return <SectionProblem error={evaluation.error} />;
  const base = `/procurements/${p.id}`;
  return (
    <section aria-labelledby="ranking-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="ranking-heading">
        Evaluation and ranking by lot
      </h2>
      <p className="govuk-body">
        Points out of 100. Quality is the share of the quality criteria’s points
        {p.qualityThresholdPercent !== null ? `; below ${p.qualityThresholdPercent}% an application is not ranked` : ''}.
      </p>
      {evaluation.data.map((lot) => (
        <div key={lot.lot.id} data-testid="lot-ranking" className="concord-ranking">
          {lot.results.length === 0 ? (
            <>
              <h3 className="govuk-heading-s">
                Lot {lot.lot.number}: {lot.lot.name}
              </h3>
              <p className="govuk-body">No applications to this lot.</p>
            </>
          ) : (
            <Table
              caption={`Lot ${lot.lot.number}: ${lot.lot.name}`}
              captionSize="s"
              small
              rows={[...lot.results].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || (b.totalPoints ?? 0) - (a.totalPoints ?? 0))}
              rowKey={(r) => r.applicationId}
              columns={[
                { header: 'Rank', numeric: true, cell: (r: Result) => r.rank ?? '–' },
                {
                  header: 'Provider',
                  rowHeader: true,
                  cell: (r: Result) => (
                    <Link className="govuk-link" to={`${base}/applications/${r.applicationId}`}>
                      {r.providerName}
                    </Link>
                  ),
                },
                { header: 'Quality', numeric: true, cell: (r: Result) => (r.qualityPercent === null ? '–' : `${r.qualityPercent.toFixed(2)}%`) },
                { header: 'Price points', numeric: true, cell: (r: Result) => points(r.pricePoints) },
                { header: 'Total', numeric: true, cell: (r: Result) => points(r.totalPoints) },
                { header: 'Evaluation', cell: (r: Result) => <EvaluationStatusTag status={r.status} /> },
                { header: 'Outcome', cell: (r: Result) => <ApplicationStatusTag status={r.applicationStatus} /> },
              ]}
            />
          )}
        </div>
      ))}
    </section>
  );
}

/** An application a provider made, entered by the lead's officer: to one or more lots. */
export function NewApplicationPage({ p }: { p: Procurement }) {
  const navigate = useNavigate();
  const [providerId, setProviderId] = useState('');
  const [lotIds, setLotIds] = useState<string[]>([]);
  const [receivedOn, setReceivedOn] = useState<DateParts>(EMPTY_DATE);
  const [bid, setBid] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  useSectionTitle('Add an application', p, hasErrors(errors));
  const formKey = useFormKey();
  const create = useMutation({
    ...trpc.application.create.mutationOptions(),
    onSuccess: async (created) => {
      await refreshProcurements();
      navigate(`/procurements/${p.id}/applications/${created.id}`, { state: { notice: 'The application was added. Record the gateway answers next.' } });
    },
    onError: (error) => setErrors(apiFormErrors(error, { providerId: 'providerId', lotIds: 'lotIds', receivedOn: 'receivedOn-day', bidPricePence: 'bid' })),
  });

  if (!p.canEvaluate) return <EvaluationConfidential p={p} />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const problems: ClientError[] = [];
    const date = isoOf(receivedOn);
    if (date === 'invalid') problems.push({ id: 'receivedOn-day', text: 'Enter the date the application was received as a real date, for example 18 4 2018' });
    let bidPricePence: number | null = null;
    if (bid.trim()) {
      try {
        bidPricePence = parsePounds(bid);
      } catch {
        problems.push({ id: 'bid', text: 'Enter the bid as an amount of money, like £17.20' });
      }
    }
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    create.mutate({ procurementId: p.id, providerId, lotIds, ...(date && date !== 'invalid' && { receivedOn: date }), bidPricePence, idempotencyKey: formKey.key });
  }

  const hasPrice = p.criteria.some((c) => c.kind === 'price');
  return (
    <div className="govuk-grid-row">
      <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        <h2 className="govuk-heading-m">Add an application</h2>
        {!p.acceptsApplications && <div className="govuk-inset-text">The procurement is not taking applications now: the application will be refused.</div>}
        <ProviderChooser
          id="providerId"
          label="Provider"
          hint="From the providers register: type part of its name or its Companies House number, and choose it."
          value={providerId}
          onChange={setProviderId}
          error={errors.fields.providerId}
        />
        <p className="govuk-body">
          Not on the register?{' '}
          <Link className="govuk-link" to="/providers/new">
            Add a provider
          </Link>
          .
        </p>
        <Checkboxes
          name="lotIds"
          legend="Lots applied to"
          legendSize="s"
          options={p.lots.map((l) => ({ value: l.id, label: `Lot ${l.number}: ${l.name}` }))}
          values={lotIds}
          onChange={setLotIds}
          error={errors.fields.lotIds}
        />
        <DateInput id="receivedOn" legend="Date received (optional)" legendSize="s" hint="Leave blank for today. For example, 18 4 2018" value={receivedOn} onChange={setReceivedOn} error={errors.fields['receivedOn-day']} />
        <TextInput
          id="bid"
          name="bid"
          label={hasPrice ? 'Bid price' : 'Bid price (optional)'}
          hint={hasPrice ? 'The price scored by the price criterion, for example the hourly rate.' : 'This procurement has no price criterion.'}
          prefix="£"
          inputMode="decimal"
          className="govuk-input--width-10"
          value={bid}
          onChange={(e) => setBid(e.target.value)}
          error={errors.fields.bid}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.isPending}>
            Add application
          </button>
          <Link className="govuk-link" to={`/procurements/${p.id}/applications`}>
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
