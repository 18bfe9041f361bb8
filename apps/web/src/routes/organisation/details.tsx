import type { SummaryRow } from '../../components/SummaryList.tsx';
import type { RouterOutputs } from '../../trpc.ts';

type Organisation = RouterOutputs['organisation']['get'];

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** An organisation's details as summary list rows, for its own home and for whoever verifies it. */
export function detailRows(o: Organisation): SummaryRow[] {
  const none = 'Not given';
  return [
    { key: 'Legal name', value: o.legalName },
    { key: 'Companies House number', value: o.companiesHouseNumber ?? none },
    { key: 'CQC provider ID', value: o.cqcProviderId ?? none },
    { key: 'Registered address', value: <span style={{ whiteSpace: 'pre-line' }}>{o.registeredAddress ?? none}</span> },
    { key: 'Contact', value: <span className="concord-break-anywhere">{[o.contactName, o.contactEmail, o.contactPhone].filter(Boolean).join(', ') || none}</span> },
    { key: 'Small or medium-sized enterprise (SME)', value: yesNo(o.isSme) },
    { key: 'Voluntary, community or social enterprise (VCSE)', value: yesNo(o.isVcse) },
  ];
}
