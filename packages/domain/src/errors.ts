/**
 * A rule of the domain said no. The API turns `kind` into the matching HTTP-level error, so domain code
 * never imports the transport. `field` names the input that is wrong, where one is.
 */
export type DomainErrorKind = 'BAD_REQUEST' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'UNAUTHORIZED' | 'TOO_MANY_REQUESTS';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
    /** Several problems at once, by field (e.g. a CSV import's rows.3.start_date): sent as the field errors. */
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const badRequest = (message: string, field?: string) => new DomainError('BAD_REQUEST', message, field);
