import { LOT_BASES, LOT_BASIS_LABELS, VOLUME_UNIT_LABELS, VOLUME_UNITS } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Table } from '../../components/Table.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { formatNumber } from '../../format.ts';
import { label } from '../../labels.ts';
import { errorMessage, trpc } from '../../trpc.ts';
import { ReadOnlyNotice } from './ReadOnlyNotice.tsx';
import { isBeforePublication, isFinal, refreshProcurements, useSectionTitle, volumeText, type Lot, type Procurement } from './shared.tsx';

export function LotsTab({ p }: { p: Procurement }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  useSectionTitle('Lots', p, problem !== null);
  const base = `/procurements/${p.id}`;
  const canAdd = p.canEdit && isBeforePublication(p);
  const canChange = p.canEdit && !isFinal(p);
  const remove = useMutation({
    ...trpc.lot.delete.mutationOptions(),
    onSuccess: () => {
      setConfirming(null);
      return refreshProcurements();
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  return (
    <>
      {problem && <ErrorSummary errors={[{ text: problem }]} />}
      <div className="concord-heading-row">
        <h2 className="govuk-heading-m">Lots</h2>
        {canAdd && (
          <Link to={`${base}/lots/new`} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Add a lot
          </Link>
        )}
      </div>
      {p.lots.length === 0 ? (
        <p className="govuk-body">{canAdd ? 'There are no lots yet. Add at least one before publishing.' : 'There are no lots yet.'}</p>
      ) : (
        <Table
          caption="Lots"
          captionHidden
          rows={p.lots}
          rowKey={(l) => l.id}
          rowTestId="lot"
          columns={[
            {
              header: 'Lot',
              rowHeader: true,
              width: 'govuk-!-width-one-third',
              cell: (l: Lot) => (
                <>
                  {l.number}. {l.name}
                  {l.description && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-margin-top-1 govuk-!-font-weight-regular">{l.description}</span>}
                </>
              ),
            },
            { header: 'Basis', cell: (l: Lot) => label(LOT_BASIS_LABELS, l.basis) },
            { header: 'Estimated volume', numeric: true, cell: (l: Lot) => volumeText(l.estimatedVolume, l.volumeUnit) },
            { header: 'Expected providers', numeric: true, cell: (l: Lot) => (l.expectedProviders === null ? 'Not given' : formatNumber(l.expectedProviders)) },
            { header: 'Active providers', numeric: true, cell: (l: Lot) => formatNumber(l.activeProviders) },
            ...(canChange
              ? [
                  {
                    header: <span className="govuk-visually-hidden">Actions</span>,
                    cell: (l: Lot) =>
                      confirming === l.id ? (
                        <div className="concord-button-group">
                          <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" disabled={remove.isPending} onClick={() => {
                              setProblem(null);
                              remove.mutate({ lotId: l.id });
                            }}>
                            Yes, delete<span className="govuk-visually-hidden"> lot {l.number}</span>
                          </button>
                          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setConfirming(null)}>
                            Keep it
                          </button>
                        </div>
                      ) : (
                        <ul className="govuk-summary-list__actions-list">
                          <li className="govuk-summary-list__actions-list-item">
                            <Link className="govuk-link" to={`${base}/lots/${l.id}/edit`}>
                              Change<span className="govuk-visually-hidden"> lot {l.number}</span>
                            </Link>
                          </li>
                          {canAdd && (
                            <li className="govuk-summary-list__actions-list-item">
                              <button type="button" className="concord-link-button govuk-link" onClick={() => setConfirming(l.id)}>
                                Delete<span className="govuk-visually-hidden"> lot {l.number}</span>
                              </button>
                            </li>
                          )}
                        </ul>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}

interface LotFields {
  number: string;
  name: string;
  basis: string;
  description: string;
  estimatedVolume: string;
  volumeUnit: string;
  expectedProviders: string;
}

const FIELD_IDS: Record<string, string> = {
  number: 'number',
  name: 'name',
  basis: 'basis',
  description: 'description',
  estimatedVolume: 'estimatedVolume',
  volumeUnit: 'volumeUnit',
  expectedProviders: 'expectedProviders',
};

function numberOrNull(text: string, id: string, message: string, problems: ClientError[], integer: boolean): number | null {
  const t = text.replace(/,/g, '').trim();
  if (!t) return null;
  if (!(integer ? /^\d+$/ : /^\d+(\.\d+)?$/).test(t)) {
    problems.push({ id, text: message });
    return null;
  }
  return Number(t);
}

/** Add a lot, or change one. Its number and basis are fixed once the procurement is published. */
export function LotFormPage({ p }: { p: Procurement }) {
  const { lotId } = useParams();
  const navigate = useNavigate();
  const lot = lotId ? p.lots.find((l) => l.id === lotId) : undefined;
  const [fields, setFields] = useState<LotFields>(() => ({
    number: lot ? String(lot.number) : '',
    name: lot?.name ?? '',
    basis: lot?.basis ?? '',
    description: lot?.description ?? '',
    estimatedVolume: lot?.estimatedVolume == null ? '' : String(lot.estimatedVolume),
    volumeUnit: lot?.volumeUnit ?? '',
    expectedProviders: lot?.expectedProviders == null ? '' : String(lot.expectedProviders),
  }));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const creating = !lotId;
  useSectionTitle(creating ? 'Add a lot' : `Change lot ${lot?.number ?? ''}`, p, hasErrors(errors));
  const create = useMutation(trpc.lot.create.mutationOptions());
  const formKey = useFormKey();
  const update = useMutation(trpc.lot.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const fixed = !isBeforePublication(p);

  if (lotId && !lot) return <p className="govuk-body">There is no such lot in this procurement.</p>;
  if (!p.canEdit || isFinal(p) || (creating && fixed)) return <ReadOnlyNotice p={p} what={creating ? 'the lots' : 'this lot'} />;

  const set = <K extends keyof LotFields>(key: K, value: string) => setFields((f) => ({ ...f, [key]: value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const problems: ClientError[] = [];
    const number = numberOrNull(fields.number, 'number', 'Enter the lot number as a whole number, like 3', problems, true);
    const estimatedVolume = numberOrNull(fields.estimatedVolume, 'estimatedVolume', 'Enter the estimated volume as a number, like 94', problems, false);
    const expectedProviders = numberOrNull(fields.expectedProviders, 'expectedProviders', 'Enter the expected number of providers as a whole number, like 3', problems, true);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    const common = {
      name: fields.name,
      description: fields.description.trim() ? fields.description : null,
      estimatedVolume,
      volumeUnit: (fields.volumeUnit || null) as (typeof VOLUME_UNITS)[number] | null,
      expectedProviders,
    };
    try {
      if (creating) {
        await create.mutateAsync({ procurementId: p.id, idempotencyKey: formKey.key, ...(number !== null && { number }), basis: fields.basis as (typeof LOT_BASES)[number], ...common });
      } else {
        await update.mutateAsync({
          lotId: lot!.id,
          version: lot!.rowVersion,
          ...(!fixed && number !== null && { number }),
          ...(!fixed && { basis: fields.basis as (typeof LOT_BASES)[number] }),
          ...common,
        });
      }
      await refreshProcurements();
      navigate(`/procurements/${p.id}/lots`);
    } catch (error) {
      setErrors(apiFormErrors(error, FIELD_IDS));
    }
  }

  return (
    <div className="govuk-grid-row">
      <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        <h2 className="govuk-heading-m">{creating ? 'Add a lot' : `Change lot ${lot!.number}`}</h2>
        {fixed ? (
          <p className="govuk-body">
            Lot {lot!.number} is divided by {label(LOT_BASIS_LABELS, lot!.basis).toLowerCase()}. Its number and basis were fixed when the procurement was
            published.
          </p>
        ) : (
          <>
            <TextInput
              id="number"
              name="number"
              label={creating ? 'Lot number (optional)' : 'Lot number'}
              hint={creating ? 'Leave blank for the next number.' : undefined}
              inputMode="numeric"
              className="govuk-input--width-3"
              value={fields.number}
              onChange={(e) => set('number', e.target.value)}
              error={errors.fields.number}
            />
          </>
        )}
        <TextInput id="name" name="name" label="Name" hint="For example, Sefton; or Highly complex: north." value={fields.name} onChange={(e) => set('name', e.target.value)} error={errors.fields.name} />
        {!fixed && (
          <Radios
            name="basis"
            legend="What is the lot based on?"
            legendSize="s"
            small
            options={LOT_BASES.map((b) => ({ value: b, label: LOT_BASIS_LABELS[b] }))}
            value={fields.basis}
            onChange={(v) => set('basis', v)}
            error={errors.fields.basis}
          />
        )}
        <Textarea id="description" name="description" label="Description (optional)" rows={3} value={fields.description} onChange={(e) => set('description', e.target.value)} error={errors.fields.description} />
        <TextInput
          id="estimatedVolume"
          name="estimatedVolume"
          label="Estimated volume (optional)"
          inputMode="decimal"
          className="govuk-input--width-5"
          value={fields.estimatedVolume}
          onChange={(e) => set('estimatedVolume', e.target.value)}
          error={errors.fields.estimatedVolume}
        />
        <Radios
          name="volumeUnit"
          legend="The volume is in"
          legendSize="s"
          small
          inline
          options={VOLUME_UNITS.map((u) => ({ value: u, label: VOLUME_UNIT_LABELS[u].charAt(0).toUpperCase() + VOLUME_UNIT_LABELS[u].slice(1) }))}
          value={fields.volumeUnit}
          onChange={(v) => set('volumeUnit', v)}
          error={errors.fields.volumeUnit}
        />
        <TextInput
          id="expectedProviders"
          name="expectedProviders"
          label="Expected number of providers (optional)"
          inputMode="numeric"
          className="govuk-input--width-3"
          value={fields.expectedProviders}
          onChange={(e) => set('expectedProviders', e.target.value)}
          error={errors.fields.expectedProviders}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
            {creating ? 'Add lot' : 'Save lot'}
          </button>
          <Link className="govuk-link" to={`/procurements/${p.id}/lots`}>
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
