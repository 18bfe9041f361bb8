import { CONTRACT_WRITER_ROLES } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { RoleNote } from '../../components/RoleNote.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { useMayDo } from '../../session.tsx';
import { periodOf, ReturnsTable, type MonitoringReturn } from '../organisation/contracts/ReturnsTable.tsx';

/** A contract's returns shown at once: eight years of months. */
const RETURNS_SHOWN = 100;

type Decision = { kind: 'accept' | 'query'; r: MonitoringReturn };

/**
 * The contracting authority's side of monitoring returns (issue 11, item 5), on its contract page: the returns the
 * provider submitted (never its drafts), and for a submitted one Accept or Query (with a reason), each asked first.
 */
export function MonitoringReturnsSection({ contract, onDone }: { contract: { id: string; reference: string; provider: { name: string } }; onDone: (notice: string) => void }) {
  const writer = useMayDo(CONTRACT_WRITER_ROLES, 'see and decide the provider’s monitoring returns');
  return (
    <section aria-labelledby="monitoring-returns" data-testid="monitoring-returns">
      <h2 className="govuk-heading-m" id="monitoring-returns">
        Monitoring returns from the provider
      </h2>
      {writer.may ? <Returns contract={contract} onDone={onDone} /> : <RoleNote why={writer.why} />}
    </section>
  );
}

function Returns({ contract, onDone }: { contract: { id: string; reference: string; provider: { name: string } }; onDone: (notice: string) => void }) {
  const returns = useQuery(trpc.contractReturn.list.queryOptions({ contractId: contract.id, limit: RETURNS_SHOWN, offset: 0 }));
  const [deciding, setDeciding] = useState<Decision | null>(null);
  if (!returns.isSuccess) return <RecordStatus query={returns} />;
  return (
    <>
      <p className="govuk-body">
        {contract.provider.name} reports this contract’s figures each month or quarter. Accept a submitted return, or query it with a reason: the provider is told
        and corrects it.
      </p>
      {returns.data.length === 0 ? (
        <p className="govuk-body" data-testid="no-monitoring-returns">
          No monitoring returns have been submitted for this contract.
        </p>
      ) : (
        <ReturnsTable
          returns={returns.data}
          caption={`Monitoring returns for ${contract.reference}`}
          actions={(r) =>
            r.status === 'submitted' && (
              <div className="concord-row-actions">
                {(['accept', 'query'] as const).map((kind) => (
                  <button key={kind} type="button" className="concord-link-button" onClick={() => setDeciding({ kind, r })} data-testid={`${kind}-return`}>
                    {kind === 'accept' ? 'Accept' : 'Query'}
                    <span className="govuk-visually-hidden"> the return for {periodOf(r)}</span>
                  </button>
                ))}
              </div>
            )
          }
        />
      )}
      {deciding && (
        <DecideReturn
          key={`${deciding.kind}-${deciding.r.id}`}
          decision={deciding}
          provider={contract.provider.name}
          onCancel={() => setDeciding(null)}
          onDone={(notice) => {
            setDeciding(null);
            onDone(notice);
          }}
        />
      )}
    </>
  );
}

/** Accepting asks first; querying takes the reason, then asks. A return changed meanwhile is refused with the CONFLICT message. */
function DecideReturn({ decision: { kind, r }, provider, onCancel, onDone }: { decision: Decision; provider: string; onCancel: () => void; onDone: (notice: string) => void }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(kind === 'accept');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const period = periodOf(r);
  const options = {
    onSuccess: async () => {
      await refreshAfterChange(trpc.contractReturn.list.queryKey());
      onDone(kind === 'accept' ? `You accepted ${provider}’s return for ${period}.` : `You queried ${provider}’s return for ${period}. They are told why and asked to correct it.`);
    },
    onError: (error: unknown) => {
      // Accepting stays on its question (Go back closes it); a query goes back to its reason.
      setConfirming(kind === 'accept');
      setErrors(apiFormErrors(error, { reason: 'query-reason' }));
    },
  };
  const accept = useMutation({ ...trpc.contractReturn.accept.mutationOptions(), ...options });
  const query = useMutation({ ...trpc.contractReturn.query.mutationOptions(), ...options });
  const pending = accept.isPending || query.isPending;
  const confirm = () => (kind === 'accept' ? accept.mutate({ returnId: r.id, rowVersion: r.rowVersion }) : query.mutate({ returnId: r.id, rowVersion: r.rowVersion, reason: reason.trim() }));
  const toConfirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = reason.trim() ? [] : [{ id: 'query-reason', text: 'Enter why you are querying the return' }];
    setErrors(clientErrors(problems));
    if (problems.length === 0) setConfirming(true);
  };

  if (confirming) {
    return (
      <>
        <ErrorSummary errors={errors.summary} />
        <ConfirmStep
          question={kind === 'accept' ? `Accept ${provider}’s return for ${period}?` : `Query ${provider}’s return for ${period}?`}
          consequence={kind === 'accept' ? 'Once accepted, the provider cannot change it.' : `${provider} is told your reason and asked to correct the return and submit it again.`}
          confirmLabel={kind === 'accept' ? 'Yes, accept the return' : 'Yes, query the return'}
          pending={pending}
          onConfirm={confirm}
          onCancel={kind === 'accept' ? onCancel : () => setConfirming(false)}
        />
      </>
    );
  }
  return (
    <form noValidate onSubmit={toConfirm} data-testid="query-return-form">
      <h3 className="govuk-heading-s">Query the return for {period}</h3>
      <ErrorSummary errors={errors.summary} />
      <Textarea
        id="query-reason"
        name="reason"
        label="Why are you querying it?"
        hint="The provider sees this, so say what to check or correct"
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors.fields['query-reason']}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Continue
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
