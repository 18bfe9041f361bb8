import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { RecordStatus, UUID } from '../../components/RecordGate.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useMayDo } from '../../session.tsx';
import { trpc } from '../../trpc.ts';
import { NoticeView } from './NoticeView.tsx';
import { noticeTitle } from './shared.tsx';

/**
 * The authority's pipeline notice (UK1, s.93) for a financial year, on its own page (issue 16): what the Act asks of
 * the year and by when, the description only a person can write, the steps from draft to ready to published (or
 * withdrawn), and the OCDS release and PDF. Everyone in the authority reads it; its commissioners change it.
 */
export function PipelineNoticePage() {
  const { noticeId = '' } = useParams();
  const valid = UUID.test(noticeId);
  const notice = useQuery({ ...trpc.notice.pipeline.queryOptions({ noticeId }), enabled: valid });
  const canWrite = useMayDo(['commissioner'], 'draft and publish notices').may;
  const navigate = useNavigate();
  usePageTitle(notice.data ? `Pipeline notice for ${notice.data.yearName}` : 'Pipeline notice');
  if (!valid || !notice.isSuccess) return <RecordStatus query={notice} valid={valid} />;
  const { item, yearName } = notice.data;
  return (
    <>
      <Link className="govuk-back-link" to="/notices">
        Back to Notices due
      </Link>
      <span className="govuk-caption-l">{noticeTitle(item.type)}</span>
      <h1 className="govuk-heading-l" data-testid="notice-title">
        Pipeline notice for {yearName}
      </h1>
      <NoticeView item={item} record={item.record} canWrite={canWrite} headingLevel={2} onWithdrawn={(text) => navigate('/notices', { state: { noticeWithdrawn: text } })} />
    </>
  );
}
