import { CONTRACT_WRITER_ROLES, formatPence } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { useFormKey } from '../../components/useFormKey.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { errorMessage, trpc, type RouterOutputs } from '../../trpc.ts';
import { ContractsNavigation, refreshContracts } from './shared.tsx';
import { RoleNote } from '../../components/RoleNote.tsx';
import { useMayDo } from '../../session.tsx';

type Contract = RouterOutputs['contract']['list']['contracts'][number];
type Line = RouterOutputs['contract']['previewContinuation']['lines'][number];

/**
 * Bulk continuation: choose several running contracts, one common end date and one single-source justification;
 * see what each adds and the total before confirming. All or nothing.
 */
export function ContinuationPage() {
  const [chosen, setChosen] = useState<string[]>([]);
  const [end, setEnd] = useState<DateParts>(EMPTY_DATE);
  const [justification, setJustification] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [decisionReference, setDecisionReference] = useState('');
  const [decided, setDecided] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle('Continue contracts', hasErrors(errors));
  const mayContinue = useMayDo(CONTRACT_WRITER_ROLES, 'continue contracts');
  const list = useQuery(trpc.contract.list.queryOptions({ status: ['active', 'extended'], sort: 'end_date', direction: 'asc' }));
  const history = useQuery(trpc.contract.continuations.queryOptions());
  const endIso = isoOf(end);
  const validEnd = endIso && endIso !== 'invalid' && /^\d{4}-/.test(endIso) ? endIso : null;
  const preview = useQuery({
    ...trpc.contract.previewContinuation.queryOptions({ contractIds: chosen, commonEndDate: validEnd ?? '2000-01-01' }),
    enabled: chosen.length > 0 && validEnd !== null,
    retry: false,
  });
  const formKey = useFormKey();
  const confirm = useMutation({
    ...trpc.contract.bulkContinue.mutationOptions(),
    onSuccess: async (result) => {
      await refreshContracts();
      formKey.renew();
      setNotice(`${chosen.length} ${chosen.length === 1 ? 'contract' : 'contracts'} continued to ${formatDate(validEnd!)}, adding ${formatPence(result.totalExtraPence)}.`);
      setChosen([]);
      setJustification('');
      setLegalBasis('');
      setDecisionReference('');
      setDecided(EMPTY_DATE);
      setErrors(NO_ERRORS);
    },
    onError: (error) =>
      setErrors(
        apiFormErrors(error, {
          contractIds: 'contracts',
          commonEndDate: 'commonEndDate-day',
          justification: 'justification',
          legalBasis: 'legalBasis',
          decisionReference: 'decisionReference',
          decidedOn: 'decidedOn-day',
        }),
      ),
  });

  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemPage error={list.error} />;
  const contracts = list.data.contracts;
  const toggle = (id: string, checked: boolean) => setChosen((current) => (checked ? [...current, id] : current.filter((c) => c !== id)));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirm.isPending) return;
    const problems: ClientError[] = [];
    if (chosen.length === 0) problems.push({ id: 'contracts', text: 'Choose at least one contract to continue' });
    if (endIso === null) problems.push({ id: 'commonEndDate-day', text: 'Enter the common end date' });
    else if (endIso === 'invalid') problems.push({ id: 'commonEndDate-day', text: 'The common end date must be a real date' });
    if (!justification.trim()) problems.push({ id: 'justification', text: 'Enter the single-source justification' });
    if (!legalBasis.trim()) problems.push({ id: 'legalBasis', text: 'Enter the legal basis' });
    if (!decisionReference.trim()) problems.push({ id: 'decisionReference', text: 'Enter the decision reference' });
    const decidedIso = isoOf(decided);
    if (decidedIso === null) problems.push({ id: 'decidedOn-day', text: 'Enter the decision date' });
    else if (decidedIso === 'invalid') problems.push({ id: 'decidedOn-day', text: 'The decision date must be a real date' });
    if (preview.isError) problems.push({ id: 'contracts', text: errorMessage(preview.error) });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    confirm.mutate({ contractIds: chosen, commonEndDate: validEnd!, justification, legalBasis, decisionReference, decidedOn: decidedIso as string, idempotencyKey: formKey.key });
  };

  const recorded = history.data && history.data.length > 0 && (
    <>
      <h2 className="govuk-heading-m">Continuations recorded</h2>
      <Table
        caption="Continuation decisions"
        captionHidden
        small
        rows={history.data}
        rowKey={(b) => b.id}
        columns={[
          { header: 'Decision', rowHeader: true, cell: (b) => `${b.decisionReference}, ${formatDate(b.decidedOn)}` },
          { header: 'To', cell: (b) => formatDate(b.commonEndDate) },
          { header: 'Contracts', cell: (b) => b.lines.map((l) => l.reference).join(', ') },
          { header: 'Extra cost', numeric: true, cell: (b) => formatPence(b.totalExtraPence) },
        ]}
      />
    </>
  );

  // Viewers and finance officers see the decisions recorded, not a form they could not submit.
  if (!mayContinue.may) {
    return (
      <>
        <h1 className="govuk-heading-l">Continue contracts</h1>
        <ContractsNavigation />
        <RoleNote why={mayContinue.why} />
        {recorded}
      </>
    );
  }

  return (
    <>
      <form noValidate onSubmit={submit}>
        <ErrorSummary errors={errors.summary} />
        {notice && <NotificationBanner success>{notice}</NotificationBanner>}
        <h1 className="govuk-heading-l">Continue contracts</h1>
        <ContractsNavigation />
        <p className="govuk-body">
          Continue several running contracts to one common end date under one single-source justification. You see what each contract adds, and the total, before
          you confirm. Either every contract is continued or none is.
        </p>
        <div className={`govuk-form-group${errors.fields.contracts ? ' govuk-form-group--error' : ''}`}>
          <fieldset className="govuk-fieldset" aria-describedby={errors.fields.contracts ? 'contracts-error' : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Contracts to continue</legend>
            {errors.fields.contracts && (
              <p id="contracts-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {errors.fields.contracts}
              </p>
            )}
            <Table
              caption="Running contracts"
              captionHidden
              small
              rows={contracts}
              rowKey={(c) => c.id}
              rowTestId="continuation-candidate"
              columns={[
                {
                  header: <span className="govuk-visually-hidden">Choose</span>,
                  cell: (c: Contract) => (
                    <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                      <div className="govuk-checkboxes__item">
                        <input
                          className="govuk-checkboxes__input"
                          id={contracts[0]?.id === c.id ? 'contracts' : `contract-${c.id}`}
                          type="checkbox"
                          checked={chosen.includes(c.id)}
                          onChange={(e) => toggle(c.id, e.target.checked)}
                          data-testid={`choose-${c.reference}`}
                        />
                        <label className="govuk-label govuk-checkboxes__label" htmlFor={contracts[0]?.id === c.id ? 'contracts' : `contract-${c.id}`}>
                          <span className="govuk-visually-hidden">Continue {c.reference}</span>
                        </label>
                      </div>
                    </div>
                  ),
                },
                {
                  header: 'Reference',
                  rowHeader: true,
                  cell: (c: Contract) => (
                    <Link className="govuk-link" to={`/contracts/${c.id}`}>
                      {c.reference}
                    </Link>
                  ),
                },
                { header: 'Title', cell: (c: Contract) => c.title },
                { header: 'Provider', cell: (c: Contract) => c.provider.name },
                { header: 'Ends', cell: (c: Contract) => <span className="concord-nowrap">{formatDate(c.endDate)}</span> },
                { header: 'Annual value', numeric: true, cell: (c: Contract) => formatPence(c.annualValuePence) },
              ]}
            />
          </fieldset>
        </div>
        <DateInput id="commonEndDate" legend="Common end date" legendSize="m" hint="For example, 31 5 2019" value={end} onChange={setEnd} error={errors.fields['commonEndDate-day']} />

        <h2 className="govuk-heading-m">What continuing would add</h2>
        <div aria-live="polite" data-testid="continuation-preview">
          {chosen.length === 0 || !validEnd ? (
            <p className="govuk-body">Choose contracts and a common end date to see what each would add.</p>
          ) : preview.isPending ? (
            <p className="govuk-body">Working out the cost…</p>
          ) : preview.isError ? (
            <p className="govuk-body govuk-error-message" data-testid="preview-problem">
              {errorMessage(preview.error)}
            </p>
          ) : (
            <Table
              caption={`Continuing to ${formatDate(validEnd)}`}
              captionSize="s"
              rows={[...preview.data.lines, null]}
              rowKey={(l) => l?.contractId ?? 'total'}
              rowTestId="continuation-line"
              columns={[
                { header: 'Contract', rowHeader: true, cell: (l: Line | null) => (l ? `${l.reference}: ${l.title}` : 'Total') },
                { header: 'Ends now', cell: (l: Line | null) => (l ? formatDate(l.currentEndDate) : '') },
                { header: 'Annual value', numeric: true, cell: (l: Line | null) => formatPence(l ? l.annualValuePence : preview.data.totalAnnualValuePence) },
                { header: 'Extra days', numeric: true, cell: (l: Line | null) => (l ? String(l.extraDays) : '') },
                {
                  header: 'Extra cost',
                  numeric: true,
                  cell: (l: Line | null) => (l ? formatPence(l.extraPence) : <strong data-testid="continuation-total">{formatPence(preview.data.totalExtraPence)}</strong>),
                },
              ]}
            />
          )}
        </div>

        <h2 className="govuk-heading-m">The decision</h2>
        <Textarea
          id="justification"
          name="justification"
          label="Single-source justification"
          rows={4}
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
          error={errors.fields.justification}
        />
        <TextInput id="legalBasis" name="legalBasis" label="Legal basis" hint="For example, the regulation relied on" value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} error={errors.fields.legalBasis} />
        <TextInput
          id="decisionReference"
          name="decisionReference"
          label="Decision reference"
          className="govuk-input--width-20"
          value={decisionReference}
          onChange={(e) => setDecisionReference(e.target.value)}
          error={errors.fields.decisionReference}
        />
        <DateInput id="decidedOn" legend="Decision date" legendSize="s" value={decided} onChange={setDecided} error={errors.fields['decidedOn-day']} />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={confirm.isPending} data-testid="confirm-continuation">
          {preview.data && chosen.length > 0 ? `Confirm: continue ${chosen.length} ${chosen.length === 1 ? 'contract' : 'contracts'}, adding ${formatPence(preview.data.totalExtraPence)}` : 'Confirm continuation'}
        </button>
      </form>
      {recorded}
    </>
  );
}
