import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { APPROVED_LIST_STATUSES, LIST_CHANGE_RECORDED, LIST_CHANGES, listChangeInput, nextListStatus } from '../../src/procurement/index.ts';

function outcome(...args: Parameters<typeof nextListStatus>): string {
  try {
    return nextListStatus(...args);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'BAD_REQUEST', field: 'action' });
    return `refused: ${(error as Error).message}`;
  }
}

describe('approved list changes', () => {
  it('every status × action', () => {
    const table = Object.fromEntries(APPROVED_LIST_STATUSES.flatMap((status) => LIST_CHANGES.map((action) => [`${status} ${action}`, outcome(status, action)])));
    expect(table).toEqual({
      'active suspend': 'suspended',
      'active reinstate': 'refused: Only a suspended provider can be reinstated; this provider is active',
      'active remove': 'removed',
      'suspended suspend': 'refused: This provider is already suspended',
      'suspended reinstate': 'active',
      'suspended remove': 'removed',
      'removed suspend': 'refused: A removed provider cannot be suspended: removal is final',
      'removed reinstate': 'refused: Only a suspended provider can be reinstated; a removed provider must apply again',
      'removed remove': 'refused: This provider has already been removed from the list',
    });
  });

  it('records each change in the history’s words', () => {
    expect(LIST_CHANGE_RECORDED).toEqual({ suspend: 'suspended', reinstate: 'reinstated', remove: 'removed' });
  });
});

describe('list change input', () => {
  const valid = { entryId: '3f9a2b1c-8d7e-4f6a-9b5c-4d3e2f1a0b9c', action: 'suspend', reason: 'CQC rated the service Inadequate', effectiveOn: '2024-05-01' };
  const message = (over: object) => listChangeInput.safeParse({ ...valid, ...over }).error?.issues[0]?.message;

  it('takes a reasoned, dated change', () => {
    expect(listChangeInput.parse(valid)).toEqual(valid);
  });

  it('explains what is missing', () => {
    expect(message({ reason: '  ' })).toBe('Enter the reason');
    expect(message({ effectiveOn: '2024-02-30' })).toBe('Enter a real date, for example 2018-09-01');
    expect(message({ action: 'delete' })).toBe('Choose suspend, reinstate or remove');
    expect(listChangeInput.safeParse({ ...valid, entryId: 'entry-1' }).success).toBe(false);
  });
});
