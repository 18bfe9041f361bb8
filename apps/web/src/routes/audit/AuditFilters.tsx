import { AUDIT_KIND_LABELS, AUDIT_KINDS, type AuditKind } from '@concord/domain';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateInput, datePartsOf, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary, type ErrorItem } from '../../components/ErrorSummary.tsx';
import { Select } from '../../components/Select.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { hrefOf, type AuditQuery } from './filters.ts';

/** Filters of the audit log: days (UK time), who, and the kind of event. Applying them starts at the newest page. */
export function AuditFilters({ query, base }: { query: AuditQuery; base: string }) {
  const navigate = useNavigate();
  const [from, setFrom] = useState<DateParts>(datePartsOf(query.from));
  const [to, setTo] = useState<DateParts>(datePartsOf(query.to));
  const [who, setWho] = useState(query.who ?? '');
  const [kind, setKind] = useState<string>(query.kind ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const fromIso = isoOf(from);
    const toIso = isoOf(to);
    if (fromIso === 'invalid') found.from = 'The first day must be a real date, for example 1 4 2026';
    if (toIso === 'invalid') found.to = 'The last day must be a real date, for example 30 4 2026';
    if (!found.from && !found.to && fromIso && toIso && fromIso > toIso) found.to = 'The last day must be the same as or after the first day';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    navigate(hrefOf({ from: fromIso ?? undefined, to: toIso ?? undefined, who: who.trim() || undefined, kind: (kind || undefined) as AuditKind | undefined }, base));
  };

  const summary: ErrorItem[] = Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}-day` }));
  const filtered = Boolean(query.from || query.to || query.who || query.kind);
  return (
    <form noValidate onSubmit={apply} role="search" aria-label="Filter the audit log" data-testid="audit-filters">
      <ErrorSummary errors={summary} />
      <details className="govuk-details" open={filtered || summary.length > 0}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Filter the log</span>
        </summary>
        <div className="govuk-details__text">
          <DateInput id="from" legend="From" legendSize="s" hint="The first day, UK time. For example, 1 4 2026" error={errors.from} value={from} onChange={setFrom} />
          <DateInput id="to" legend="To" legendSize="s" hint="The last day, included. For example, 30 4 2026" error={errors.to} value={to} onChange={setTo} />
          <TextInput id="who" name="who" label="Who" hint="Part of a name or email address" value={who} maxLength={200} onChange={(e) => setWho(e.target.value)} />
          <Select
            id="kind"
            name="kind"
            label="Kind of event"
            placeholder="All kinds"
            options={AUDIT_KINDS.map((k) => ({ value: k, label: AUDIT_KIND_LABELS[k] }))}
            value={kind}
            onChange={setKind}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Apply filters
            </button>
            {filtered && (
              <Link className="govuk-link" to={base}>
                Clear filters
              </Link>
            )}
          </div>
        </div>
      </details>
    </form>
  );
}
