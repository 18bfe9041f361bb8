import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateInput, datePartsOf, EMPTY_DATE, isoOf, todayIso, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { ReadOnlyNotice } from './ReadOnlyNotice.tsx';
import { isFinal, refreshProcurements, stageLabel, useSectionTitle, type Procurement } from './shared.tsx';

type Milestone = Procurement['milestones'][number];
type Decision = Procurement['decisions'][number];

/** "1 May 2018 to 31 May 2018", "3 April 2018", or "Not set". */
function period(start: string | null, end: string | null): string {
  if (!start && !end) return 'Not set';
  if (start && end && start !== end) return `${formatDate(start)} to ${formatDate(end)}`;
  return formatDate((start ?? end)!);
}

function MilestoneStatus({ m }: { m: Milestone }) {
  const today = todayIso();
  if (m.actualEnd) return <Tag colour="green">Done</Tag>;
  if (m.actualStart) return <Tag colour="blue">Started</Tag>;
  if (m.plannedEnd && m.plannedEnd < today) return <Tag colour="red">Overdue</Tag>;
  return <Tag colour="grey">Planned</Tag>;
}

/** Milestones (planned against actual) and every decision that moved the procurement on. */
export function TimelineTab({ p }: { p: Procurement }) {
  useSectionTitle('Timeline', p);
  const canChange = p.canEdit && !isFinal(p);
  return (
    <>
      <div className="concord-heading-row">
        <h2 className="govuk-heading-m">Milestones</h2>
        {canChange && (
          <Link to={`/procurements/${p.id}/timeline/milestones`} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Change milestones
          </Link>
        )}
      </div>
      {p.milestones.length === 0 ? (
        <p className="govuk-body">No milestones have been planned yet.</p>
      ) : (
        <Table
          caption="Milestones, planned and actual"
          captionHidden
          rows={p.milestones}
          rowKey={(m) => m.id}
          rowTestId="milestone"
          columns={[
            { header: 'Milestone', rowHeader: true, cell: (m: Milestone) => m.name },
            { header: 'Planned', cell: (m: Milestone) => period(m.plannedStart, m.plannedEnd) },
            { header: 'Actual', cell: (m: Milestone) => period(m.actualStart, m.actualEnd) },
            { header: 'Status', cell: (m: Milestone) => <MilestoneStatus m={m} /> },
          ]}
        />
      )}
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Decisions</h2>
      {p.decisions.length === 0 ? (
        <p className="govuk-body" data-testid="no-decisions">
          The procurement has not moved on from {stageLabel(p.status)} yet.{p.canEdit ? ' Move it on from the overview, with the decision that allows it.' : ''}
        </p>
      ) : (
        <ol className="concord-timeline" data-testid="decisions">
          {[...p.decisions].reverse().map((d) => (
            <DecisionItem d={d} lead={p.lead.name} key={d.id} />
          ))}
        </ol>
      )}
    </>
  );
}

function DecisionItem({ d, lead }: { d: Decision; lead: string }) {
  return (
    <li className="concord-timeline__item" data-testid="decision">
      <h3 className="govuk-heading-s concord-timeline__title">
        {d.to === 'cancelled' ? 'Cancelled' : d.to === 'closed' ? 'Closed' : `Moved to ${stageLabel(d.to)}`}
        <span className="govuk-visually-hidden"> from {stageLabel(d.from)}</span>
      </h3>
      <p className="govuk-body-s concord-timeline__date">
        Decided {formatDate(d.decidedOn)} · recorded {formatDateTime(d.recordedAt)} by {d.recordedBy ?? lead}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-1" data-testid="decision-reference">
        {d.decisionReference}
      </p>
      {d.decisionLink && (
        <p className="govuk-body govuk-!-margin-bottom-1">
          <a className="govuk-link" href={d.decisionLink} rel="noreferrer noopener">
            Read the decision<span className="govuk-visually-hidden">: {d.decisionReference}</span>
          </a>
        </p>
      )}
      {d.note && <p className="govuk-body-s concord-pre-line govuk-!-margin-bottom-0">{d.note}</p>}
    </li>
  );
}

