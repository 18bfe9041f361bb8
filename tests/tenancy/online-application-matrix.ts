/**
 * Provider-facing procedures of online applications (issue 11, item 3) for provider-matrix.ts: actors signedOut,
 * commissioner, platformAdmin, provider (A), otherProvider (B), unverifiedProvider (C). Targets are A's. An
 * organisation not yet verified may apply (the lead verifies it before admitting it).
 */
type Cell = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
const providers = (provider: Cell, otherProvider: Cell, unverifiedProvider: Cell) => ({
  signedOut: 'UNAUTHORIZED' as const,
  commissioner: 'FORBIDDEN' as const,
  platformAdmin: 'FORBIDDEN' as const,
  provider,
  otherProvider,
  unverifiedProvider,
});
const EVERY_ORGANISATION = providers('ok', 'ok', 'ok');
const A_ONLY = providers('ok', 'NOT_FOUND', 'NOT_FOUND');

export const ONLINE_APPLICATION_MATRIX = {
  'opportunity.list': EVERY_ORGANISATION,
  'opportunity.get': EVERY_ORGANISATION,
  'opportunity.ask': EVERY_ORGANISATION,
  'myApplication.list': EVERY_ORGANISATION,
  'myApplication.start': EVERY_ORGANISATION,
  'myApplication.get': A_ONLY,
  'myApplication.save': A_ONLY,
  'myApplication.submit': A_ONLY,
  'myApplication.discard': A_ONLY,
};
