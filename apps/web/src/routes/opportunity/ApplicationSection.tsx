import { formatPence, parsePounds } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { NotFoundPage } from '../../components/StatusPages.tsx';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { WarningText } from '../../components/WarningText.tsx';
import { formatDate } from '../../format.ts';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { AnswersSummary } from './ApplicationTaskList.tsx';
import { SECTIONS, useApplication, type MyApplication, type Opportunity, type SectionKey } from './shared.tsx';


/** One section of a draft application (a task of the task list), or the check-answers page that submits it. */
export function ApplicationSectionPage() {
  const { section = '' } = useParams();
  const { valid, application, opportunity } = useApplication();
  const known = section === 'check' || SECTIONS.some((s) => s.key === section);
  const title = section === 'check' ? 'Check your answers before submitting' : (SECTIONS.find((s) => s.key === section)?.title ?? 'Application');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(title, hasErrors(errors));
  if (!known) return <NotFoundPage />;
  if (!valid || !application.isSuccess) return <RecordStatus query={application} valid={valid} />;
  if (!opportunity.isSuccess) return <RecordStatus query={opportunity} />;
  const a = application.data;
  if (a.status !== 'draft') return <NotFoundPage />;
  const props = { a, o: opportunity.data, errors, setErrors };
  return (
    <>
      <p className="govuk-body">
        <Link className="govuk-link govuk-back-link" to={`/organisation/applications/${a.id}`}>
          Back to your application
        </Link>
      </p>
      <ErrorSummary errors={errors.summary} />
      <span className="govuk-caption-l">{a.procurement.title}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {section === 'check' ? <CheckAndSubmit {...props} /> : <SectionForm section={section as SectionKey} {...props} />}
    </>
  );
}

interface SectionProps {
  a: MyApplication;
  o: Opportunity;
  errors: FormErrors;
  setErrors: (errors: FormErrors) => void;
}

function useSave(a: MyApplication, setErrors: (e: FormErrors) => void, fieldIds: Record<string, string>) {
  const navigate = useNavigate();
  return useMutation({
    ...trpc.myApplication.save.mutationOptions(),
    onSuccess: async () => {
      await refreshAfterChange(trpc.myApplication.get.queryKey({ applicationId: a.id }), trpc.myApplication.list.queryKey());
      navigate(`/organisation/applications/${a.id}`);
    },
    onError: (error) => setErrors(apiFormErrors(error, fieldIds)),
  });
}

