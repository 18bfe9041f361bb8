import { END_DECISION_LABELS, formatPence, RATE_UNIT_LABELS, VARIATION_KIND_LABELS, type EndDecision, type RateUnit } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { EndDecisionForm, ExtensionDecisionForm } from './ContractDecisions.tsx';
import { EndPlacementForm } from './EndPlacementForm.tsx';
import { RateChangeForm } from './RateChangeForm.tsx';
import { TerminationForm } from './TerminationForm.tsx';
import { ContractStatusTag, ContractWarnings, roleLabel, serviceTypeLabel, sourceLabel, useCanChangeContracts, type Contract } from './shared.tsx';
import { VariationForm } from './VariationForm.tsx';
import { MonitoringReturnsSection } from './MonitoringReturns.tsx';
import { RecordStatus, useRecordId } from '../../components/RecordGate.tsx';
import { ContractNoticesSection } from '../notice/ContractNotices.tsx';

type Variation = Contract['variations'][number];
type Rate = Contract['rates'][number];
type ExtensionOption = Contract['extensionOptions'][number];
type Placement = Contract['placements'][number];

const signedPence = (p: number) => (p < 0 ? `−${formatPence(-p)}` : formatPence(p));

/**
 * One contract of mine: its summary, rate card, extension options, variations and placements; commissioners and
 * contract officers (as the API allows) also record a rate change, an extension or end-of-term decision and a variation.
 */
export function ContractPage() {
  const { id, valid } = useRecordId();
  const contract = useQuery({ ...trpc.contract.get.queryOptions({ contractId: id }), enabled: valid });
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const canChange = useCanChangeContracts();
  const show = (text: string) => setNotice((before) => ({ text, n: (before?.n ?? 0) + 1 }));
  usePageTitle(contract.data ? `${contract.data.reference}: ${contract.data.title}` : 'Contract');
  if (!valid || !contract.isSuccess) return <RecordStatus query={contract} valid={valid} />;
  const c = contract.data;
  return (
    <>
      <Link className="govuk-back-link" to="/contracts">
        Back to the contract register
      </Link>
      {notice && (
        <NotificationBanner success key={notice.n}>
          {notice.text}
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{c.reference}</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <ContractWarnings warnings={c.warningDetails} oneContract />
      <SummaryList
        rows={[
          { key: 'Status', value: <ContractStatusTag contract={c} /> },
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
          { key: 'Rates last reviewed', value: c.ratesReviewedOn ? formatDate(c.ratesReviewedOn) : 'Never', testId: 'contract-rates-reviewed' },
          ...(c.award.decisionReference
            ? [{ key: 'Award decision', value: `${c.award.decisionReference}${c.award.decidedOn ? `, ${formatDate(c.award.decidedOn)}` : ''}${c.award.justification ? `: ${c.award.justification}` : ''}` }]
            : []),
          ...(c.endDecision ? [{ key: 'End-of-term decision', value: `${END_DECISION_LABELS[c.endDecision.decision as EndDecision] ?? c.endDecision.decision} (for ${formatDate(c.endDecision.forEndDate)})${c.endDecision.reference ? `, ${c.endDecision.reference}` : ''}` }] : []),
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
      {canChange && <RateChangeForm key={c.rates.map((r) => r.id).join()} contract={c} onDone={show} />}

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

      {canChange && (
        <>
          <ExtensionDecisionForm contract={c} onDone={show} />
          <EndDecisionForm contract={c} onDone={show} />
          <TerminationForm contract={c} onDone={show} />
        </>
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
            {
              header: 'Variation',
              rowHeader: true,
              cell: (v: Variation) => (
                <>
                  {VARIATION_KIND_LABELS[v.kind]}
                  <span className="govuk-!-display-block govuk-!-font-weight-regular">
                    Effective <span className="concord-nowrap">{formatDate(v.effectiveOn)}</span>
                  </span>
                </>
              ),
            },
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
            {
              header: 'Justification',
              cell: (v: Variation) => (
                <span className="concord-long-text">
                  {v.justification}
                  <span className="govuk-!-display-block concord-secondary-text">Legal basis: {v.legalBasis}</span>
                </span>
              ),
            },
            { header: 'Decision', cell: (v: Variation) => <span className="concord-long-text">{`${v.decisionReference}, ${formatDate(v.decidedOn)}`}</span> },
          ]}
        />
      )}
      {canChange && <VariationForm contractId={c.id} version={c.rowVersion} onRecorded={show} />}

      <ContractNoticesSection contract={c} />

      <MonitoringReturnsSection contract={c} onDone={show} />

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
      {canChange && <EndPlacementForm contract={c} onDone={show} />}
    </>
  );
}
