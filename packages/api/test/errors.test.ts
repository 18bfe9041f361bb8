import { describe, expect, it } from 'vitest';
import { toTRPCError } from '../src/errors.ts';

describe('the error mapping (issue 12): whatever still reaches the database as a bad value is a 400', () => {
  it('a class 22 data exception is BAD_REQUEST naming the column; a RangeError from arithmetic too; other errors stay internal', () => {
    const outOfRange = Object.assign(new Error('value "2147483648" is out of range for type integer'), { code: '22003', column: 'term_months' });
    const mapped = toTRPCError(outOfRange);
    expect(mapped.code).toBe('BAD_REQUEST');
    expect(mapped.message).toBe('That value cannot be stored: the number is too large (term_months)');
    expect(toTRPCError(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' })).message).toBe(
      'That value cannot be stored: the text has characters that cannot be stored',
    );
    expect(toTRPCError(new RangeError('divideHalfUp needs whole numbers')).code).toBe('BAD_REQUEST');
    expect(toTRPCError(Object.assign(new Error('deadlock'), { code: '40P01' })).code).toBe('INTERNAL_SERVER_ERROR');
    expect(toTRPCError(Object.assign(new Error('dup'), { code: '23505' })).code).toBe('CONFLICT');
  });
});

