import { SERVICE_TYPE_LABELS, type ServiceType } from '../procurement/labels.ts';

/** A derived KPI's figure with its working (issue 6), whichever records it was worked out from. */
export interface DerivedFigure {
  /** Null when there is no figure; `reason` says why. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Plain-English lines: how the figure was worked out, from which rows. */
  working: string[];
  reason: string | null;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
export const serviceLabel = (serviceType: string) => SERVICE_TYPE_LABELS[serviceType as ServiceType] ?? serviceType.replace(/_/g, ' ');
export const percent = (numerator: number, denominator: number) => (numerator / denominator) * 100;
export const onePlace = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 1 });

export const noFigure = (reason: string, working: string[], numerator: number | null = null, denominator: number | null = null): DerivedFigure => ({
  value: null,
  numerator,
  denominator,
  working: [...working, reason],
  reason,
});
