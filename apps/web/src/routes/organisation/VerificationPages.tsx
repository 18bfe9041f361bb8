import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Pagination, useServerPage } from '../../components/Pagination.tsx';
import { RecordGate } from '../../components/RecordGate.tsx';
import { NotFoundPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { WarningText } from '../../components/WarningText.tsx';
import { useMe } from '../../session.tsx';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { detailRows } from './details.tsx';

export const VERIFY_PATH = '/organisations-to-verify';
const PER_PAGE = 25;

type Waiting = RouterOutputs['organisation']['awaitingVerification']['organisations'][number];

/** The platform administrator's pages, acting for no authority; anyone else is told so. */
function PlatformAdminOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  if (!me.data.isPlatformAdmin || me.data.authorityId !== null) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot verify organisations</h1>
        <p className="govuk-body">Only a platform administrator, acting for no authority, verifies care organisations that registered themselves.</p>
      </>
    );
  }
  return <>{children}</>;
}

/** Organisations waiting to be verified (issue 11, item 1), oldest first, paged. */
export function AwaitingVerificationPage() {
  return (
    <PlatformAdminOnly>
      <AwaitingList />
    </PlatformAdminOnly>
  );
}

function AwaitingList() {
  usePageTitle('Organisations waiting to be verified');
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const paging = useServerPage(PER_PAGE);
  const list = useQuery(trpc.organisation.awaitingVerification.queryOptions({ limit: paging.limit, offset: paging.offset }));
  return (
    <>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">Organisations waiting to be verified</h1>
      <p className="govuk-body">
        Care organisations that registered themselves. Check each against Companies House and the CQC register before you verify it: a verified
        organisation can respond to councils’ invitations and hold contracts.
      </p>
      <RecordGate query={list}>
        {(data) =>
          data.total === 0 ? (
            <p className="govuk-body" data-testid="none-waiting">
              No organisation is waiting to be verified.
            </p>
          ) : (
            <>
              <Table<Waiting>
                caption={`${data.total} waiting`}
                captionSize="s"
                rows={data.organisations}
                rowKey={(o) => o.id}
                rowTestId="waiting-organisation"
                columns={[
                  {
                    header: 'Organisation',
                    rowHeader: true,
                    cell: (o) => (
                      <Link className="govuk-link" to={`${VERIFY_PATH}/${o.id}`}>
                        {o.legalName}
                      </Link>
                    ),
                  },
                  { header: 'Companies House number', cell: (o) => o.companiesHouseNumber ?? 'Not given' },
                  { header: 'CQC provider ID', cell: (o) => o.cqcProviderId ?? 'Not given' },
                  { header: 'Registered on', cell: (o) => o.registeredOn },
                ]}
              />
              <Pagination page={paging.page} pageCount={paging.pageCount(data.total)} />
            </>
          )
        }
      </RecordGate>
    </>
  );
}

/** One organisation: its details, and verifying it after a confirmation step. */
export function VerifyOrganisationPage() {
  const { providerId = '' } = useParams();
  return <PlatformAdminOnly>{/^[0-9a-f-]{36}$/i.test(providerId) ? <VerifyOne providerId={providerId} /> : <NotFoundPage />}</PlatformAdminOnly>;
}

function VerifyOne({ providerId }: { providerId: string }) {
  const navigate = useNavigate();
  const organisation = useQuery(trpc.organisation.get.queryOptions({ providerId }));
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const name = organisation.data?.legalName ?? 'Organisation';
  usePageTitle(confirming ? `Verify ${name}` : name, errors.summary.length > 0);
  const verify = useMutation({
    ...trpc.organisation.verify.mutationOptions(),
    onSuccess: async () => {
      await refreshAfterChange(trpc.organisation.pathKey());
      navigate(VERIFY_PATH, { state: { notice: `${name} is verified` } });
    },
    onError: (error) => setErrors(apiFormErrors(error)),
  });
  return (
    <RecordGate query={organisation}>
      {(o) => (
        <>
          <Link className="govuk-back-link" to={VERIFY_PATH}>
            Back to organisations waiting to be verified
          </Link>
          <ErrorSummary errors={errors.summary} />
          <span className="govuk-caption-l">{confirming ? 'Verify an organisation' : 'Organisation'}</span>
          <h1 className="govuk-heading-l">{confirming ? `Are you sure you want to verify ${o.legalName}?` : o.legalName}</h1>
          <SummaryList rows={detailRows(o)} />
          {o.verified ? (
            <p className="govuk-body" data-testid="already-verified">
              Verified on {o.verifiedOn} by {o.verifiedBy}.
            </p>
          ) : confirming ? (
            <>
              <WarningText>
                Verify it only if its Companies House number and CQC provider ID belong to an organisation of this name. It is then trusted by every council on
                Concord, and you cannot undo this here.
              </WarningText>
              <div className="govuk-button-group">
                <button type="button" className="govuk-button" data-module="govuk-button" disabled={verify.isPending} onClick={() => verify.mutate({ providerId })}>
                  Yes, verify this organisation
                </button>
                <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </>
          ) : (
            <button type="button" className="govuk-button" data-module="govuk-button" onClick={() => setConfirming(true)}>
              Verify this organisation
            </button>
          )}
        </>
      )}
    </RecordGate>
  );
}
