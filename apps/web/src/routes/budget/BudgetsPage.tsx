import { financialYearOf, formatPence, SERVICE_TYPES, type ServiceType } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { UPLIFT_MONTH_OPTIONS, UpliftReadings, type ExtraWeeksAt, type PartYearReading } from './UpliftReadings.tsx';
import { Select } from '../../components/Select.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { errorMessage, trpc, type RouterOutputs } from '../../trpc.ts';
import { ContractsNavigation, serviceTypeLabel } from '../contract/shared.tsx';
import { BlockPaymentForm, SetBudgetForm, useCanChangeBudgets, yearLabel } from './BudgetForms.tsx';

type Row = RouterOutputs['budget']['list']['rows'][number];
const signed = (p: number) => (p < 0 ? `−${formatPence(-p)}` : formatPence(p));
type BlockPayment = RouterOutputs['budget']['blockPayments'][number];

/** Budget per service type and year: committed spend, forecast outturn and variance; and the uplift calculator. */
export function BudgetsPage() {
  const thisYear = financialYearOf(new Date().toISOString().slice(0, 10));
  const [year, setYear] = useState(String(thisYear));
  const list = useQuery({ ...trpc.budget.list.queryOptions({ financialYear: Number(year) }), placeholderData: (p) => p });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const canChange = useCanChangeBudgets();
  usePageTitle('Budgets', hasErrors(errors));
  // After a change the page shows the year it changed, so the figures worked out again are on screen.
  const changed = (text: string, changedYear: number) => {
    setYear(String(changedYear));
    setNotice((before) => ({ text, n: (before?.n ?? 0) + 1 }));
  };
  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemPage error={list.error} />;
  const years = Array.from({ length: 12 }, (_, i) => thisYear + 2 - i);
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {notice && (
        <NotificationBanner success key={notice.n}>
          {notice.text}
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-l">Budgets</h1>
      <ContractsNavigation />
      <Select id="financialYear" name="financialYear" label="Financial year" options={years.map((y) => ({ value: String(y), label: yearLabel(y) }))} value={year} onChange={setYear} />
      <p className="govuk-body">
        Committed spend is worked out from your placements (weekly cost × weeks in the year) and block payments, as at {formatDate(list.data.asOf)}.
      </p>
      {list.data.rows.length === 0 ? (
        <p className="govuk-body" data-testid="no-budgets">
          No budgets, placements or block payments for {list.data.financialYear.label}.
        </p>
      ) : (
        <Table
          caption={`Budgets for ${list.data.financialYear.label}`}
          captionSize="m"
          small
          rows={list.data.rows}
          rowKey={(r) => r.serviceType}
          rowTestId="budget-row"
          columns={[
            { header: 'Service type', rowHeader: true, cell: (r: Row) => serviceTypeLabel(r.serviceType) },
            { header: 'Budget', numeric: true, cell: (r: Row) => (r.position.budgetPence === null ? 'Not set' : formatPence(r.position.budgetPence)) },
            { header: 'Spent to date', numeric: true, cell: (r: Row) => formatPence(r.position.toDate.totalPence) },
            { header: 'Committed', numeric: true, cell: (r: Row) => formatPence(r.position.committed.totalPence) },
            { header: 'Forecast outturn', numeric: true, cell: (r: Row) => formatPence(r.position.forecastOutturnPence) },
            {
              header: 'Variance',
              numeric: true,
              cell: (r: Row) =>
                r.position.variancePence === null ? '–' : (
                  <span className={r.position.variancePence < 0 ? 'concord-overspend' : undefined}>
                    {signed(r.position.variancePence)}
                    {r.position.variancePence < 0 && <span className="govuk-visually-hidden"> (overspend)</span>}
                  </span>
                ),
            },
            { header: 'Placements', numeric: true, cell: (r: Row) => formatNumber(r.position.activePlacements) },
          ]}
        />
      )}
      {canChange && (
        <>
          <SetBudgetForm key={year} years={years} year={Number(year)} onDone={changed} />
          <BlockPaymentForm onDone={changed} />
        </>
      )}
      <BlockPayments financialYear={Number(year)} label={list.data.financialYear.label} />
      <UpliftCalculator financialYear={Number(year)} onErrors={setErrors} />
    </>
  );
}

/** The year's block payments, each with the contract it is paid under. */
function BlockPayments({ financialYear, label }: { financialYear: number; label: string }) {
  const payments = useQuery(trpc.budget.blockPayments.queryOptions({ financialYear }));
  const contracts = useQuery(trpc.contract.list.queryOptions());
  const referenceOf = (id: string) => contracts.data?.contracts.find((c) => c.id === id)?.reference ?? 'Contract';
  if (!payments.data) return null;
  return (
    <section aria-labelledby="block-payments-heading">
      <h2 className="govuk-heading-m" id="block-payments-heading">
        Block payments in {label}
      </h2>
      {payments.data.length === 0 ? (
        <p className="govuk-body" data-testid="no-block-payments">
          No block payments fall due in {label}.
        </p>
      ) : (
        <Table
          caption={`Block payments in ${label}`}
          captionHidden
          small
          rows={payments.data}
          rowKey={(b) => b.id}
          rowTestId="block-payment"
          columns={[
            { header: 'Due', rowHeader: true, cell: (b: BlockPayment) => <span className="concord-nowrap">{formatDate(b.dueOn)}</span> },
            { header: 'Service type', cell: (b: BlockPayment) => serviceTypeLabel(b.serviceType) },
            { header: 'Description', cell: (b: BlockPayment) => b.description },
            {
              header: 'Contract',
              cell: (b: BlockPayment) =>
                b.contractId ? (
                  <Link className="govuk-link" to={`/contracts/${b.contractId}`}>
                    {referenceOf(b.contractId)}
                  </Link>
                ) : (
                  '–'
                ),
            },
            { header: 'Amount', numeric: true, cell: (b: BlockPayment) => formatPence(b.amountPence) },
          ]}
        />
      )}
    </section>
  );
}

interface UpliftRequest {
  serviceType: ServiceType;
  financialYear: number;
  risePercent: number;
  extraPaidWeeks: number;
  startMonth: number;
  extraWeeksInPartYear: PartYearReading;
  extraWeeksAt: ExtraWeeksAt;
}

/** What a % rise plus extra paid weeks from a start month costs for the rest of the year and a full year. */
function UpliftCalculator({ financialYear, onErrors }: { financialYear: number; onErrors: (e: FormErrors) => void }) {
  const [serviceType, setServiceType] = useState('');
  const [rise, setRise] = useState('');
  const [weeks, setWeeks] = useState('0');
  const [month, setMonth] = useState('');
  const [inPartYear, setInPartYear] = useState<UpliftRequest['extraWeeksInPartYear']>('pro_rata');
  const [weeksAt, setWeeksAt] = useState<UpliftRequest['extraWeeksAt']>('new_rate');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [request, setRequest] = useState<UpliftRequest | null>(null);
  const result = useQuery({ ...trpc.budget.uplift.queryOptions(request ?? { serviceType: 'extra_care', financialYear, risePercent: 0, extraPaidWeeks: 0, startMonth: 4 }), enabled: request !== null, retry: false });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = [];
    if (!serviceType) problems.push({ id: 'upliftServiceType', text: 'Choose a service type' });
    const risePercent = Number(rise.replace('%', '').trim());
    if (!rise.trim() || !Number.isFinite(risePercent)) problems.push({ id: 'risePercent', text: 'Enter the rise as a percentage, like 4.5' });
    const extraPaidWeeks = Number(weeks.trim() || '0');
    if (!Number.isFinite(extraPaidWeeks) || extraPaidWeeks < 0) problems.push({ id: 'extraPaidWeeks', text: 'Extra paid weeks must be a number, 0 or more' });
    if (!month) problems.push({ id: 'startMonth', text: 'Choose the month the rise starts' });
    const errors = clientErrors(problems);
    setFields(errors.fields);
    onErrors(errors);
    if (problems.length) return;
    setRequest({ serviceType: serviceType as ServiceType, financialYear, risePercent, extraPaidWeeks, startMonth: Number(month), extraWeeksInPartYear: inPartYear, extraWeeksAt: weeksAt });
  };

  const impact = result.data?.impact;
  return (
    <section aria-labelledby="uplift-heading">
      <h2 className="govuk-heading-m" id="uplift-heading">
        Uplift calculator
      </h2>
      <p className="govuk-body">What a rise to the weekly cost of the placements running when it starts would cost in {yearLabel(financialYear)}, and over a full year.</p>
      <form noValidate onSubmit={submit} data-testid="uplift-form">
        <Select
          id="upliftServiceType"
          name="upliftServiceType"
          label="Service type"
          placeholder="Choose a service type"
          options={SERVICE_TYPES.map((s) => ({ value: s, label: serviceTypeLabel(s) }))}
          value={serviceType}
          onChange={setServiceType}
          error={fields.upliftServiceType}
        />
        <TextInput id="risePercent" name="risePercent" label="Rise" suffix="%" inputMode="decimal" className="govuk-input--width-5" value={rise} onChange={(e) => setRise(e.target.value)} error={fields.risePercent} />
        <TextInput
          id="extraPaidWeeks"
          name="extraPaidWeeks"
          label="Extra paid weeks"
          hint="For example, 1 for a 53rd paid week"
          suffix="weeks"
          inputMode="decimal"
          className="govuk-input--width-4"
          value={weeks}
          onChange={(e) => setWeeks(e.target.value)}
          error={fields.extraPaidWeeks}
        />
        {Number(weeks) > 0 && (
          <>
            <UpliftReadings inPartYear={inPartYear} onInPartYear={setInPartYear} weeksAt={weeksAt} onWeeksAt={setWeeksAt} />
          </>
        )}
        <Select
          id="startMonth"
          name="startMonth"
          label="Start month"
          placeholder="Choose a month"
          options={UPLIFT_MONTH_OPTIONS}
          value={month}
          onChange={setMonth}
          error={fields.startMonth}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Work out the cost
        </button>
      </form>
      <div aria-live="polite" data-testid="uplift-result">
        {request && result.isPending && <p className="govuk-body">Working out the cost…</p>}
        {result.isError && <p className="govuk-error-message">{errorMessage(result.error)}</p>}
        {result.data && !impact && <p className="govuk-body">No {serviceTypeLabel(request!.serviceType).toLowerCase()} placements are running on {formatDate(result.data.on)}.</p>}
        {result.data && impact && (
          <SummaryList
            rows={[
              { key: 'Placements', value: `${formatNumber(impact.placements)} running on ${formatDate(result.data.on)}` },
              { key: 'Weekly cost now', value: formatPence(impact.currentWeeklyPence) },
              { key: 'Weekly cost after the rise', value: `${formatPence(impact.newWeeklyPence)} (${formatPence(impact.weeklyRisePence)} more)` },
              { key: `Rest of ${result.data.financialYear} (${impact.monthsRemaining} months)`, value: <strong>{formatPence(impact.restOfYear.totalPence)}</strong>, testId: 'uplift-rest-of-year' },
              { key: 'Full year', value: <strong>{formatPence(impact.fullYear.totalPence)}</strong>, testId: 'uplift-full-year' },
            ]}
          />
        )}
      </div>
    </section>
  );
}
