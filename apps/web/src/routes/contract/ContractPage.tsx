import { formatPence, parsePounds, RATE_UNIT_LABELS, VARIATION_KINDS, VARIATION_KIND_LABELS, type RateUnit, type VariationKind } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Radios } from '../../components/Radios.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { ContractStatusTag, ContractWarnings, refreshContracts, roleLabel, serviceTypeLabel, sourceLabel } from './shared.tsx';

type Contract = RouterOutputs['contract']['get'];
type Variation = Contract['variations'][number];
type Rate = Contract['rates'][number];
type ExtensionOption = Contract['extensionOptions'][number];
type Placement = Contract['placements'][number];

const signedPence = (p: number) => (p < 0 ? `−${formatPence(-p)}` : formatPence(p));

/** One contract of mine: its summary, rate card, extension options, variations (with a form to record one) and placements. */
export function ContractPage() {
  const { id = '' } = useParams();
  const contract = useQuery(trpc.contract.get.queryOptions({ contractId: id }));
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(contract.data ? `${contract.data.reference}: ${contract.data.title}` : 'Contract');
  if (contract.isPending) return <Loading />;
  if (contract.isError) return <ProblemPage error={contract.error} />;
  const c = contract.data;
  return (
    <>
      <Link className="govuk-back-link" to="/contracts">
        Back to the contract register
      </Link>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <span className="govuk-caption-l">{c.reference}</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <ContractWarnings warnings={c.warningDetails} oneContract />
      <SummaryList
        rows={[
          { key: 'Status', value: <ContractStatusTag status={c.status} /> },
          { key: 'Provider', value: c.provider.name },
          { key: 'Provider’s role', value: roleLabel(c.providerRole) },
          { key: 'Service type', value: serviceTypeLabel(c.serviceType) },
          { key: 'Source', value: sourceLabel(c.source) },
          ...(c.procurement
            ? [
                {
                  key: 'Procurement',
                  value: (
                    <Link className="govuk-link" to={`/procurements/${c.procurement.id}`}>
                      {c.procurement.reference}: {c.procurement.title}
                    </Link>
                  ),
                },
              ]
            : []),
          ...(c.lot ? [{ key: 'Lot', value: `Lot ${c.lot.number}: ${c.lot.name}` }] : []),
          ...(c.callOff ? [{ key: 'Call-off', value: c.callOff.reference }] : []),
          { key: 'Start date', value: formatDate(c.startDate) },
          { key: 'Original end date', value: formatDate(c.initialEndDate) },
          { key: 'End date', value: formatDate(c.endDate), testId: 'contract-end' },
          { key: 'Latest possible end', value: formatDate(c.latestPossibleEnd) },
          { key: 'Annual value', value: formatPence(c.annualValuePence), testId: 'contract-annual-value' },
          { key: 'Total value', value: formatPence(c.totalValuePence), testId: 'contract-total-value' },
          { key: 'Responsible officer', value: c.responsibleOfficer ?? 'Not recorded' },
          { key: 'Rates last reviewed', value: c.ratesReviewedOn ? formatDate(c.ratesReviewedOn) : 'Never' },
          ...(c.award.decisionReference
            ? [{ key: 'Award decision', value: `${c.award.decisionReference}${c.award.decidedOn ? `, ${formatDate(c.award.decidedOn)}` : ''}${c.award.justification ? `: ${c.award.justification}` : ''}` }]
            : []),
          ...(c.endDecision ? [{ key: 'End-of-term decision', value: `${c.endDecision.decision.replace('_', ' ')} (for ${formatDate(c.endDecision.forEndDate)})${c.endDecision.reference ? `, ${c.endDecision.reference}` : ''}` }] : []),
        ]}
      />

      <h2 className="govuk-heading-m">Rate card</h2>
      {c.rates.length === 0 ? (
        <p className="govuk-body">No rates recorded.</p>
      ) : (
        <Table
          caption="Rate card"
          captionHidden
          rows={c.rates}
          rowKey={(r) => r.id}
          rowTestId="contract-rate"
          columns={[
            { header: 'Band', rowHeader: true, cell: (r: Rate) => r.band },
            { header: 'Unit', cell: (r: Rate) => RATE_UNIT_LABELS[r.unit as RateUnit] ?? r.unit },
            { header: 'Rate', numeric: true, cell: (r: Rate) => formatPence(r.ratePence) },
            { header: 'From', cell: (r: Rate) => formatDate(r.effectiveFrom) },
          ]}
        />
      )}

      <h2 className="govuk-heading-m">Extension options</h2>
      {c.extensionOptions.length === 0 ? (
        <p className="govuk-body">The contract has no extension options.</p>
      ) : (
        <Table
          caption="Extension options"
          captionHidden
          rows={c.extensionOptions}
          rowKey={(o) => o.id}
          rowTestId="extension-option"
          columns={[
            { header: 'Option', rowHeader: true, cell: (o: ExtensionOption) => `Option ${o.position}` },
            { header: 'Length', cell: (o: ExtensionOption) => `${o.months} months` },
            {
              header: 'Status',
              cell: (o: ExtensionOption) => (
                <Tag colour={o.status === 'exercised' ? 'green' : o.status === 'declined' ? 'grey' : 'blue'}>
                  {o.status === 'exercised' ? 'Exercised' : o.status === 'declined' ? 'Declined' : 'Not exercised'}
                </Tag>
              ),
            },
            { header: 'Decision', cell: (o: ExtensionOption) => (o.decisionReference ? `${o.decisionReference}${o.decidedOn ? `, ${formatDate(o.decidedOn)}` : ''}` : '–') },
          ]}
        />
      )}

      <h2 className="govuk-heading-m">Variations</h2>
      {c.variations.length === 0 ? (
        <p className="govuk-body" data-testid="no-variations">
          No variations recorded.
        </p>
      ) : (
        <Table
          caption="Variations"
          captionHidden
          small
          rows={c.variations}
          rowKey={(v) => v.id}
          rowTestId="variation"
          columns={[
            { header: 'Kind', rowHeader: true, cell: (v: Variation) => VARIATION_KIND_LABELS[v.kind as VariationKind] ?? v.kind },
            { header: 'Effective', cell: (v: Variation) => <span className="concord-nowrap">{formatDate(v.effectiveOn)}</span> },
            {
              header: 'Change',
              cell: (v: Variation) =>
                [
                  v.newEndDate && `End ${v.previousEndDate ? `${formatDate(v.previousEndDate)} → ` : ''}${formatDate(v.newEndDate)}`,
                  v.newAnnualValuePence !== null && `Annual value ${v.previousAnnualValuePence !== null ? `${formatPence(v.previousAnnualValuePence)} → ` : ''}${formatPence(v.newAnnualValuePence)}`,
                ]
                  .filter(Boolean)
                  .join('; ') || '–',
            },
            { header: 'Value change', numeric: true, cell: (v: Variation) => signedPence(v.valueChangePence) },
            { header: 'Justification', cell: (v: Variation) => v.justification },
            { header: 'Legal basis', cell: (v: Variation) => v.legalBasis },
            { header: 'Decision', cell: (v: Variation) => `${v.decisionReference}, ${formatDate(v.decidedOn)}` },
          ]}
        />
      )}
      <VariationForm contractId={c.id} onRecorded={setNotice} />

      <h2 className="govuk-heading-m">Placements</h2>
      {c.placements.length === 0 ? (
        <p className="govuk-body">No placements are linked to this contract.</p>
      ) : (
        <Table
          caption={`Placements under ${c.reference} (pseudonymous references)`}
          captionSize="s"
          small
          rows={c.placements}
          rowKey={(p) => p.id}
          rowTestId="contract-placement"
          columns={[
            { header: 'Reference', rowHeader: true, cell: (p: Placement) => p.reference },
            { header: 'Locality', cell: (p: Placement) => p.locality ?? '–' },
            { header: 'In area', cell: (p: Placement) => (p.inArea ? 'Yes' : 'No') },
            { header: 'Start', cell: (p: Placement) => formatDate(p.startDate) },
            { header: 'End', cell: (p: Placement) => (p.endDate ? formatDate(p.endDate) : 'Ongoing') },
            { header: 'Hours a week', numeric: true, cell: (p: Placement) => (p.weeklyHours ?? '–').toString() },
            { header: 'Weekly cost', numeric: true, cell: (p: Placement) => formatPence(p.weeklyCostPence) },
          ]}
        />
      )}
    </>
  );
}

