import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Tag } from '../../components/Tag.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useFormKey } from '../../components/useFormKey.ts';
import { errorMessage, trpc } from '../../trpc.ts';

export const STATUS_TAG = {
  draft: { text: 'Draft', colour: 'grey' },
  submitted: { text: 'Submitted', colour: 'blue' },
  approved: { text: 'Approved', colour: 'green' },
} as const;

/** My authority's business cases, options appraisals and demand models. */
export function BusinessCasesPage() {
  usePageTitle('Business cases');
  const cases = useQuery(trpc.businessCase.list.queryOptions());
  const appraisals = useQuery(trpc.appraisal.list.queryOptions());
  const demand = useQuery(trpc.demand.list.queryOptions());
  const me = useQuery(trpc.authority.mine.queryOptions());
  if (cases.isPending || appraisals.isPending || demand.isPending) return <Loading />;
  if (cases.isError) return <ProblemPage error={cases.error} />;
  if (appraisals.isError) return <ProblemPage error={appraisals.error} />;
  if (demand.isError) return <ProblemPage error={demand.error} />;
  const canEdit = me.data?.roles?.includes('commissioner') ?? false;

  return (
    <>
      <h1 className="govuk-heading-l">Business cases</h1>
      <p className="govuk-body">Papers for a decision, built from your options appraisals, risk registers and demand models. An approved case is frozen.</p>
      {canEdit && <NewThing kind="case" />}
      {cases.data.length === 0 ? (
        <p className="govuk-body">No business cases yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Business cases</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Title</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {cases.data.map((c) => (
              <tr className="govuk-table__row" key={c.id} data-testid="business-case">
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/business-cases/${c.id}`}>
                    {c.title}
                  </Link>
                </th>
                <td className="govuk-table__cell">
                  <Tag colour={STATUS_TAG[c.status].colour}>{STATUS_TAG[c.status].text}</Tag>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 className="govuk-heading-m">Options appraisals</h2>
      {canEdit && <NewThing kind="appraisal" />}
      <ul className="govuk-list" data-testid="appraisals">
        {appraisals.data.map((a) => (
          <li key={a.id}>
            <Link className="govuk-link" to={`/appraisals/${a.id}`}>
              {a.title}
            </Link>{' '}
            <span className="govuk-hint govuk-!-display-inline">
              {a.options} options, {a.criteria} criteria{a.recommended ? ` – recommends ${a.recommended}` : a.missing ? ` – ${a.missing} scores to enter` : ''}
            </span>
          </li>
        ))}
        {appraisals.data.length === 0 && <li>No options appraisals yet.</li>}
      </ul>

      <h2 className="govuk-heading-m">Demand models</h2>
      {canEdit && <NewThing kind="demand" />}
      <ul className="govuk-list" data-testid="demand-models">
        {demand.data.map((d) => (
          <li key={d.id}>
            <Link className="govuk-link" to={`/demand-models/${d.id}`}>
              {d.title}
            </Link>{' '}
            <span className="govuk-hint govuk-!-display-inline">people aged {d.ageBand}</span>
          </li>
        ))}
        {demand.data.length === 0 && <li>No demand models yet.</li>}
      </ul>
    </>
  );
}

const NEW = {
  case: { button: 'Start a business case', label: 'Title of the new business case' },
  appraisal: { button: 'Start an options appraisal', label: 'Title of the new options appraisal' },
  demand: { button: 'Start a demand model', label: 'Title of the new demand model' },
} as const;

function NewThing({ kind }: { kind: keyof typeof NEW }) {
  const [title, setTitle] = useState('');
  const navigate = useNavigate();
  const client = useQueryClient();
  const appraisal = useMutation(trpc.appraisal.create.mutationOptions());
  const formKey = useFormKey();
  const bc = useMutation(trpc.businessCase.create.mutationOptions());
  const demand = useMutation(trpc.demand.create.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const id = `new-${kind}-title`;
  async function create(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (kind === 'appraisal') navigate(`/appraisals/${(await appraisal.mutateAsync({ title, idempotencyKey: formKey.key })).id}`);
      else if (kind === 'case') navigate(`/business-cases/${(await bc.mutateAsync({ title, idempotencyKey: formKey.key })).id}`);
      // A new demand model starts on the Housing LIN rates and one entered year, to be edited.
      else navigate(`/demand-models/${(await demand.mutateAsync({ title, idempotencyKey: formKey.key, populationSource: 'entered', populations: [{ year: new Date().getFullYear(), population: 0 }] })).id}`);
      await client.invalidateQueries();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <form onSubmit={create} noValidate className="govuk-!-margin-bottom-6">
      {error && <ErrorSummary errors={[{ text: error, href: `#${id}` }]} />}
      <TextInput id={id} name="title" label={NEW[kind].label} value={title} onChange={(e) => setTitle(e.target.value)} error={error ?? undefined} className="govuk-!-width-two-thirds" />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        {NEW[kind].button}
      </button>
    </form>
  );
}
