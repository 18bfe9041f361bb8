import { expect } from 'vitest';
import { DomainError } from '../../src/errors.ts';

/** The call must throw a BAD_REQUEST DomainError naming `field`. */
export function expectBadRequest(fn: () => unknown, field: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).kind).toBe('BAD_REQUEST');
  expect((caught as DomainError).field).toBe(field);
}
