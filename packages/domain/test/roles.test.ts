import { describe, expect, it } from 'vitest';
import { aRole, roleRefusal } from '../src/roles.ts';

describe('a refusal names the roles in words (issue 13)', () => {
  it('says which roles may, and which the person holds', () => {
    expect(roleRefusal(['commissioner', 'contract_officer'], ['viewer'])).toBe('Only a commissioner or a contract officer can do this. You are signed in as a viewer.');
    expect(roleRefusal(['commissioner', 'finance', 'authority_admin'], ['viewer', 'contract_officer'])).toBe(
      'Only a commissioner, a finance officer or an authority administrator can do this. You are signed in as a viewer and a contract officer.',
    );
    expect(roleRefusal(['commissioner'], [])).toBe('Only a commissioner can do this. Your account has no role in this authority.');
    expect(roleRefusal(['commissioner', 'finance'], ['viewer'], 'record rates')).toBe('Only a commissioner or a finance officer can record rates. You are signed in as a viewer.');
  });
  it('never shows a code', () => {
    expect(roleRefusal(['contract_officer', 'authority_admin'], ['finance'])).not.toMatch(/_/);
    expect(aRole('authority_admin')).toBe('an authority administrator');
    expect(aRole('lead_commissioner')).toBe('a lead commissioner');
  });
});
