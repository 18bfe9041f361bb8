import { describe, expect, it } from 'vitest';
import { expiryStatus, fileSizeText, isProviderDocumentType, replaceDocumentInput, uploadDocumentInput } from '../src/provider-documents/index.ts';

describe('provider documents (issue 11, item 2)', () => {
  it('says where a certificate stands, in days from today', () => {
    expect(expiryStatus(null, '2026-12-06')).toEqual({ state: 'current', daysLeft: null, text: null });
    expect(expiryStatus('2026-12-05', '2026-12-06')).toEqual({ state: 'expired', daysLeft: -1, text: 'Expired' });
    expect(expiryStatus('2026-12-06', '2026-12-06')).toEqual({ state: 'expiring', daysLeft: 0, text: 'Expires today' });
    expect(expiryStatus('2026-12-07', '2026-12-06')).toEqual({ state: 'expiring', daysLeft: 1, text: 'Expires in 1 day' });
    expect(expiryStatus('2027-01-05', '2026-12-06')).toEqual({ state: 'expiring', daysLeft: 30, text: 'Expires in 30 days' });
    expect(expiryStatus('2027-01-06', '2026-12-06')).toEqual({ state: 'current', daysLeft: 31, text: null });
    // Across the clocks going forward (29 March 2026): still whole days.
    expect(expiryStatus('2026-04-01', '2026-03-28').daysLeft).toBe(4);
  });

  it('says sizes in bytes, KB and MB', () => {
    expect(fileSizeText(900)).toBe('900 bytes');
    expect(fileSizeText(2048)).toBe('2 KB');
    expect(fileSizeText(2.45 * 1024 * 1024)).toBe('2.5 MB');
  });

  it('takes only the five types', () => {
    expect(['application/pdf', 'image/png', 'image/jpeg'].every(isProviderDocumentType)).toBe(true);
    expect(['text/html', 'application/zip', 'image/gif', 'toString', '__proto__'].some(isProviderDocumentType)).toBe(false);
  });

  it('asks a certificate for its expiry, and refuses text that is not base64', () => {
    const base = { kind: 'insurance_certificate', title: 'Insurance', fileName: 'i.pdf', contentBase64: 'JVBERi0=', idempotencyKey: '00000000-0000-4000-8000-000000000001' };
    expect(uploadDocumentInput.safeParse(base).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['expiresOn', 'Enter the date the certificate expires']]);
    expect(uploadDocumentInput.safeParse({ ...base, expiresOn: '2027-01-01' }).success).toBe(true);
    expect(uploadDocumentInput.safeParse({ ...base, kind: 'other' }).success).toBe(true);
    expect(uploadDocumentInput.safeParse({ ...base, kind: 'other', contentBase64: '<html>' }).success).toBe(false);
    expect(replaceDocumentInput.safeParse({ documentId: '00000000-0000-4000-8000-000000000000', title: ' ', fileName: 'x.pdf', contentBase64: 'JVBERi0=' }).success).toBe(false);
  });
});
