import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { formatDate } from '../../format.ts';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { useMyRoles } from '../procurement/shared.tsx';

type Claim = RouterOutputs['provider']['claims'][number];

/**
 * Claims waiting on this register entry (issue 11, item 1): people who registered with its Companies House number
 * or CQC provider ID. Shown to a commissioner of an authority that may decide them (the API lists none otherwise);
 * confirming makes the claimant the entry's provider administrator and verifies it; refusing needs a reason.
 */
export function ProviderClaims({ providerId }: { providerId: string }) {
  const roles = useMyRoles();
  const isCommissioner = roles.includes('commissioner');
  const claims = useQuery({ ...trpc.provider.claims.queryOptions({ providerId }), enabled: isCommissioner });
  const [notice, setNotice] = useState<string | null>(null);
  if (!isCommissioner || !claims.data) return null;
  const pending = claims.data.filter((c) => c.status === 'pending');
  if (pending.length === 0 && !notice) return null;
  return (
    <section data-testid="provider-claims">
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h2 className="govuk-heading-m">Claims waiting for a council to confirm</h2>
      <p className="govuk-body">
        These people registered on Concord with this provider’s Companies House number or CQC provider ID. Confirm only if you know they act for it: they
        become its provider administrator and the provider is verified by your council.
      </p>
      {pending.map((claim) => (
        <ClaimCard key={claim.id} claim={claim} onDecided={setNotice} />
      ))}
    </section>
  );
}

function ClaimCard({ claim, onDecided }: { claim: Claim; onDecided: (notice: string) => void }) {
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const decide = useMutation({
    ...trpc.provider.decideClaim.mutationOptions(),
    onSuccess: async (result) => {
      await refreshAfterChange(trpc.provider.pathKey());
      onDecided(result.status === 'confirmed' ? `${claim.claimantName} is now the provider administrator` : `${claim.claimantName}’s claim is refused`);
    },
    onError: (error) => setErrors(apiFormErrors(error, { reason: `reason-${claim.id}` })),
  });
  const none = 'Not given';
  return (
    <div className="govuk-summary-card" data-testid="provider-claim">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">
          {claim.claimantName} <span className="concord-break-anywhere">({claim.claimantEmail})</span>
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <ErrorSummary errors={errors.summary} />
        <SummaryList
          rows={[
            { key: 'Name they gave', value: claim.legalName },
            { key: 'Companies House number', value: claim.companiesHouseNumber ?? none },
            { key: 'CQC provider ID', value: claim.cqcProviderId ?? none },
            { key: 'Contact', value: <span className="concord-break-anywhere">{[claim.contactName, claim.contactEmail, claim.contactPhone].filter(Boolean).join(', ') || none}</span> },
            { key: 'Claimed on', value: formatDate(claim.claimedOn) },
          ]}
        />
        {refusing ? (
          <>
            <Textarea id={`reason-${claim.id}`} name="reason" label="Why is the claim refused?" hint="The person sees this." rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields[`reason-${claim.id}`]} />
            <div className="govuk-button-group">
              <button type="button" className="govuk-button govuk-button--warning" disabled={decide.isPending} onClick={() => decide.mutate({ claimId: claim.id, decision: 'refuse', reason: reason.trim() || null })}>
                Refuse the claim
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRefusing(false)}>
                Cancel
              </button>
            </div>
          </>
        ) : (
          <div className="govuk-button-group">
            <button type="button" className="govuk-button" disabled={decide.isPending} onClick={() => decide.mutate({ claimId: claim.id, decision: 'confirm' })}>
              Confirm<span className="govuk-visually-hidden"> {claim.claimantName}’s claim</span>
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRefusing(true)}>
              Refuse<span className="govuk-visually-hidden"> {claim.claimantName}’s claim</span>
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
