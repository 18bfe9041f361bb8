import { NHS_BODY_KIND_LABELS, REGION_NAMES, type NhsBodyKind } from '@concord/domain';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../session.tsx';
import { AUTHORITY_KIND_LABELS } from '../../labels.ts';

export const REGION_OPTIONS = REGION_NAMES.map((r) => ({ value: r, label: r }));

/** "Metropolitan district", or for an NHS body registered by ODS code "Integrated care board". */
export function kindLabel(kind: string, nhsBodyKind: NhsBodyKind | null): string {
  return nhsBodyKind ? NHS_BODY_KIND_LABELS[nhsBodyKind] : (AUTHORITY_KIND_LABELS[kind] ?? kind);
}

/** The registry's pages are the platform administrator's, acting for no authority; anyone else is told so. */
export function RegistryGate({ children }: { children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  if (!me.data.isPlatformAdmin || me.data.authorityId !== null) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot manage authorities</h1>
        <p className="govuk-body">Only a platform administrator, acting for no authority, manages the authority registry.</p>
      </>
    );
  }
  return <>{children}</>;
}

export function BackToRegistry() {
  return (
    <Link to="/authorities" className="govuk-back-link">
      Back to authorities
    </Link>
  );
}
