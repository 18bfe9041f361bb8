import { longDate } from '../date-text.ts';
import { badRequest } from '../errors.ts';
import { formatPence } from '../money.ts';
import { assertIsoDate } from '../procurement/dates.ts';
import { PROCUREMENT_ACT_COMMENCEMENT } from './regime.ts';

/**
 * The threshold amounts of the Procurement Act 2023, Schedule 1, as dated configuration: a contract whose
 * estimated value (including VAT, s.4) is not less than its type's threshold is a public contract (s.3). The
 * kinds are the rows of the Schedule's table, in its order. Amounts are whole pounds in the Schedule, held here in
 * pence like all money in Concord.
 *
 * Which edition applies is decided by the day the procurement begins: a revision applies to procurements begun
 * on or after its date (the Cabinet Office's PPN 023 on the 2026 amounts says so; Concord applies the same rule to
 * the first edition).
 */
export const THRESHOLD_KINDS = [
  'defence_and_security_works',
  'defence_and_security_concession',
  'defence_and_security_other',
  'utilities_works',
  'utilities_light_touch',
  'utilities_other',
  'light_touch_concession',
  'light_touch',
  'concession',
  'works',
  'central_government_goods_services',
  'sub_central_government_goods_services',
] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];

export const THRESHOLD_KIND_LABELS: Record<ThresholdKind, string> = {
  defence_and_security_works: 'Defence and security contract for works',
  defence_and_security_concession: 'Defence and security concession contract',
  defence_and_security_other: 'Other defence and security contract',
  utilities_works: 'Utilities contract for works',
  utilities_light_touch: 'Utilities light touch contract',
  utilities_other: 'Other utilities contract',
  light_touch_concession: 'Light touch concession contract',
  light_touch: 'Light touch contract, such as adult social care',
  concession: 'Concession contract',
  works: 'Works contract',
  central_government_goods_services: 'Goods or services for a central government authority',
  sub_central_government_goods_services: 'Goods or services for a sub-central authority, such as a council',
};

export interface ThresholdEdition {
  /** The first day of procurements this edition applies to. */
  readonly from: string;
  /** The instrument that set the amounts, and where to read them. */
  readonly source: string;
  readonly amountsPence: Readonly<Record<ThresholdKind, number>>;
}

const pounds = (whole: number) => whole * 100;

/** Oldest first; each applies until the next one's `from`. */
export const PROCUREMENT_ACT_THRESHOLDS: readonly ThresholdEdition[] = [
  {
    from: PROCUREMENT_ACT_COMMENCEMENT,
    source:
      'Procurement Act 2023, Schedule 1, as amended by S.I. 2025/163, in force when the Act commenced (https://www.legislation.gov.uk/ukpga/2023/54/schedule/1)',
    amountsPence: {
      defence_and_security_works: pounds(5_372_609),
      defence_and_security_concession: pounds(5_372_609),
      defence_and_security_other: pounds(429_809),
      utilities_works: pounds(5_372_609),
      utilities_light_touch: pounds(884_720),
      utilities_other: pounds(429_809),
      light_touch_concession: pounds(5_372_609),
      light_touch: pounds(663_540),
      concession: pounds(5_372_609),
      works: pounds(5_372_609),
      central_government_goods_services: pounds(139_688),
      sub_central_government_goods_services: pounds(214_904),
    },
  },
  {
    from: '2026-01-01',
    source:
      'The Procurement Act 2023 (Threshold Amounts) (Amendment) Regulations 2025, S.I. 2025/1200, column "any other contract" (contracts not regulated by the Welsh Ministers); PPN 023: 2026 threshold amounts',
    amountsPence: {
      defence_and_security_works: pounds(5_193_000),
      // Row 2 follows row 9 (Schedule 1, paragraph 2(c)).
      defence_and_security_concession: pounds(5_193_000),
      defence_and_security_other: pounds(415_440),
      utilities_works: pounds(5_193_000),
      utilities_light_touch: pounds(884_720),
      utilities_other: pounds(415_440),
      light_touch_concession: pounds(5_372_609),
      light_touch: pounds(663_540),
      concession: pounds(5_193_000),
      works: pounds(5_193_000),
      central_government_goods_services: pounds(135_018),
      sub_central_government_goods_services: pounds(207_720),
    },
  },
];

export interface Threshold {
  readonly kind: ThresholdKind;
  readonly pence: number;
  /** The edition's first day and source. */
  readonly from: string;
  readonly source: string;
}

/** The threshold for a contract of `kind` in a procurement begun on `on`. Refuses a day before the Act. */
export function thresholdFor(kind: ThresholdKind, on: string, editions: readonly ThresholdEdition[] = PROCUREMENT_ACT_THRESHOLDS): Threshold {
  assertIsoDate(on, 'the day the procurement began');
  const edition = editions.filter((e) => e.from <= on).at(-1);
  if (!edition) {
    throw badRequest(`The Procurement Act 2023 thresholds apply from ${longDate(PROCUREMENT_ACT_COMMENCEMENT)}; a procurement begun on ${longDate(on)} follows the Public Contracts Regulations 2015`, 'startedOn');
  }
  return { kind, pence: edition.amountsPence[kind], from: edition.from, source: edition.source };
}

export interface ThresholdTest {
  readonly threshold: Threshold;
  /** Whether the estimated value is not less than the threshold (a public contract under s.3). */
  readonly meets: boolean;
  /** In words, with both figures in pounds. */
  readonly explanation: string;
}

/** Whether an estimated value (pence, including VAT) reaches the threshold for its kind. */
export function meetsThreshold(estimatedValuePence: number, kind: ThresholdKind, on: string): ThresholdTest {
  if (!Number.isSafeInteger(estimatedValuePence) || estimatedValuePence < 0) throw badRequest('The estimated value must be whole pence and not negative', 'estimatedValuePence');
  const threshold = thresholdFor(kind, on);
  const meets = estimatedValuePence >= threshold.pence;
  const explanation = `${formatPence(estimatedValuePence)} is ${meets ? 'at or above' : 'below'} the ${formatPence(threshold.pence, { whole: true })} threshold for a ${THRESHOLD_KIND_LABELS[kind].charAt(0).toLowerCase()}${THRESHOLD_KIND_LABELS[kind].slice(1)} (from ${longDate(threshold.from)}).`;
  return { threshold, meets, explanation };
}