interface MilestoneRow {
  key: number;
  name: string;
  plannedStart: DateParts;
  plannedEnd: DateParts;
  actualStart: DateParts;
  actualEnd: DateParts;
}

let keys = 0;
const DATE_FIELDS = [
  ['plannedStart', 'Planned start'],
  ['plannedEnd', 'Planned end'],
  ['actualStart', 'Actual start'],
  ['actualEnd', 'Actual end'],
] as const;

/** The lead commissioner plans milestones and records when they actually happened. */
export function MilestonesPage({ p }: { p: Procurement }) {
  const navigate = useNavigate();
  const [rows, setRows] = useState<MilestoneRow[]>(() =>
    (p.milestones.length ? p.milestones : [null]).map((m) => ({
      key: ++keys,
      name: m?.name ?? '',
      plannedStart: datePartsOf(m?.plannedStart),
      plannedEnd: datePartsOf(m?.plannedEnd),
      actualStart: datePartsOf(m?.actualStart),
      actualEnd: datePartsOf(m?.actualEnd),
    })),
  );
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  useSectionTitle('Change milestones', p, hasErrors(errors));
  const save = useMutation({
    ...trpc.procurement.setMilestones.mutationOptions(),
    onSuccess: async () => {
      await refreshProcurements();
      navigate(`/procurements/${p.id}/timeline`, { state: { notice: 'The milestones were saved' } });
    },
    onError: (error) => {
      const ids: Record<string, string> = {};
      rows.forEach((_, i) => {
        ids[`milestones.${i}.name`] = `milestone-${i + 1}-name`;
        for (const [field] of DATE_FIELDS) ids[`milestones.${i}.${field}`] = `milestone-${i + 1}-${field}-day`;
      });
      setErrors(apiFormErrors(error, ids));
    },
  });
  if (!p.canEdit || isFinal(p)) return <ReadOnlyNotice p={p} what="the milestones" />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const problems: ClientError[] = [];
    const milestones = rows.map((r, i) => {
      const dates: Record<string, string | null> = {};
      for (const [field, text] of DATE_FIELDS) {
        const iso = isoOf(r[field]);
        if (iso === 'invalid') problems.push({ id: `milestone-${i + 1}-${field}-day`, text: `${text} of milestone ${i + 1} must be a real date` });
        dates[field] = iso === 'invalid' ? null : iso;
      }
      return { name: r.name, ...dates };
    });
    if (problems.length) return setErrors(clientErrors(problems));
    save.mutate({ procurementId: p.id, version: p.rowVersion, milestones });
  }

  const update = (key: number, change: Partial<MilestoneRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary errors={errors.summary} />
      <h2 className="govuk-heading-m">Change milestones</h2>
      {rows.map((r, i) => {
        const n = i + 1;
        return (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={r.key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Milestone {n}</legend>
            <TextInput
              id={`milestone-${n}-name`}
              name={`milestone-${n}-name`}
              label="Name"
              className="govuk-!-width-two-thirds"
              value={r.name}
              onChange={(e) => update(r.key, { name: e.target.value })}
              error={errors.fields[`milestone-${n}-name`]}
            />
            <div className="govuk-grid-row">
              {DATE_FIELDS.map(([field, text]) => (
                <div className="govuk-grid-column-one-half" key={field}>
                  <DateInput
                    id={`milestone-${n}-${field}`}
                    legend={text}
                    hint="Optional"
                    value={r[field]}
                    onChange={(v) => update(r.key, { [field]: v })}
                    error={errors.fields[`milestone-${n}-${field}-day`]}
                  />
                </div>
              ))}
            </div>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
              Remove<span className="govuk-visually-hidden"> milestone {n}</span>
            </button>
          </fieldset>
        );
      })}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={save.isPending}>
          Save milestones
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => setRows((rs) => [...rs, { key: ++keys, name: '', plannedStart: EMPTY_DATE, plannedEnd: EMPTY_DATE, actualStart: EMPTY_DATE, actualEnd: EMPTY_DATE }])}
        >
          Add another milestone
        </button>
        <Link className="govuk-link" to={`/procurements/${p.id}/timeline`}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
