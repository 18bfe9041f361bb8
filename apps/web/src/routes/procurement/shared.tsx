import { formatPence, PROCUREMENT_STATUS_LABELS, VOLUME_UNIT_LABELS } from '@concord/domain';
import { useLocation, useNavigate } from 'react-router';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { label, PROCUREMENT_STATUS_COLOURS } from '../../labels.ts';
import { useMe, useMyAuthority } from '../../session.tsx';
import { errorMessage, refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

export type Procurement = RouterOutputs['procurement']['get'];
export type ProcurementSummary = RouterOutputs['procurement']['list'][number];
export type Lot = Procurement['lots'][number];
export type MyPartnership = RouterOutputs['authority']['mine']['partnerships'][number];

export { UUID } from '../../components/RecordGate.tsx';

/** The stages at which the commercial terms, lots, criteria and buyers can still change (as the API rules). */
export const BEFORE_PUBLICATION: readonly string[] = ['draft', 'market_engagement'];
export const isBeforePublication = (p: { status: string }) => BEFORE_PUBLICATION.includes(p.status);
export const isFinal = (p: { status: string }) => p.status === 'closed' || p.status === 'cancelled';

export const stageLabel = (status: string) => label(PROCUREMENT_STATUS_LABELS, status);

export function StageTag({ status, testId = 'stage' }: { status: string; testId?: string }) {
  return (
    <Tag colour={PROCUREMENT_STATUS_COLOURS[status] ?? 'grey'} testId={testId}>
      {stageLabel(status)}
    </Tag>
  );
}

/** "120 months (10 years)" */
export function monthsText(months: number | null): string {
  if (months === null) return 'Not set';
  const years = months % 12 === 0 ? ` (${months / 12} ${months === 12 ? 'year' : 'years'})` : '';
  return `${formatNumber(months)} ${months === 1 ? 'month' : 'months'}${years}`;
}

export const moneyText = (pence: number | null) => (pence === null ? 'Not given' : formatPence(pence));

/** "94 units", "1,210 hours a week" */
export function volumeText(volume: number | null, unit: string | null): string {
  if (volume === null) return 'Not given';
  return `${formatNumber(volume)} ${unit ? label(VOLUME_UNIT_LABELS, unit) : ''}`.trim();
}

/** "Sefton, Knowsley and Liverpool" */
export function andList(words: string[]): string {
  if (words.length === 0) return 'None';
  if (words.length === 1) return words[0]!;
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The partnerships I hold the lead commissioner role in, acting for their lead authority: where I may create procurements. */
export function usePartnershipsILead(): { partnerships: MyPartnership[]; isPending: boolean } {
  const me = useMe();
  const mine = useMyAuthority(me.data);
  const partnerships = (mine.data?.partnerships ?? []).filter((p) => p.myRoles.includes('lead_commissioner') && p.lead.id === mine.data?.authority.id);
  return { partnerships, isPending: mine.isPending };
}

/** The roles I hold in the authority I act for. */
export function useMyRoles(): readonly string[] {
  const me = useMe();
  return useMyAuthority(me.data).data?.roles ?? [];
}

/** Whether my authority's data may be asked for at all (a platform administrator acting for none may not). */
export function useActsForAuthority(): boolean {
  const me = useMe();
  return !!me.data && me.data.authorityId !== null;
}


/** After a change: everything shown about procurements, lists, applications and specifications is read again. */
export async function refreshProcurements(): Promise<void> {
  await refreshAfterChange(trpc.procurement.pathKey(), trpc.approvedList.pathKey(), trpc.application.pathKey(), trpc.specification.pathKey());
}

/** The page title of one section of a procurement: "Criteria – Care and support in … – Concord". */
export function useSectionTitle(section: string, p: { title: string }, hasError = false) {
  usePageTitle(`${section} – ${p.title}`, hasError);
}

/** A problem loading one part of a page (the page keeps its own heading). */
export function SectionProblem({ error }: { error: unknown }) {
  return (
    <p className="govuk-body" role="alert">
      {errorMessage(error)}
    </p>
  );
}

/**
 * The banner that brought us to a page (carried in the history entry's state) goes once the page shows
 * its own: returns a function that drops it, staying on the same address.
 */
export function useDropArrivalNotice(): () => void {
  const location = useLocation();
  const navigate = useNavigate();
  return () => {
    if ((location.state as { notice?: string } | null)?.notice) navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  };
}
