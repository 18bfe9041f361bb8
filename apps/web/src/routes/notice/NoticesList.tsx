import { NOTICE_CATALOGUE } from '@concord/domain';
import { useMutation, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { SummaryList } from '../../components/SummaryList.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { formatDate } from '../../format.ts';
import { Loading } from '../../components/StatusPages.tsx';
import { errorCode, errorMessage, trpc } from '../../trpc.ts';
import { noticeTitle, NoticeStateTag, RecordStatusTag, refreshNotices, whenText, type NoticeItem, type NoticeList, type NoticeOwner } from './shared.tsx';

const itemKey = (item: NoticeItem) => `${item.type}-${item.subjectId ?? ''}`;

/**
 * The Procurement Act's notices for a procurement or a contract (issue 16): the regime in words, then each notice
 * as a summary card with its state (due by, overdue since, published on, not required and why), and "Draft it"
 * or the draft Concord holds. `pathOf` is the address of a held notice's page.
 */
export function NoticesList({ list, owner, canWrite, pathOf, headingLevel = 2 }: { list: NoticeList; owner: NoticeOwner; canWrite: boolean; pathOf: (recordId: string) => string; headingLevel?: 2 | 3 }) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div data-testid="notices">
      <ErrorSummary errors={errors.summary} />
      <p className="govuk-body" data-testid="notices-regime">
        <strong>{list.regimeLabel}.</strong> {list.regimeReason}
      </p>
      {list.items.length === 0 ? (
        <p className="govuk-body" data-testid="no-notices">
          {list.regime === 'procurement_act_2023' ? 'No notice is due yet.' : 'Concord drafts only the Procurement Act 2023’s notices, so there is none to draft here.'}
        </p>
      ) : (
        list.items.map((item) => (
          <div className="govuk-summary-card" key={itemKey(item)} data-testid={`notice-${item.type}`}>
            <div className="govuk-summary-card__title-wrapper">
              <Heading className="govuk-summary-card__title">
                {noticeTitle(item.type)}
                {item.subjectLabel && <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-font-size-16">{item.subjectLabel}</span>}
              </Heading>
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <NoticeAction item={item} owner={owner} canWrite={canWrite} pathOf={pathOf} onError={setErrors} />
                </li>
              </ul>
            </div>
            <div className="govuk-summary-card__content">
              <SummaryList
                rows={[
                  { key: 'State', value: <NoticeStateTag item={item} testId="notice-state" /> },
                  ...(item.record
                    ? [{ key: 'Concord’s notice', value: <NoticeRecordSummary record={item.record} /> }]
                    : []),
                  { key: item.state === 'not_required' ? 'Why not' : 'When', value: whenText(item) },
                  { key: 'Required by', value: NOTICE_CATALOGUE[item.type].provision },
                ]}
              />
            </div>
          </div>
        ))
      )}
    </div>
  );
}

function NoticeRecordSummary({ record }: { record: NonNullable<NoticeItem['record']> }) {
  return (
    <>
      <RecordStatusTag record={record} />
      {record.noticeIdentifier && (
        <span className="govuk-!-display-block govuk-!-margin-top-1" data-testid="notice-identifier">
          Find a Tender notice {record.noticeIdentifier}
          {record.publishedOn && `, published on ${formatDate(record.publishedOn)}`}
        </span>
      )}
    </>
  );
}

/** A held notice opens on its page; one not yet held is drafted from Concord's data ("Draft it") by whoever may write. */
function NoticeAction({ item, owner, canWrite, pathOf, onError }: { item: NoticeItem; owner: NoticeOwner; canWrite: boolean; pathOf: (recordId: string) => string; onError: (e: FormErrors) => void }) {
  const navigate = useNavigate();
  const formKey = useFormKey();
  const draft = useMutation({
    ...trpc.notice.draft.mutationOptions(),
    onSuccess: async (record) => {
      await refreshNotices();
      navigate(pathOf(record.id), { state: { noticeBanner: `${noticeTitle(item.type)} drafted from Concord’s data. Check it, add what only you can say, then mark it as ready.` } });
    },
    onError: (error) => onError(apiFormErrors(error)),
  });
  const hidden = <span className="govuk-visually-hidden"> {noticeTitle(item.type)}{item.subjectLabel ? ` for ${item.subjectLabel}` : ''}</span>;
  if (item.record) {
    return (
      <Link className="govuk-link" to={pathOf(item.record.id)} data-testid="open-notice">
        {item.record.status === 'draft' && canWrite ? 'Edit' : 'View'}
        {hidden}
      </Link>
    );
  }
  // A notice the Act does not ask for is offered only when it is optional (a UK3 shortens the tendering period).
  if (!canWrite || (item.state === 'not_required' && NOTICE_CATALOGUE[item.type].obligation !== 'optional')) return null;
  return (
    <button
      type="button"
      className="concord-link-button"
      disabled={draft.isPending}
      onClick={() => draft.mutate({ type: item.type, ...owner, ...(item.subjectId ? { subjectId: item.subjectId } : {}), idempotencyKey: formKey.key })}
      data-testid="draft-notice"
    >
      Draft it{hidden}
    </button>
  );
}

/**
 * What a notices list shows until it is there, inside the page it belongs to: loading, or in words why not (a
 * partner authority reads the procurement, but its notices are the lead authority's).
 */
export function NoticesListStatus({ query, notYours }: { query: UseQueryResult<unknown, unknown>; notYours: string }) {
  if (query.isPending) return <Loading what="Loading the notices" />;
  const code = errorCode(query.error);
  return (
    <p className="govuk-body" data-testid="notices-unavailable">
      {code === 'NOT_FOUND' || code === 'FORBIDDEN' ? notYours : `The notices could not be shown: ${errorMessage(query.error)}`}
    </p>
  );
}
