import { formatPence, RATE_UNITS, RATE_UNIT_LABELS, type RateUnit } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DateInput, EMPTY_DATE, type DateParts } from '../../components/DateInput.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { useFormKey } from '../../components/useFormKey.ts';
import { Select } from '../../components/Select.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { trpc } from '../../trpc.ts';
import { decisionFieldIds, DecisionFields, decisionOf, EMPTY_DECISION, type DecisionValues } from './DecisionFields.tsx';
import { dateOf, poundsOf, textOf } from './formFields.ts';
import { FormDetails } from './FormDetails.tsx';
import { refreshContracts, type Contract } from './shared.tsx';

interface RateRow {
  band: string;
  unit: string;
  /** The rate it replaces, shown beside the box (none for a new band). */
  currentPence: number | null;
  rate: string;
}

const NEW_ROW: RateRow = { band: '', unit: 'hour', currentPence: null, rate: '' };

/** The latest rate of each band and unit on the card: the rows a rate change starts from. */
function currentRows(rates: Contract['rates']): RateRow[] {
  const rows: RateRow[] = [];
  for (const r of rates) {
    if (rows.some((row) => row.band === r.band && row.unit === r.unit)) continue; // rates come newest first
    rows.push({ band: r.band, unit: r.unit, currentPence: r.ratePence, rate: '' });
  }
  return rows.length ? rows : [NEW_ROW];
}

const P = 'rate-';

/**
 * A rate change: the new rate for each band from the date it takes effect, the new annual value and the
 * decision. Recorded as a price change variation; the new rates join the rate card, the old ones stay as history.
 */
