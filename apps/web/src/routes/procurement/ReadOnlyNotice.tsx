import { Link } from 'react-router';
import { isFinal, stageLabel, type Procurement } from './shared.tsx';

/** Shown instead of a form to someone who may not change this part of the procurement (or not any more). */
export function ReadOnlyNotice({ p, what }: { p: Procurement; what: string }) {
  return (
    <>
      <h2 className="govuk-heading-m">You cannot change {what}</h2>
      <p className="govuk-body" data-testid="cannot-change">
        {!p.canEdit
          ? `Only the lead commissioner of ${p.lead.name} can change this procurement. Partners can read it.`
          : isFinal(p)
            ? `The procurement is ${stageLabel(p.status).toLowerCase()}: it can no longer change.`
            : `This cannot change at the ${stageLabel(p.status)} stage.`}
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/procurements/${p.id}`}>
          Go to the overview
        </Link>
      </p>
    </>
  );
}
