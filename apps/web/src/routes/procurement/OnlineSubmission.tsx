import { formatPence } from '@concord/domain';
import { PROVIDER_DOCUMENT_KIND_LABELS } from '@concord/domain/provider-documents';
import { useMutation } from '@tanstack/react-query';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors } from '../../components/formErrors.ts';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Tag } from '../../components/Tag.tsx';
import { WarningText } from '../../components/WarningText.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { downloadHref } from '../organisation/documents/file.ts';
import { refreshProcurements } from './shared.tsx';

type Application = RouterOutputs['application']['get'];

/** "Submitted online" (issue 11): shown on an application list for one a provider sent itself. */
export function SubmittedOnlineTag({ submittedAt }: { submittedAt: string | null }) {
  return submittedAt ? <Tag colour="light-blue">Submitted online</Tag> : null;
}

/**
 * What the provider sent online, as it sent it: the organisation's verification (the lead verifies a self-registered
 * organisation before admitting it), its lot prices, gateway and quality answers and the documents from its profile.
 */
export function OnlineSubmission({ a, onSaved }: { a: Application; onSaved: (text: string) => void }) {
  const verify = useMutation({
    ...trpc.application.verifyProvider.mutationOptions(),
    onSuccess: async () => {
      await refreshProcurements();
      onSaved(`${a.provider.legalName} is verified`);
    },
  });
  if (!a.online) return null;
  const online = a.online;
  return (
    <section className="govuk-!-margin-top-6" aria-labelledby="online-heading" data-testid="online-submission">
      <h3 className="govuk-heading-m" id="online-heading">
        Submitted online
      </h3>
      {!a.providerVerified && (
        <div data-testid="unverified">
          <WarningText>Organisation not yet verified: check its details below and verify it before admitting it.</WarningText>
          {verify.isError && <ErrorSummary errors={apiFormErrors(verify.error).summary} />}
          {a.canModerate && (
            <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={verify.isPending} onClick={() => verify.mutate({ applicationId: a.id })}>
              Verify {a.provider.legalName}
            </button>
          )}
        </div>
      )}
      <SummaryList
        rows={[
          { key: 'Submitted', value: formatDateTime(online.submittedAt) },
          ...online.lotPrices.map((p) => ({ key: `Price for lot ${p.lotNumber}`, value: formatPence(p.pricePence) })),
          ...organisationRows(online.snapshot),
          { key: 'Documents', value: <SubmittedDocuments documents={online.documents} /> },
        ]}
      />
      <h4 className="govuk-heading-s">Gateway answers</h4>
      <SummaryList rows={online.gatewayAnswers.map((g) => ({ key: g.question, value: <span className="concord-pre-line">{g.answer}</span> }))} />
      <h4 className="govuk-heading-s">Quality answers</h4>
      <SummaryList rows={online.qualityAnswers.map((q) => ({ key: q.criterion, value: <span className="concord-pre-line">{q.answer}</span> }))} />
    </section>
  );
}

/**
 * The documents the provider attached, each a download of the very file it submitted (the lead may read exactly
 * these: migration 0038), with its kind and expiry as they stood when it submitted.
 */
function SubmittedDocuments({ documents }: { documents: NonNullable<Application['online']>['documents'] }) {
  if (documents.length === 0) return <>None chosen</>;
  return (
    <ul className="govuk-list" data-testid="submitted-documents">
      {documents.map((d) => (
        <li key={d.id}>
          <a className="govuk-link concord-break-anywhere" href={downloadHref(d.id)} download>
            {d.title}
          </a>
          <br />
          <span className="govuk-body-s">
            {documentKindLabel(d.kind)}
            {d.expiresOn ? `, expires ${formatDate(d.expiresOn)}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

const documentKindLabel = (kind: string) => (PROVIDER_DOCUMENT_KIND_LABELS as Record<string, string>)[kind] ?? 'Document';

/** The organisation as its profile stood when it submitted (frozen with the submission). */
function organisationRows(snapshot: NonNullable<Application['online']>['snapshot']) {
  const o = (snapshot.organisation ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : 'Not given');
  return [
    { key: 'Companies House number', value: text(o.companiesHouseNumber) },
    { key: 'CQC provider ID', value: text(o.cqcProviderId) },
    { key: 'Registered address', value: text(o.registeredAddress) },
    { key: 'Contact', value: [o.contactName, o.contactEmail, o.contactPhone].filter((x) => typeof x === 'string' && x).join(', ') || 'Not given' },
  ];
}