/** Record a variation: its kind, date, what changes, and the decision behind it. */
function VariationForm({ contractId, onRecorded }: { contractId: string; onRecorded: (notice: string) => void }) {
  const [kind, setKind] = useState('');
  const [effective, setEffective] = useState<DateParts>(EMPTY_DATE);
  const [newEnd, setNewEnd] = useState<DateParts>(EMPTY_DATE);
  const [newAnnual, setNewAnnual] = useState('');
  const [valueChange, setValueChange] = useState('');
  const [justification, setJustification] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [decisionReference, setDecisionReference] = useState('');
  const [decided, setDecided] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const reset = () => {
    setKind('');
    setEffective(EMPTY_DATE);
    setNewEnd(EMPTY_DATE);
    setNewAnnual('');
    setValueChange('');
    setJustification('');
    setLegalBasis('');
    setDecisionReference('');
    setDecided(EMPTY_DATE);
  };
  const add = useMutation({
    ...trpc.contract.addVariation.mutationOptions(),
    onSuccess: async () => {
      await refreshContracts();
      setErrors(NO_ERRORS);
      reset();
      onRecorded('Variation recorded.');
    },
    onError: (error) =>
      setErrors(
        apiFormErrors(error, {
          kind: 'kind',
          effectiveOn: 'effectiveOn-day',
          newEndDate: 'newEndDate-day',
          newAnnualValuePence: 'newAnnualValue',
          valueChangePence: 'valueChange',
          justification: 'justification',
          legalBasis: 'legalBasis',
          decisionReference: 'decisionReference',
          decidedOn: 'decidedOn-day',
        }),
      ),
  });
  const movesEnd = kind === 'extension' || kind === 'continuation';
  const changesValue = kind === 'price_change' || kind === 'scope_change';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    const problems: ClientError[] = [];
    if (!kind) problems.push({ id: 'kind', text: 'Choose the kind of variation' });
    const date = (d: DateParts, id: string, what: string, required: boolean) => {
      const iso = isoOf(d);
      if (iso === null) {
        if (required) problems.push({ id, text: `Enter ${what}` });
        return undefined;
      }
      if (iso === 'invalid') {
        problems.push({ id, text: `${what[0]!.toUpperCase()}${what.slice(1)} must be a real date` });
        return undefined;
      }
      return iso;
    };
    const effectiveOn = date(effective, 'effectiveOn-day', 'the date the variation takes effect', true);
    const newEndDate = movesEnd ? date(newEnd, 'newEndDate-day', 'the new end date', true) : undefined;
    const decidedOn = date(decided, 'decidedOn-day', 'the decision date', true);
    const money = (text: string, id: string, what: string, required: boolean) => {
      if (!text.trim()) {
        if (required) problems.push({ id, text: `Enter ${what}` });
        return undefined;
      }
      try {
        return parsePounds(text);
      } catch {
        problems.push({ id, text: `${what[0]!.toUpperCase()}${what.slice(1)} must be an amount in pounds, like 1,250.00` });
        return undefined;
      }
    };
    const newAnnualValuePence = changesValue ? money(newAnnual, 'newAnnualValue', 'the new annual value', kind === 'price_change') : undefined;
    const valueChangePence = money(valueChange, 'valueChange', 'the value change', false);
    if (!justification.trim()) problems.push({ id: 'justification', text: 'Enter the justification' });
    if (!legalBasis.trim()) problems.push({ id: 'legalBasis', text: 'Enter the legal basis' });
    if (!decisionReference.trim()) problems.push({ id: 'decisionReference', text: 'Enter the decision reference' });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    add.mutate({
      contractId,
      kind: kind as VariationKind,
      effectiveOn: effectiveOn!,
      ...(newEndDate && { newEndDate }),
      ...(newAnnualValuePence !== undefined && { newAnnualValuePence }),
      ...(valueChangePence !== undefined && { valueChangePence }),
      justification,
      legalBasis,
      decisionReference,
      decidedOn: decidedOn!,
    });
  };

  return (
    <details className="govuk-details" open={hasErrors(errors) || undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Record a variation</span>
      </summary>
      <div className="govuk-details__text">
        <form noValidate onSubmit={submit} data-testid="variation-form">
          <ErrorSummary errors={errors.summary} />
          <Radios
            name="kind"
            legend="Kind of variation"
            legendSize="s"
            options={VARIATION_KINDS.map((k) => ({ value: k, label: VARIATION_KIND_LABELS[k] }))}
            value={kind}
            onChange={setKind}
            error={errors.fields.kind}
          />
          <DateInput id="effectiveOn" legend="Date it takes effect" legendSize="s" hint="For example, 1 4 2025" value={effective} onChange={setEffective} error={errors.fields['effectiveOn-day']} />
          {movesEnd && <DateInput id="newEndDate" legend="New end date" legendSize="s" value={newEnd} onChange={setNewEnd} error={errors.fields['newEndDate-day']} />}
          {changesValue && (
            <TextInput
              id="newAnnualValue"
              name="newAnnualValue"
              label={kind === 'price_change' ? 'New annual value' : 'New annual value (optional)'}
              prefix="£"
              inputMode="decimal"
              className="govuk-input--width-10"
              value={newAnnual}
              onChange={(e) => setNewAnnual(e.target.value)}
              error={errors.fields.newAnnualValue}
            />
          )}
          <TextInput
            id="valueChange"
            name="valueChange"
            label="Value change (optional)"
            hint="What it adds to the contract’s total value; a minus sign for a reduction. Left blank, Concord works it out."
            prefix="£"
            inputMode="decimal"
            className="govuk-input--width-10"
            value={valueChange}
            onChange={(e) => setValueChange(e.target.value)}
            error={errors.fields.valueChange}
          />
          <Textarea id="justification" name="justification" label="Justification" rows={3} value={justification} onChange={(e) => setJustification(e.target.value)} error={errors.fields.justification} />
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
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={add.isPending}>
            Record variation
          </button>
        </form>
      </div>
    </details>
  );
}