export function RateChangeForm({ contract: c, onDone }: { contract: Contract; onDone: (notice: string) => void }) {
  const [rows, setRows] = useState<RateRow[]>(() => currentRows(c.rates));
  const [effective, setEffective] = useState<DateParts>(EMPTY_DATE);
  const [newAnnual, setNewAnnual] = useState('');
  const [decision, setDecision] = useState<DecisionValues>(EMPTY_DECISION);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [sent, setSent] = useState<number[]>([]);
  const formKey = useFormKey();
  const setRow = (i: number, patch: Partial<RateRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const change = useMutation({
    ...trpc.contract.addVariation.mutationOptions(),
    onSuccess: async (result) => {
      await refreshContracts();
      formKey.renew();
      setErrors(NO_ERRORS);
      setEffective(EMPTY_DATE);
      setNewAnnual('');
      setDecision(EMPTY_DECISION);
      setRows((rows) => rows.map((r) => ({ ...r, rate: '' })));
      onDone(`Rate change recorded: ${result.valueChangePence < 0 ? `${formatPence(-result.valueChangePence)} less` : `${formatPence(result.valueChangePence)} more`} over the rest of the contract.`);
    },
    onError: (error) => {
      const ids: Record<string, string> = { effectiveOn: `${P}effectiveOn-day`, newAnnualValuePence: `${P}newAnnualValue`, rates: `${P}0-rate`, ...decisionFieldIds(P) };
      // The API counts the rates sent; the page's rows include those left unchanged.
      sent.forEach((row, i) => {
        ids[`rates.${i}`] = `${P}${row}-rate`;
        // A current band is shown as text, not a box: its problems go to its rate.
        const isNew = rows[row]?.currentPence === null;
        ids[`rates.${i}.band`] = `${P}${row}-${isNew ? 'band' : 'rate'}`;
        ids[`rates.${i}.unit`] = `${P}${row}-${isNew ? 'unit' : 'rate'}`;
        ids[`rates.${i}.ratePence`] = `${P}${row}-rate`;
      });
      setErrors(apiFormErrors(error, ids));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (change.isPending) return;
    const problems: ClientError[] = [];
    const effectiveOn = dateOf(effective, `${P}effectiveOn-day`, 'the date the new rates apply from', problems);
    // A current band left blank keeps its rate; a new row needs its band and rate.
    const changed = rows.flatMap((r, i) => (r.rate.trim() || (r.currentPence === null && r.band.trim()) ? [i] : []));
    if (changed.length === 0) problems.push({ id: `${P}0-rate`, text: 'Enter at least one new rate' });
    const rates = changed.map((i) => {
      const r = rows[i]!;
      const band = textOf(r.band, `${P}${i}-band`, `the band of rate ${i + 1}`, problems);
      const ratePence = poundsOf(r.rate, `${P}${i}-rate`, `the new ${band || `rate ${i + 1}`} rate`, problems);
      return { band, unit: r.unit as RateUnit, ratePence: ratePence ?? 0 };
    });
    setSent(changed);
    const newAnnualValuePence = poundsOf(newAnnual, `${P}newAnnualValue`, 'the new annual value', problems);
    const decided = decisionOf(decision, problems, P);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    change.mutate({ contractId: c.id, version: c.rowVersion, kind: 'price_change', effectiveOn: effectiveOn!, newAnnualValuePence: newAnnualValuePence!, rates, ...decided, idempotencyKey: formKey.key });
  };

  return (
    <FormDetails summary="Record a rate change" testId="rate-change-form" errors={errors} onSubmit={submit}>
      <DateInput id={`${P}effectiveOn`} legend="Date the new rates apply from" legendSize="s" hint="For example, 1 4 2025" value={effective} onChange={setEffective} error={errors.fields[`${P}effectiveOn-day`]} />
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">New rates by band</legend>
        <p className="govuk-hint">Leave a rate blank to keep it as it is. The current rates stay on the rate card as history.</p>
        {rows.map((r, i) =>
          r.currentPence !== null ? (
            <TextInput
              key={i}
              id={`${P}${i}-rate`}
              name={`${P}${i}-rate`}
              label={`${r.band}, ${RATE_UNIT_LABELS[r.unit as RateUnit] ?? r.unit}`}
              hint={`Now ${formatPence(r.currentPence)}`}
              prefix="£"
              inputMode="decimal"
              className="govuk-input--width-5"
              value={r.rate}
              onChange={(e) => setRow(i, { rate: e.target.value })}
              error={errors.fields[`${P}${i}-rate`]}
              data-testid="rate-change-current"
            />
          ) : (
            <div className="concord-rate-row" key={i} data-testid="rate-change-new">
              <TextInput id={`${P}${i}-band`} name={`${P}${i}-band`} label="New band" className="govuk-input--width-20" value={r.band} onChange={(e) => setRow(i, { band: e.target.value })} error={errors.fields[`${P}${i}-band`]} />
              <Select
                id={`${P}${i}-unit`}
                name={`${P}${i}-unit`}
                label="Unit"
                options={RATE_UNITS.map((u) => ({ value: u, label: RATE_UNIT_LABELS[u] }))}
                value={r.unit}
                onChange={(unit) => setRow(i, { unit })}
                error={errors.fields[`${P}${i}-unit`]}
              />
              <TextInput
                id={`${P}${i}-rate`}
                name={`${P}${i}-rate`}
                label="Rate"
                prefix="£"
                inputMode="decimal"
                className="govuk-input--width-5"
                value={r.rate}
                onChange={(e) => setRow(i, { rate: e.target.value })}
                error={errors.fields[`${P}${i}-rate`]}
              />
              {rows.length > 1 && (
                <button type="button" className="govuk-button govuk-button--secondary concord-rate-row__remove" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  Remove<span className="govuk-visually-hidden"> the new band {r.band || `on row ${i + 1}`}</span>
                </button>
              )}
            </div>
          ),
        )}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRows([...rows, NEW_ROW])}>
          Add a new band
        </button>
      </fieldset>
      <TextInput
        id={`${P}newAnnualValue`}
        name={`${P}newAnnualValue`}
        label="New annual value"
        hint={`What the contract costs a year at the new rates (now ${formatPence(c.annualValuePence)}). Concord adds the difference for the days left to the total value.`}
        prefix="£"
        inputMode="decimal"
        className="govuk-input--width-10"
        value={newAnnual}
        onChange={(e) => setNewAnnual(e.target.value)}
        error={errors.fields[`${P}newAnnualValue`]}
      />
      <DecisionFields prefix={P} values={decision} onChange={setDecision} errors={errors.fields} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={change.isPending}>
        Record rate change
      </button>
    </FormDetails>
  );
}
