import { API_TOKEN_MAX_DAYS } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Radios } from '../../components/Radios.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag, type TagColour } from '../../components/Tag.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { errorCode, errorMessage, refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { NewApiToken } from './NewApiToken.tsx';
import { PowerBiHelp } from './PowerBiHelp.tsx';

type ApiToken = RouterOutputs['apiToken']['list'][number];

const LIFETIMES = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '180', label: '180 days' },
  { value: String(API_TOKEN_MAX_DAYS), label: '1 year' },
];
const STATUS: Record<ApiToken['status'], { label: string; colour: TagColour }> = {
  active: { label: 'Active', colour: 'green' },
  expired: { label: 'Expired', colour: 'grey' },
  revoked: { label: 'Revoked', colour: 'red' },
};

/** Personal API tokens for BI tools: make one (shown once), see when each was last used, revoke one. */
export function ApiTokensPage() {
  const tokens = useQuery(trpc.apiToken.list.queryOptions());
  const [label, setLabel] = useState('');
  const [days, setDays] = useState(String(API_TOKEN_MAX_DAYS));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [created, setCreated] = useState<RouterOutputs['apiToken']['create'] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => refreshAfterChange(trpc.apiToken.list.queryKey());
  const clearMessages = () => {
    setErrors(NO_ERRORS);
    setNotice(null);
  };

  const formKey = useFormKey();
  const create = useMutation({
    ...trpc.apiToken.create.mutationOptions(),
    onSuccess: async (token) => {
      formKey.renew();
      await refresh();
      setCreated(token);
      setLabel('');
    },
    onError: (error) => setErrors(apiFormErrors(error, { label: 'label', expiresInDays: 'expiresInDays' })),
  });
  const revoke = useMutation({
    ...trpc.apiToken.revoke.mutationOptions(),
    onSuccess: async (_result, { tokenId }) => {
      setConfirming(null);
      if (created?.id === tokenId) setCreated(null);
      const token = tokens.data?.find((t) => t.id === tokenId);
      await refresh();
      setNotice(`You revoked the token “${token?.label ?? 'that token'}”. A BI tool using it can no longer read Concord.`);
    },
    onError: (error) => {
      setConfirming(null);
      setErrors({ summary: [{ text: errorCode(error) === 'NOT_FOUND' ? 'That token had already been revoked' : errorMessage(error) }], fields: {} });
      return refresh();
    },
  });

  usePageTitle('API tokens for BI tools', hasErrors(errors));
  if (tokens.isPending) return <Loading />;
  if (tokens.isError) return <ProblemPage error={tokens.error} />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    clearMessages();
    setCreated(null);
    create.mutate({ label, expiresInDays: Number(days), idempotencyKey: formKey.key });
  }

  const columns = [
    { header: 'Label', rowHeader: true, cell: (t: ApiToken) => t.label },
    { header: 'Created', cell: (t: ApiToken) => formatDateTime(t.createdAt) },
    { header: 'Last used', cell: (t: ApiToken) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never') },
    { header: 'Expires', cell: (t: ApiToken) => formatDate(t.expiresAt) },
    { header: 'Status', cell: (t: ApiToken) => <Tag colour={STATUS[t.status].colour}>{STATUS[t.status].label}</Tag> },
    {
      header: <span className="govuk-visually-hidden">Action</span>,
      cell: (t: ApiToken) => (t.status === 'active' ? revokeAction(t) : null),
    },
  ];

  // A plain function, not a component defined here: React would remount a component type made on every render.
  function revokeAction(token: ApiToken) {
    if (confirming !== token.id) {
      return (
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" onClick={() => setConfirming(token.id)}>
          Revoke<span className="govuk-visually-hidden"> the token “{token.label}”</span>
        </button>
      );
    }
    return (
      <div className="govuk-button-group govuk-!-margin-bottom-0">
        <button
          type="button"
          className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
          data-module="govuk-button"
          disabled={revoke.isPending}
          onClick={() => {
            clearMessages();
            revoke.mutate({ tokenId: token.id });
          }}
        >
          Yes, revoke<span className="govuk-visually-hidden"> the token “{token.label}”</span>
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setConfirming(null)}>
          Keep it
        </button>
      </div>
    );
  }

  return (
    <>
      <Link className="govuk-back-link" to="/sessions">
        Back to your sessions
      </Link>
      <ErrorSummary errors={errors.summary} />
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      {created?.token && (
        <NotificationBanner success title="Token made">
          Copy your token “{created.label}” now. You will not be able to see it again.
        </NotificationBanner>
      )}
      {created && !created.token && (
        <NotificationBanner title="Token already made">
          This form had already made the token “{created.label}”, and its text was shown only then. If you did not copy it, revoke it below and make
          another.
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-l">API tokens for BI tools</h1>
      <p className="govuk-body">
        A BI tool such as Power BI cannot sign in like a browser. Give it a personal API token instead: it reads the KPI library, your returns and
        benchmark results as you, in the authority you act for now. It cannot change anything. Revoke a token as soon as it is no longer needed.
      </p>
      {created?.token && <NewApiToken token={{ ...created, token: created.token }} />}
      {tokens.data.length === 0 ? (
        <p className="govuk-body">You have no API tokens.</p>
      ) : (
        <Table caption="Your API tokens" captionSize="m" columns={columns} rows={tokens.data} rowKey={(t) => t.id} rowTestId="api-token" />
      )}
      <form noValidate onSubmit={submit} className="govuk-!-margin-top-6">
        <h2 className="govuk-heading-m">Make a token</h2>
        <TextInput
          id="label"
          name="label"
          label="Label"
          hint="So you can tell your tokens apart, for example “Power BI – monthly KPI dashboard”"
          className="govuk-!-width-two-thirds"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={errors.fields.label}
        />
        <Radios name="expiresInDays" legend="Expires after" legendSize="s" small options={LIFETIMES} value={days} onChange={setDays} error={errors.fields.expiresInDays} />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.isPending}>
          Make token
        </button>
      </form>
      {!created && <PowerBiHelp />}
    </>
  );
}
