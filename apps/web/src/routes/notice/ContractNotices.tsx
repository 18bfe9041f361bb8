import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { RecordStatus, UUID } from '../../components/RecordGate.tsx';
import { NotFoundPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useMayDo } from '../../session.tsx';
import { trpc } from '../../trpc.ts';
import { NoticesList, NoticesListStatus } from './NoticesList.tsx';
import { NoticeView } from './NoticeView.tsx';
import { noticeTitle } from './shared.tsx';

/** The contracting authority's commissioners write a contract's notices; everyone in the authority reads them. */
const useMayWriteNotices = () => useMayDo(['commissioner'], 'draft and publish notices').may;

const noticePath = (contractId: string, noticeId: string) => `/contracts/${contractId}/notices/${noticeId}`;

/** A contract's notices (issue 16), on its page: contract details, changes and termination, with their deadlines. */
export function ContractNoticesSection({ contract }: { contract: { id: string } }) {
  const list = useQuery(trpc.notice.forContract.queryOptions({ contractId: contract.id }));
  const canWrite = useMayWriteNotices();
  const location = useLocation();
  // After a notice is withdrawn its page sends the reader back here, saying so.
  const withdrawn = (location.state as { noticeWithdrawn?: string } | null)?.noticeWithdrawn;
  return (
    <section aria-labelledby="contract-notices" data-testid="contract-notices">
      <h2 className="govuk-heading-m" id="contract-notices">
        Notices
      </h2>
      {withdrawn && (
        <NotificationBanner success key={location.key}>
          {withdrawn}
        </NotificationBanner>
      )}
      {list.isSuccess ? (
        <NoticesList list={list.data} owner={{ contractId: contract.id }} canWrite={canWrite} pathOf={(id) => noticePath(contract.id, id)} headingLevel={3} />
      ) : (
        <NoticesListStatus query={list} notYours="This contract’s notices are not yours to see." />
      )}
    </section>
  );
}

/** One of a contract's notices, on its own page under the contract. */
export function ContractNoticePage() {
  const { id = '', noticeId = '' } = useParams();
  const valid = UUID.test(id);
  const contract = useQuery({ ...trpc.contract.get.queryOptions({ contractId: id }), enabled: valid });
  const list = useQuery({ ...trpc.notice.forContract.queryOptions({ contractId: id }), enabled: valid });
  const canWrite = useMayWriteNotices();
  const navigate = useNavigate();
  const item = list.data?.items.find((i) => i.record?.id === noticeId);
  usePageTitle(item && contract.data ? `${noticeTitle(item.type)}: ${contract.data.reference}` : 'Notice');
  if (!valid || !contract.isSuccess) return <RecordStatus query={contract} valid={valid} />;
  if (!list.isSuccess) return <RecordStatus query={list} />;
  if (!item?.record) return <NotFoundPage />;
  return (
    <>
      <Link className="govuk-back-link" to={`/contracts/${id}`}>
        Back to {contract.data.reference}
      </Link>
      <span className="govuk-caption-l">
        {contract.data.reference}: {contract.data.title}
      </span>
      <h1 className="govuk-heading-l" data-testid="notice-title">
        {noticeTitle(item.type)}
      </h1>
      <NoticeView item={item} record={item.record} canWrite={canWrite} headingLevel={2} onWithdrawn={(text) => navigate(`/contracts/${id}`, { state: { noticeWithdrawn: text } })} />
    </>
  );
}
