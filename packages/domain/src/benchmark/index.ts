export { KPI_DIRECTIONS, type KpiDirection } from './kpi-direction.ts';
export { PER_HUNDRED_THOUSAND, pencePerHead, perHundredThousand, populationRate, type Population, type Rate } from './rates.ts';
export { median, quantile, quartiles, rank, type Quartiles, type Ranked } from './quartiles.ts';
export {
  Z_95,
  Z_99_8,
  funnelPlot,
  funnelCurve,
  funnelLimitsAt,
  proportionFunnel,
  rateFunnel,
  type Funnel,
  type FunnelCurvePoint,
  type FunnelLimits,
  type FunnelMeasure,
  type FunnelPoint,
  type FunnelPosition,
  type FunnelUnit,
} from './funnel.ts';
export {
  D2,
  SPC_RECOMMENDED_POINTS,
  SPC_RUN_LENGTH,
  SPC_TREND_LENGTH,
  XMR_LIMIT_FACTOR,
  classifySpcPoint,
  xmrChart,
  type SpcPoint,
  type SpcVariation,
  type SpecialCauseFlag,
  type SpecialCauseRule,
  type SpecialCauseSide,
  type XmrChart,
} from './spc.ts';
export {
  DEFAULT_SUPPRESSION_THRESHOLD,
  SUPPRESSED,
  suppress,
  type CountCell,
  type PublishedCell,
  type Suppressed,
  type Suppression,
  type SuppressionReason,
} from './suppression.ts';
export {
  countCellInput,
  funnelCurveInput,
  funnelInput,
  funnelMeasure,
  funnelUnitInput,
  kpiDirection,
  populationInput,
  quartilesInput,
  rankInput,
  rateInput,
  spcInput,
  suppressionInput,
} from './schemas.ts';
