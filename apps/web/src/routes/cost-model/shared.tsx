import { COST_MODEL_KIND_LABELS, formatPence, type CostModelResult, type ModelRate } from '@concord/domain';
import { SubNavigation } from '../../components/SubNavigation.tsx';
import { Tag } from '../../components/Tag.tsx';
import { formatNumber } from '../../format.ts';
import { label, SPECIFICATION_STATUS_COLOURS, SPECIFICATION_STATUS_LABELS } from '../../labels.ts';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

export type CostModel = RouterOutputs['costModel']['get'];
export type CostModelSummary = RouterOutputs['costModel']['list'][number];
export type CostModelVersion = CostModel['versions'][number];

export const kindLabel = (kind: string) => label(COST_MODEL_KIND_LABELS, kind);

/** Service types, in the words the rates pages use (the same four codes as the model kinds). */
export const SERVICE_TYPE_OPTIONS = [
  { value: 'home_care', label: 'Home care' },
  { value: 'supported_living', label: 'Supported living' },
  { value: 'shared_lives', label: 'Shared Lives' },
  { value: 'extra_care', label: 'Extra Care' },
];
export const serviceTypeLabel = (code: string) => SERVICE_TYPE_OPTIONS.find((o) => o.value === code)?.label ?? label({}, code);

export const UNIT_OPTIONS = [
  { value: 'week', label: 'A week' },
  { value: 'hour', label: 'An hour' },
  { value: 'night', label: 'A night' },
];
/** "a week", "an hour", "a night" */
export const perUnit = (unit: string) => (unit === 'hour' ? 'an hour' : `a ${unit}`);
/** "£245.00 a week" */
export const rateText = (pence: number, unit: string) => `${formatPence(pence)} ${perUnit(unit)}`;

/** "+2.8%", "−12.3%", "0%" (a real minus sign, read as "minus"). */
export function signedPercent(percent: number): string {
  if (percent === 0) return '0%';
  return `${percent > 0 ? '+' : '−'}${formatNumber(Math.abs(percent))}%`;
}
/** "+£2.06", "−£14.30" */
export function signedPence(pence: number): string {
  if (pence === 0) return '£0.00';
  return `${pence > 0 ? '+' : '−'}${formatPence(Math.abs(pence))}`;
}

export function StatusTag({ status }: { status: string }) {
  return (
    <Tag colour={SPECIFICATION_STATUS_COLOURS[status] ?? 'grey'} testId="version-status">
      {label(SPECIFICATION_STATUS_LABELS, status)}
    </Tag>
  );
}

/** The sections of the cost-of-care area, under each page's heading. */
export function CostOfCareNavigation() {
  return (
    <SubNavigation
      label="Cost of care"
      items={[
        { label: 'Cost models', href: '/cost-models' },
        { label: 'Fair cost exercises', href: '/fair-cost' },
        { label: 'My rates', href: '/rates', exact: true },
        { label: 'Compare rates', href: '/rates/compare' },
        { label: 'Uplift scenario', href: '/rates/scenario' },
      ]}
    />
  );
}

/** After a change: every cost model, exercise and rate shown is read again. */
export async function refreshCostOfCare(): Promise<void> {
  await refreshAfterChange(trpc.costModel.pathKey(), trpc.fairCost.pathKey(), trpc.rate.pathKey());
}

/** One model rate's build-up: every line (what, how worked out, amount) and the total. */
export function BreakdownTable({ rate, unit, caption }: { rate: ModelRate; unit: string; caption?: string }) {
  return (
    <div className="concord-table-scroll" role="region" aria-label={caption ?? `Build-up of ${rate.band}`} tabIndex={0}>
      <table className="govuk-table concord-breakdown" data-testid="breakdown">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption ?? rate.band}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header govuk-!-width-one-third">
              Line
            </th>
            <th scope="col" className="govuk-table__header">
              How it is worked out
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Amount
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rate.lines.map((line, i) => (
            <tr className="govuk-table__row" key={i} data-testid="breakdown-line">
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                {line.label}
              </th>
              <td className="govuk-table__cell">{line.basis}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(line.pence)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="govuk-table__row concord-breakdown__total">
            <th scope="row" className="govuk-table__header" colSpan={2}>
              Rate {perUnit(unit)}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold" data-testid="breakdown-total">
              {formatPence(rate.ratePence)}
            </td>
          </tr>
          {rate.annualPence !== undefined && (
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular" colSpan={2}>
                A year{rate.units !== undefined ? ' (52 weeks)' : ', per placement'}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(rate.annualPence)}</td>
            </tr>
          )}
          {rate.perUnitWeeklyPence !== undefined && (
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular" colSpan={2}>
                A week per unit ({formatNumber(rate.units ?? 0)} units)
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(rate.perUnitWeeklyPence)}</td>
            </tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}

/** Supported living: "Complex, 5 people" → band and scheme size, for the bands × sizes table. */
function splitBand(band: string): { name: string; size: number } | null {
  const m = /^(.*), (\d+) (?:person|people)$/.exec(band);
  return m ? { name: m[1]!, size: Number(m[2]) } : null;
}

/** Every rate a model produces, each with its full build-up; supported living also as a bands × scheme sizes table. */
export function ModelRates({ result, live = false }: { result: CostModelResult; live?: boolean }) {
  const unit = result.unit;
  if (result.kind === 'supported_living') {
    const cells = result.rates.map((r) => ({ rate: r, ...splitBand(r.band)! }));
    const names = [...new Set(cells.map((c) => c.name))];
    const sizes = [...new Set(cells.map((c) => c.size))];
    return (
      <>
        <div className="concord-table-scroll" role="region" aria-label="Weekly rates by band and scheme size" tabIndex={0}>
          <table className="govuk-table" data-testid="rate-grid">
            <caption className="govuk-table__caption govuk-table__caption--s">Weekly rate per person, by complexity band and scheme size</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Band
                </th>
                {sizes.map((s) => (
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={s}>
                    {s} {s === 1 ? 'person' : 'people'} sharing
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {names.map((n) => (
                <tr className="govuk-table__row" key={n}>
                  <th scope="row" className="govuk-table__header">
                    {n}
                  </th>
                  {sizes.map((s) => {
                    const c = cells.find((x) => x.name === n && x.size === s);
                    return (
                      <td className="govuk-table__cell govuk-table__cell--numeric" key={s}>
                        {c ? formatPence(c.rate.ratePence) : '–'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <details className="govuk-details" open={live}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">How each rate is built up ({result.rates.length} rates)</span>
          </summary>
          <div className="govuk-details__text">
            {result.rates.map((r) => (
              <BreakdownTable key={r.band} rate={r} unit={unit} />
            ))}
          </div>
        </details>
      </>
    );
  }
  return (
    <>
      {result.rates.map((r) => (
        <BreakdownTable key={r.band} rate={r} unit={unit} />
      ))}
    </>
  );
}
