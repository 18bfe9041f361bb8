import { observesStandstill } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { NotFoundPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { trpc } from '../../trpc.ts';
import type { Procurement } from '../procurement/shared.tsx';
import { NoticesList, NoticesListStatus } from './NoticesList.tsx';
import { NoticeView } from './NoticeView.tsx';
import { RecordContractForm } from './RecordContractForm.tsx';
import { noticeTitle } from './shared.tsx';

const noticePath = (procurementId: string, noticeId: string) => `/procurements/${procurementId}/notices/${noticeId}`;

/** A procurement's Notices tab (issue 16): what the Procurement Act 2023 asks of it and its contracts, and by when. */
export function ProcurementNoticesTab({ p }: { p: Procurement }) {
  usePageTitle(`Notices: ${p.title}`);
  const list = useQuery(trpc.notice.forProcurement.queryOptions({ procurementId: p.id }));
  // Once the contract award notice is published, the lead records the contract it enters into (not inside the standstill).
  const awardNotice = list.data?.items.find((i) => i.type === 'UK6' && i.state === 'done' && i.record?.publishedOn);
  return (
    <>
      <h2 className="govuk-heading-m">Notices</h2>
      {list.isSuccess ? (
        <>
          <NoticesList list={list.data} owner={{ procurementId: p.id }} canWrite={p.canEdit} pathOf={(id) => noticePath(p.id, id)} headingLevel={3} />
          {p.canEdit && awardNotice?.record?.publishedOn && <RecordContractForm p={p} uk6PublishedOn={awardNotice.record.publishedOn} standstillObserved={observesStandstill(awardNotice.record.fields)} />}
        </>
      ) : (
        <NoticesListStatus query={list} notYours={`The notices of this procurement are ${p.lead.name}’s, as its lead authority.`} />
      )}
    </>
  );
}

/** One of the procurement's notices: its draft, what only a person supplies, and publishing it. */
export function ProcurementNoticePage({ p }: { p: Procurement }) {
  const { noticeId = '' } = useParams();
  const navigate = useNavigate();
  const list = useQuery(trpc.notice.forProcurement.queryOptions({ procurementId: p.id }));
  const item = list.data?.items.find((i) => i.record?.id === noticeId);
  usePageTitle(item ? `${noticeTitle(item.type)}: ${p.title}` : `Notice: ${p.title}`);
  if (!list.isSuccess) return <RecordStatus query={list} />;
  if (!item?.record) return <NotFoundPage />;
  return (
    <>
      <Link className="govuk-back-link" to={`/procurements/${p.id}/notices`}>
        Back to the procurement’s notices
      </Link>
      <h2 className="govuk-heading-m" data-testid="notice-title">
        {noticeTitle(item.type)}
      </h2>
      <NoticeView
        item={item}
        record={item.record}
        canWrite={p.canEdit}
        onWithdrawn={(text) => navigate(`/procurements/${p.id}/notices`, { state: { notice: text } })}
        tender={item.type === 'UK4' ? { publishedOn: item.record.publishedOn, plannedNoticeOn: list.data.items.find((i) => i.type === 'UK3' && i.record?.publishedOn)?.record?.publishedOn ?? null } : undefined}
      />
    </>
  );
}
