import { formatPence, suggestedReturnPeriod } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { todayIso } from '../../../components/DateInput.tsx';
import { NotificationBanner } from '../../../components/NotificationBanner.tsx';
import { RecordStatus, UUID } from '../../../components/RecordGate.tsx';
import { RoleNote } from '../../../components/RoleNote.tsx';
import { SummaryList } from '../../../components/SummaryList.tsx';
import { Tag } from '../../../components/Tag.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { formatDate } from '../../../format.ts';
import { trpc } from '../../../trpc.ts';
import { DATE_STATUS_COLOURS, roleLabel, serviceTypeLabel } from '../../contract/shared.tsx';
import { ReturnForm } from './ReturnForm.tsx';
import { periodOf, ReturnsTable, type MonitoringReturn } from './ReturnsTable.tsx';
import { isNotVerified, NotVerifiedYet, useMaySendReturns } from './shared.tsx';

/** A provider sees at most this many returns of one contract: eight years of months. */
const RETURNS_SHOWN = 100;

/**
 * One of the provider's contracts (issue 11, item 5): its details, its monitoring returns newest first with the
 * authority's query reasons, and the form to submit a return, or to correct a draft or queried one.
 */
export function ProviderContractPage() {
  const { contractId = '' } = useParams();
  const valid = UUID.test(contractId);
  const contract = useQuery({ ...trpc.providerContract.get.queryOptions({ contractId }), enabled: valid });
  const returns = useQuery({ ...trpc.providerReturn.list.queryOptions({ contractId, limit: RETURNS_SHOWN, offset: 0 }), enabled: valid });
  const [editing, setEditing] = useState<MonitoringReturn | null>(null);
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const sender = useMaySendReturns();
  usePageTitle(contract.data ? `${contract.data.reference}: ${contract.data.title}` : 'Contract');
  if (isNotVerified(contract.error)) return <NotVerifiedYet title="Contract" />;
  if (!valid || !contract.isSuccess) return <RecordStatus query={contract} valid={valid} />;
  if (!returns.isSuccess) return <RecordStatus query={returns} />;
  const c = contract.data;
  const done = (text: string) => {
    setEditing(null);
    setNotice((before) => ({ text, n: (before?.n ?? 0) + 1 }));
  };
  const changeable = (r: MonitoringReturn) => r.status !== 'accepted';
  return (
    <>
      <Link className="govuk-back-link" to="/organisation/contracts">
        Back to your contracts
      </Link>
      {notice && (
        <NotificationBanner success key={notice.n}>
          <span data-testid="return-notice">{notice.text}</span>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">
        {c.authority.name}: {c.reference}
      </span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <Tag colour={DATE_STATUS_COLOURS[c.dateStatus] ?? 'grey'}>{c.statusText}</Tag>, testId: 'provider-contract-status' },
          { key: 'Council', value: c.authority.name },
          { key: 'Reference', value: c.reference },
          { key: 'Service type', value: serviceTypeLabel(c.serviceType) },
          // Lead or supplementary provider, where the council records it (seed 003); left out when it does not.
          ...(c.providerRole ? [{ key: 'Your role', value: roleLabel(c.providerRole) }] : []),
          ...(c.callOff ? [{ key: 'Call-off', value: `${c.callOff.reference}: ${c.callOff.schemeName}` }] : []),
          { key: 'Start date', value: formatDate(c.startDate) },
          { key: 'End date', value: formatDate(c.endDate) },
          { key: 'Annual value', value: formatPence(c.annualValuePence) },
          { key: 'Total value', value: formatPence(c.totalValuePence) },
        ]}
      />

      <h2 className="govuk-heading-m">Monitoring returns</h2>
      <p className="govuk-body">
        Report the contract’s figures each month or quarter. {c.authority.name} accepts a return or queries it with a reason; correct a queried return and
        submit it again. A draft is yours alone until you submit it.
      </p>
      {returns.data.length === 0 ? (
        <p className="govuk-body" data-testid="no-returns">
          You have not sent a monitoring return for this contract yet.
        </p>
      ) : (
        <ReturnsTable
          returns={returns.data}
          caption={`Monitoring returns for ${c.reference}`}
          actions={
            sender.may
              ? (r) =>
                  changeable(r) && (
                    <button type="button" className="concord-link-button" onClick={() => setEditing(r)} data-testid="change-return">
                      {r.status === 'queried' ? 'Correct' : r.status === 'draft' ? 'Continue' : 'Change'}
                      <span className="govuk-visually-hidden"> the return for {periodOf(r)}</span>
                    </button>
                  )
              : undefined
          }
        />
      )}
      {sender.may ? (
        <>
          <ReturnForm
            key={editing ? `${editing.id}-${editing.rowVersion}` : 'new'}
            contractId={c.id}
            authority={c.authority.name}
            editing={editing}
            existing={returns.data}
            defaultPeriod={suggestedReturnPeriod(todayIso(), c.startDate, returns.data.map((r) => r.periodStart))}
            onDone={done}
            onCancel={() => setEditing(null)}
          />
          <p className="govuk-body">
            <Link className="govuk-link" to="/organisation/contracts/upload">
              Upload returns for several contracts or periods (CSV or Excel)
            </Link>
          </p>
        </>
      ) : (
        <RoleNote why={sender.why} />
      )}
    </>
  );
}
