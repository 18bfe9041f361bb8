import { longDate, NOTICE_CATALOGUE } from '@concord/domain';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { useDownload } from '../../download.ts';
import { formatDate } from '../../format.ts';
import { trpcClient } from '../../trpc.ts';
import { MarkPublished, MarkReady, WithdrawNotice } from './NoticeActions.tsx';
import { NoticeFieldsForm } from './NoticeFieldsForm.tsx';
import type { TenderContext } from './TenderDeadlineRule.tsx';
import { NoticeStateTag, RecordStatusTag, whenText, type NoticeItem, type NoticeRecord } from './shared.tsx';

/**
 * One notice Concord holds (issue 16): its state and what the Act asks, the fields only a person supplies, the
 * steps from draft to ready to published (or withdrawn), and the OCDS release and readable PDF to download.
 */
export function NoticeView({
  item,
  record,
  canWrite,
  onWithdrawn,
  headingLevel = 3,
  tender,
}: {
  item: NoticeItem;
  record: NoticeRecord;
  canWrite: boolean;
  onWithdrawn: (text: string) => void;
  headingLevel?: 2 | 3;
  /** A tender notice's: what its minimum periods depend on beyond its own fields. */
  tender?: TenderContext | undefined;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const location = useLocation();
  // Not `notice`: the procurement's frame shows that one itself, and the banner belongs under the notice's heading.
  const arrived = (location.state as { noticeBanner?: string } | null)?.noticeBanner;
  const [banner, setBanner] = useState<{ text: string; n: number } | null>(arrived ? { text: arrived, n: 0 } : null);
  const show = (text: string) => setBanner((before) => ({ text, n: (before?.n ?? 0) + 1 }));
  const open = record.status === 'draft' || record.status === 'ready';
  return (
    <div data-testid="notice-page">
      {banner && (
        <NotificationBanner success key={banner.n}>
          {banner.text}
        </NotificationBanner>
      )}
      <SummaryList
        rows={[
          { key: 'Status', value: <RecordStatusTag record={record} /> },
          { key: 'What the Act asks', value: <NoticeStateTag item={{ ...item, record }} testId="notice-state" /> },
          ...(item.subjectLabel ? [{ key: 'For', value: item.subjectLabel }] : []),
          { key: 'When', value: whenText(item) },
          { key: 'Required by', value: NOTICE_CATALOGUE[item.type].provision },
          ...(record.noticeIdentifier ? [{ key: 'Find a Tender notice', value: record.noticeIdentifier, testId: 'notice-identifier' }] : []),
          ...(record.publishedOn ? [{ key: 'Published on', value: formatDate(record.publishedOn) }] : []),
          ...(record.withdrawnReason ? [{ key: 'Why it was withdrawn', value: record.withdrawnReason }] : []),
        ]}
      />
      <NoticeDownloads record={record} />

      <Heading className="govuk-heading-m">{open && canWrite ? 'What only you can say' : 'What a person added'}</Heading>
      {open && canWrite ? (
        <NoticeFieldsForm key={`${record.id}-${record.rowVersion}`} record={record} tender={tender} onSaved={show} />
      ) : (
        <AddedFields record={record} />
      )}

      {canWrite && open && (
        <>
          <Heading className="govuk-heading-m">Next step</Heading>
          {record.status === 'draft' ? (
            <>
              <p className="govuk-body">When the draft says what it should, mark it as ready. You can still change it until it is published.</p>
              <MarkReady key={record.rowVersion} record={record} onDone={show} />
            </>
          ) : (
            <MarkPublished key={record.rowVersion} record={record} onDone={show} />
          )}
          <div className="govuk-!-margin-top-6">
            <WithdrawNotice key={`withdraw-${record.rowVersion}`} record={record} onDone={onWithdrawn} />
          </div>
        </>
      )}
    </div>
  );
}

/** The notice as an OCDS release (JSON) and as a readable A4 PDF. */
function NoticeDownloads({ record }: { record: NoticeRecord }) {
  const { busy, problem, download } = useDownload<'ocds' | 'pdf'>();
  return (
    <>
      {problem && <ErrorSummary errors={[{ text: `The file could not be made: ${problem}` }]} />}
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" disabled={busy !== null} onClick={() => void download('ocds', () => trpcClient.notice.release.query({ id: record.id }))} data-testid="download-notice-ocds">
          OCDS release (JSON)
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" disabled={busy !== null} onClick={() => void download('pdf', () => trpcClient.notice.pdf.query({ id: record.id }))} data-testid="download-notice-pdf">
          Readable notice (PDF)
        </button>
      </div>
    </>
  );
}

/** What a person added, read only: the fields they filled (one left empty, such as an open procedure's participation deadline, is not listed). */
function AddedFields({ record }: { record: NoticeRecord }) {
  if (record.editableFields.length === 0) return <p className="govuk-body">Concord drafted every part of this notice from its data.</p>;
  const filled = record.editableFields.filter((f) => (record.fields[f.name]?.trim() ?? '') !== '');
  if (filled.length === 0) return <p className="govuk-body">Nothing was added to what Concord drafted.</p>;
  return <SummaryList rows={filled.map((f) => ({ key: f.label, value: shownValue(f, record.fields[f.name]) }))} />;
}

/** A field's value as people read it: a choice's words, or the text typed, or "Not given". */
function shownValue(field: NoticeRecord['editableFields'][number], value: string | undefined): string {
  const typed = value?.trim() ?? '';
  if (field.date) return /^\d{4}-\d{2}-\d{2}$/.test(typed) ? longDate(typed) : 'Not given';
  if (field.choices) return field.choices.find((c) => c.value === typed && typed !== '')?.label ?? 'None';
  return typed || 'Not given';
}