function SectionForm({ section, a, o, errors, setErrors }: SectionProps & { section: SectionKey }) {
  const [lotIds, setLotIds] = useState<string[]>(a.lots.map((l) => l.id));
  const [prices, setPrices] = useState<Record<string, string>>(() => Object.fromEntries(a.lotPrices.map((p) => [p.lotId, (p.pricePence / 100).toFixed(2)])));
  const [gateway, setGateway] = useState<Record<string, string>>(() => Object.fromEntries(a.gatewayAnswers.map((x) => [x.id, x.answer])));
  const [quality, setQuality] = useState<Record<string, string>>(() => Object.fromEntries(a.qualityAnswers.map((x) => [x.id, x.answer])));
  const [documentIds, setDocumentIds] = useState<string[]>(a.documentIds);
  const documents = useQuery({ ...trpc.providerDocument.list.queryOptions(), enabled: section === 'documents' });
  const save = useSave(a, setErrors, { lotIds: 'lots' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const base = { applicationId: a.id, rowVersion: a.rowVersion };
    if (section === 'lots') {
      const problems: ClientError[] = [];
      const lotPrices: { lotId: string; pricePence: number }[] = [];
      if (o.asksForPrices) {
        for (const id of lotIds) {
          const lot = o.lots.find((l) => l.id === id)!;
          try {
            lotPrices.push({ lotId: id, pricePence: parsePounds(prices[id] ?? '') });
          } catch {
            problems.push({ id: `price-${id}`, text: `Enter your price for lot ${lot.number} in pounds, like 21.50` });
          }
        }
      }
      if (problems.length) return setErrors(clientErrors(problems));
      return save.mutate({ ...base, lotIds, lotPrices });
    }
    if (section === 'gateway') return save.mutate({ ...base, gatewayAnswers: o.gatewayQuestions.map((q) => ({ id: q.id, answer: gateway[q.id] ?? '' })) });
    if (section === 'quality')
      return save.mutate({
        ...base,
        qualityAnswers: o.criteria.filter((c) => c.kind !== 'price').map((c) => ({ id: c.id, answer: quality[c.id] ?? '' })),
      });
    return save.mutate({ ...base, documentIds });
  }

  return (
    <form noValidate onSubmit={submit}>
      {section === 'lots' && (
        <>
          <Checkboxes
            name="lots"
            legend="Which lots are you applying to?"
            legendSize="m"
            values={lotIds}
            onChange={setLotIds}
            error={errors.fields.lots}
            options={o.lots.map((l) => ({ value: l.id, label: `Lot ${l.number}: ${l.name}`, hint: l.description ?? undefined }))}
          />
          {o.asksForPrices &&
            o.lots
              .filter((l) => lotIds.includes(l.id))
              .map((l) => (
                <TextInput
                  key={l.id}
                  id={`price-${l.id}`}
                  name={`price-${l.id}`}
                  label={`Your price for lot ${l.number}: ${l.name}`}
                  hint="In pounds, as the procurement’s price criterion asks (for example an hourly rate)"
                  prefix="£"
                  inputMode="decimal"
                  className="govuk-input--width-10"
                  value={prices[l.id] ?? ''}
                  onChange={(e) => setPrices((x) => ({ ...x, [l.id]: e.target.value }))}
                  error={errors.fields[`price-${l.id}`]}
                />
              ))}
        </>
      )}
      {section === 'gateway' &&
        o.gatewayQuestions.map((q, i) => (
          <Textarea
            key={q.id}
            id={`gateway-${q.id}`}
            name={`gateway-${q.id}`}
            label={`${i + 1}. ${q.question}`}
            labelSize="s"
            hint={q.guidance ?? undefined}
            rows={3}
            value={gateway[q.id] ?? ''}
            onChange={(e) => setGateway((x) => ({ ...x, [q.id]: e.target.value }))}
          />
        ))}
      {section === 'quality' &&
        o.criteria
          .filter((c) => c.kind !== 'price')
          .map((c) => (
            <Textarea
              key={c.id}
              id={`quality-${c.id}`}
              name={`quality-${c.id}`}
              label={`${c.name} (${c.weightPercent}%)`}
              labelSize="s"
              hint={c.guidance ?? undefined}
              rows={8}
              value={quality[c.id] ?? ''}
              onChange={(e) => setQuality((x) => ({ ...x, [c.id]: e.target.value }))}
            />
          ))}
      {section === 'documents' &&
        (documents.data && documents.data.documents.length > 0 ? (
          <Checkboxes
            name="documents"
            legend="Which documents from your profile support this application?"
            legendSize="m"
            hint="Your insurance certificates, policies and other documents, as your profile holds them. Add or replace them on your organisation’s page."
            values={documentIds}
            onChange={setDocumentIds}
            options={documents.data.documents.map((d) => ({ value: d.id, label: d.title, hint: `${d.kindLabel}${d.expiresOn ? `, expires ${formatDate(d.expiresOn)}` : ''}` }))}
          />
        ) : (
          <p className="govuk-body">{documents.isPending ? 'Loading your documents…' : 'Your profile holds no documents yet. You can apply without any.'}</p>
        ))}
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={save.isPending}>
        Save and continue
      </button>
    </form>
  );
}

/** Check answers, then submit: a submission cannot be changed afterwards. */
function CheckAndSubmit({ a, o, setErrors }: SectionProps) {
  const navigate = useNavigate();
  const submit = useMutation({
    ...trpc.myApplication.submit.mutationOptions(),
    onSuccess: async () => {
      await refreshAfterChange(trpc.myApplication.get.queryKey({ applicationId: a.id }), trpc.myApplication.list.queryKey(), trpc.opportunity.get.queryKey({ procurementId: o.id }));
      navigate(`/organisation/applications/${a.id}`, { state: { notice: `Application submitted to ${o.lead.name}` } });
    },
    onError: (error) => setErrors(apiFormErrors(error)),
  });
  function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!submit.isPending) submit.mutate({ applicationId: a.id, rowVersion: a.rowVersion });
  }
  const lowest = a.lotPrices.length ? Math.min(...a.lotPrices.map((p) => p.pricePence)) : null;
  return (
    <>
      <AnswersSummary a={a} o={o} />
      <h2 className="govuk-heading-m">Now send your application</h2>
      <p className="govuk-body">
        By submitting you confirm the answers are correct. Your organisation’s profile and the documents you chose are sent as they are now
        {lowest !== null ? `; your lowest price is ${formatPence(lowest)}` : ''}.
      </p>
      <WarningText>You cannot change your application after you submit it.</WarningText>
      <form noValidate onSubmit={send}>
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={submit.isPending} data-testid="submit-application">
          Submit application
        </button>
      </form>
    </>
  );
}
