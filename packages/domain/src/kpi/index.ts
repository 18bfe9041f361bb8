export {
  KPI_DERIVATIONS,
  KPI_DERIVATION_RULES,
  SOURCING_TARGET_WORKING_DAYS,
  deriveKpi,
  isOpenOn,
  meanPenceHalfUp,
  type DerivationContract,
  type DerivationInput,
  type DerivationPlacement,
  type DerivationProvider,
  type DerivedFigure,
  type KpiDerivation,
} from './derive.ts';
export { deriveFromMonitoring, isMonitoredDerivation, MONITORED_DERIVATIONS, type MonitoredDerivation, type MonitoringTotals } from './monitored.ts';
export { isWeekday, workingDaysBetween } from './working-days.ts';
export { RETURNS_WINDOW_MAX_YEARS, RETURNS_WINDOW_MONTHS_AHEAD, RETURNS_WINDOW_MONTHS_BACK, returnsWindow, returnsWindowProblem, type ReturnsWindow } from './returns-window.ts';
