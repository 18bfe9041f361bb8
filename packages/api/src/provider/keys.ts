import { normaliseLegalName } from '@concord/domain';

/**
 * How an import finds a register entry (issue 11): by CQC provider ID or Companies House number, or by a normalised
 * legal name only one entry has; a name several entries share maps to '' so the row is refused and must use a number.
 */
export function placementProviderKeys(providers: { id: string; legal_name: string; cqc_provider_id: string | null; companies_house_number: string | null }[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const p of providers) {
    const name = normaliseLegalName(p.legal_name);
    keys.set(name, keys.has(name) && keys.get(name) !== p.id ? '' : p.id);
  }
  for (const p of providers) {
    if (p.cqc_provider_id) keys.set(p.cqc_provider_id.toUpperCase(), p.id);
    if (p.companies_house_number) keys.set(p.companies_house_number.toUpperCase(), p.id);
  }
  return keys;
}
