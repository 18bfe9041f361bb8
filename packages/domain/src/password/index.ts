// The rules and the inputs that use them carry the common-password list: import them from
// '@concord/domain/password'. The index exports only the hint, for the web app.
export * from './hint.ts';
