import { Radios } from '../../components/Radios.tsx';

/** The readings of an uplift's extra paid weeks (the domain's upliftImpact options): the budgets calculator and the business case offer the same. */
export type PartYearReading = 'pro_rata' | 'whole';
export type ExtraWeeksAt = 'new_rate' | 'current_rate';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Start months in financial-year order (April first). */
export const UPLIFT_MONTH_OPTIONS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].map((m) => ({ value: String(m), label: MONTHS[m - 1]! }));

export function UpliftReadings({
  inPartYear,
  onInPartYear,
  weeksAt,
  onWeeksAt,
  idPrefix = '',
}: {
  inPartYear: PartYearReading;
  onInPartYear: (v: PartYearReading) => void;
  weeksAt: ExtraWeeksAt;
  onWeeksAt: (v: ExtraWeeksAt) => void;
  /** Prefixes the inputs' names where two forms could share a page. */
  idPrefix?: string;
}) {
  return (
    <>
      <Radios
        name={`${idPrefix}extraWeeksInPartYear`}
        legend="Extra weeks in a part year"
        legendSize="s"
        small
        value={inPartYear}
        onChange={(v) => onInPartYear(v as PartYearReading)}
        options={[
          { value: 'pro_rata', label: 'Pro rata to the months left', hint: '1 extra week a year from October costs half a week by March' },
          { value: 'whole', label: 'The whole entitlement this year', hint: 'Every extra week is paid before the year ends' },
        ]}
      />
      <Radios
        name={`${idPrefix}extraWeeksAt`}
        legend="Extra weeks are paid at"
        legendSize="s"
        small
        value={weeksAt}
        onChange={(v) => onWeeksAt(v as ExtraWeeksAt)}
        options={[
          { value: 'new_rate', label: 'The new rate, after the rise' },
          { value: 'current_rate', label: 'The current rate, before the rise' },
        ]}
      />
    </>
  );
}
