import { parsePounds, SERVICE_TYPE_LABELS, SERVICE_TYPES } from '@concord/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { DateInput, datePartsOf, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { DownloadButtons } from '../../components/DownloadButtons.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Tag } from '../../components/Tag.tsx';
import { Radios } from '../../components/Radios.tsx';
import { Select } from '../../components/Select.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { UPLIFT_MONTH_OPTIONS, UpliftReadings, type ExtraWeeksAt, type PartYearReading } from '../budget/UpliftReadings.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorMessage, trpc, trpcClient, type RouterOutputs } from '../../trpc.ts';
import { RiskRegister } from '../risk/RiskRegister.tsx';
import { STATUS_TAG } from './BusinessCasesPage.tsx';
import { RecordStatus, useRecordId } from '../../components/RecordGate.tsx';

type Case = RouterOutputs['businessCase']['get'];
type Block = Case['document']['blocks'][number];

/** The service types a case reads placements, contracts and budget for, in words. */
const SERVICE_TYPE_OPTIONS = SERVICE_TYPES.map((value) => ({ value, label: SERVICE_TYPE_LABELS[value] }));

const SECTIONS = [
  ['executiveSummary', 'Executive summary'],
  ['introduction', 'Introduction'],
  ['currentService', 'Current service offer'],
  ['caseForChange', 'Case for change'],
  ['recommendedOption', 'Proposal (the recommended option)'],
  ['financialNarrative', 'Financial implications: narrative'],
  ['outcomesNarrative', 'Outcomes and benefits: narrative'],
] as const;

/** A business case: the paper as it will print (preview), its exports, its sections, its risk register and its decision. */
export function BusinessCasePage() {
  const { id, valid } = useRecordId();
  const bc = useQuery({ ...trpc.businessCase.get.queryOptions({ businessCaseId: id }), enabled: valid });
  usePageTitle(bc.data?.title ?? 'Business case');
  // What was just done (the decision recorded), said in a success banner at the top of the page.
  const [notice, setNotice] = useState<string | null>(null);
  if (!valid || !bc.isSuccess) return <RecordStatus query={bc} valid={valid} />;
  const c = bc.data;
  return (
    <>
      <Link to="/business-cases" className="govuk-back-link">
        Business cases
      </Link>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <span className="govuk-caption-l">Business case</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <p className="govuk-body">
        <Tag colour={STATUS_TAG[c.status].colour} testId="case-status">
          {STATUS_TAG[c.status].text}
        </Tag>
        {c.decision && (
          <span className="govuk-!-margin-left-2" data-testid="decision">
            Approved by {c.decision.decisionMaker} on {c.decision.approvedOn}, reference {c.decision.reference}
            {c.decision.recordedBy ? ` (recorded by ${c.decision.recordedBy})` : ''}.
          </span>
        )}
      </p>
      {c.frozen ? (
        <div className="govuk-inset-text">This case is approved and frozen: it shows, and exports, the figures as they were at approval.</div>
      ) : (
        <div className="govuk-inset-text">Figures are live: totals, risks and costs follow the appraisal, the register and the uplift until the case is approved.</div>
      )}
      <Exports id={c.id} />
      {c.appraisalId && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/appraisals/${c.appraisalId}`}>
            Open the options appraisal
          </Link>
          {c.demandModelId && (
            <>
              {' · '}
              <Link className="govuk-link" to={`/demand-models/${c.demandModelId}`}>
                Open the demand model
              </Link>
            </>
          )}
        </p>
      )}

      <h2 className="govuk-heading-m">Preview</h2>
      <Preview doc={c.document} />

      <h2 className="govuk-heading-m govuk-!-margin-top-8">Risk register</h2>
      <RiskRegister subjectKind="business_case" subjectId={c.id} frozen={c.frozen} />

      {c.canEdit && <Editor c={c} />}
      {c.canEdit && c.status === 'draft' && <Submit c={c} />}
      {c.canEdit && c.status === 'submitted' && <Approve c={c} onApproved={setNotice} />}
    </>
  );
}

function Exports({ id }: { id: string }) {
  return (
    <DownloadButtons
      formats={['pdf', 'docx'] as const}
      labels={{ pdf: 'Download PDF (for printing)', docx: 'Download Word document' }}
      testIdPrefix="export-"
      make={(format) => trpcClient.businessCase.export.query({ businessCaseId: id, format })}
    />
  );
}

function Preview({ doc }: { doc: Case['document'] }) {
  return (
    <article className="bc-preview" data-testid="preview">
      <p className="govuk-caption-m">{doc.subtitle}</p>
      <h2 className="govuk-heading-l">{doc.title}</h2>
      <p className="govuk-body-s">{doc.statusLine}</p>
      {doc.blocks.map((b, i) => (
        <BlockView block={b} key={i} />
      ))}
    </article>
  );
}

function BlockView({ block: b }: { block: Block }) {
  if (b.kind === 'heading') return b.level === 1 ? <h3 className="govuk-heading-m">{b.text}</h3> : <h4 className="govuk-heading-s">{b.text}</h4>;
  if (b.kind === 'paragraph') return <p className={`govuk-body${b.bold ? ' govuk-!-font-weight-bold' : ''}`}>{b.text}</p>;
  if (b.kind === 'note') return <p className="govuk-body-s govuk-hint">{b.text}</p>;
  return (
    <div className="govuk-!-overflow-x-auto">
      <table className="govuk-table govuk-table--small-text-until-tablet">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {b.header.map((h, i) => (
              <th scope="col" className="govuk-table__header" key={i}>
                {h || <span className="govuk-visually-hidden">{i === 0 ? 'Item' : 'Value'}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {b.rows.map((row, r) => (
            <tr className="govuk-table__row" key={r}>
              {row.map((v, i) => (i === 0 ? <th scope="row" className="govuk-table__header" key={i}>{v}</th> : <td className="govuk-table__cell" key={i}>{v}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Editor({ c }: { c: Case }) {
  const client = useQueryClient();
  const appraisals = useQuery(trpc.appraisal.list.queryOptions());
  const models = useQuery(trpc.demand.list.queryOptions());
  const [sections, setSections] = useState<Record<string, string>>({ ...c.sections });
  const [links, setLinks] = useState({ appraisalId: c.appraisalId ?? '', demandModelId: c.demandModelId ?? '' });
  const [milestones, setMilestones] = useState(c.milestones.map((m) => ({ activity: m.activity, date: datePartsOf(m.date) })));
  const pounds = (pence: number | undefined) => (pence === undefined ? '' : String(pence / 100));
  const [money, setMoney] = useState({
    serviceType: c.financial.serviceType ?? '',
    budgetYear: c.financial.budgetYear ?? '',
    budget: pounds(c.financial.budgetPence),
    term: c.financial.contractTermYears ? String(c.financial.contractTermYears) : '',
    contractValue: pounds(c.financial.contractValuePence),
  });
  const [liveAsAt, setLiveAsAt] = useState<DateParts>(datePartsOf(c.financial.liveAsAt));
  const u = c.financial.uplift;
  const typed = u?.placements?.length ? u.placements : null;
  const [uplift, setUplift] = useState({
    rise: u ? String(u.risePercent) : '',
    weeks: u?.extraPaidWeeks ? String(u.extraPaidWeeks) : '0',
    month: u ? String(u.startMonth) : '',
    year: c.financial.financialYear ? String(c.financial.financialYear) : '',
    from: typed ? 'entered' : 'register',
  });
  const [inPartYear, setInPartYear] = useState<PartYearReading>(u?.extraWeeksInPartYear ?? 'pro_rata');
  const [weeksAt, setWeeksAt] = useState<ExtraWeeksAt>(u?.extraWeeksAt ?? 'new_rate');
  // The version this form loaded, then each save's: a save over someone else's newer one is refused, naming
  // them and when, and what was typed stays in the form.
  const [rowVersion, setRowVersion] = useState(c.rowVersion);
  const save = useMutation(
    trpc.businessCase.update.mutationOptions({
      onSuccess: (done) => {
        setRowVersion(done.rowVersion);
        return client.invalidateQueries({ queryKey: trpc.businessCase.get.queryKey({ businessCaseId: c.id }) });
      },
    }),
  );
  const [problem, setProblem] = useState<string | null>(null);
  function onSave() {
    setProblem(null);
    let budgetPence: number | undefined;
    let contractValuePence: number | undefined;
    try {
      budgetPence = money.budget.trim() ? parsePounds(money.budget) : undefined;
      contractValuePence = money.contractValue.trim() ? parsePounds(money.contractValue) : undefined;
    } catch {
      setProblem('Enter amounts of money in pounds, for example 403589 or 403,589.00');
      return;
    }
    const { serviceType, budgetYear, term } = money;
    const liveOn = isoOf(liveAsAt);
    if (liveOn === 'invalid') return setProblem('Enter the date to count placements on as a real date, for example 1 10 2023');
    const timeline = milestones.filter((m) => m.activity.trim() || isoOf(m.date) !== null).map((m) => ({ activity: m.activity, date: isoOf(m.date) }));
    const undated = timeline.findIndex((m) => m.date === null || m.date === 'invalid');
    if (undated >= 0) return setProblem(`Enter the date of milestone ${undated + 1} as a real date, for example 1 10 2023`);
    // The uplift: costed on the register (as the budgets calculator costs it) or on the placements entered.
    let upliftValue: NonNullable<Case['financial']['uplift']> | undefined;
    if (uplift.rise.trim()) {
      const risePercent = Number(uplift.rise.replace('%', '').trim());
      const extraPaidWeeks = Number(uplift.weeks.trim() || '0');
      if (!Number.isFinite(risePercent)) return setProblem('Enter the uplift as a percentage, like 11.5');
      if (!Number.isFinite(extraPaidWeeks) || extraPaidWeeks < 0) return setProblem('Extra paid weeks must be a number, 0 or more');
      if (!uplift.month) return setProblem('Choose the month the uplift starts');
      upliftValue = {
        risePercent,
        extraPaidWeeks,
        startMonth: Number(uplift.month),
        extraWeeksInPartYear: inPartYear,
        extraWeeksAt: weeksAt,
        ...(uplift.from === 'entered' && typed ? { placements: typed } : {}),
      };
    }
    if (uplift.year.trim() && !/^\d{4}$/.test(uplift.year.trim())) return setProblem('Enter the financial year as the year it starts, like 2023 for 2023/24');
    save.mutate({
      businessCaseId: c.id,
      version: rowVersion,
      sections,
      appraisalId: links.appraisalId || null,
      demandModelId: links.demandModelId || null,
      milestones: timeline.map((m) => ({ activity: m.activity, date: m.date as string })),
      financial: {
        ...c.financial,
        serviceType: serviceType.trim() || undefined,
        liveAsAt: liveOn ?? undefined,
        budgetYear: budgetYear.trim() || undefined,
        budgetPence,
        contractTermYears: term.trim() ? Number(term) : undefined,
        contractValuePence,
        financialYear: uplift.year.trim() ? Number(uplift.year.trim()) : undefined,
        uplift: upliftValue,
      },
    });
  }
  const set = (k: keyof typeof money) => (e: React.ChangeEvent<HTMLInputElement>) => setMoney({ ...money, [k]: e.target.value });
  const setMilestone = (i: number, change: Partial<(typeof milestones)[number]>) => setMilestones(milestones.map((x, j) => (j === i ? { ...x, ...change } : x)));
  return (
    <section className="govuk-!-margin-top-8" data-testid="case-editor">
      <h2 className="govuk-heading-m">Edit the business case</h2>
      {(problem || save.error) && <ErrorSummary errors={[{ text: problem ?? errorMessage(save.error) }]} />}
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="case-appraisal">
          Options appraisal
        </label>
        <select id="case-appraisal" className="govuk-select" value={links.appraisalId} onChange={(e) => setLinks({ ...links, appraisalId: e.target.value })}>
          <option value="">None</option>
          {appraisals.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="case-demand">
          Demand model
        </label>
        <select id="case-demand" className="govuk-select" value={links.demandModelId} onChange={(e) => setLinks({ ...links, demandModelId: e.target.value })}>
          <option value="">None</option>
          {models.data?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </select>
      </div>
      {SECTIONS.map(([key, label]) => (
        <div className="govuk-form-group" key={key}>
          <label className="govuk-label govuk-label--s" htmlFor={`section-${key}`}>
            {label}
          </label>
          <textarea id={`section-${key}`} className="govuk-textarea" rows={5} value={sections[key] ?? ''} onChange={(e) => setSections({ ...sections, [key]: e.target.value })} />
        </div>
      ))}
      <h3 className="govuk-heading-s">Current service and financial implications</h3>
      <Select id="case-service-type" name="serviceType" label="Service type to read placements, contracts and budget for" placeholder="None" options={SERVICE_TYPE_OPTIONS} value={money.serviceType} onChange={(serviceType) => setMoney({ ...money, serviceType })} />
      <DateInput id="case-live-as-at" legend="Count placements active on" legendSize="s" hint="For example, 1 10 2023. Leave blank for today." value={liveAsAt} onChange={setLiveAsAt} />
      <TextInput id="case-budget-year" name="budgetYear" label="Budget year" hint="For example 2023/24" value={money.budgetYear} onChange={set('budgetYear')} className="govuk-input--width-5" />
      <TextInput id="case-budget" name="budget" label="Budget" prefix="£" value={money.budget} onChange={set('budget')} className="govuk-input--width-10" />
      <TextInput id="case-term" name="term" label="Contract term" suffix="years" inputMode="numeric" value={money.term} onChange={set('term')} className="govuk-input--width-3" />
      <TextInput id="case-contract-value" name="contractValue" label="Total contract cost" prefix="£" value={money.contractValue} onChange={set('contractValue')} className="govuk-input--width-10" />
      <h3 className="govuk-heading-s">Uplift</h3>
      <p className="govuk-body">Costed exactly as the budgets calculator costs it. Leave the uplift blank for none.</p>
      <TextInput id="case-uplift-rise" name="upliftRise" label="Uplift" suffix="%" inputMode="decimal" className="govuk-input--width-5" value={uplift.rise} onChange={(e) => setUplift({ ...uplift, rise: e.target.value })} />
      <TextInput id="case-uplift-weeks" name="upliftWeeks" label="Extra paid weeks a year" suffix="weeks" inputMode="decimal" className="govuk-input--width-4" value={uplift.weeks} onChange={(e) => setUplift({ ...uplift, weeks: e.target.value })} />
      <Select id="case-uplift-month" name="upliftMonth" label="Start month" placeholder="Choose a month" options={UPLIFT_MONTH_OPTIONS} value={uplift.month} onChange={(month) => setUplift({ ...uplift, month })} />
      <TextInput id="case-financial-year" name="financialYear" label="Financial year the uplift starts in" hint="The year it starts, for example 2023 for 2023/24. Leave blank for the year of the date above (or this year)." inputMode="numeric" className="govuk-input--width-4" value={uplift.year} onChange={(e) => setUplift({ ...uplift, year: e.target.value })} />
      {Number(uplift.weeks) > 0 && <UpliftReadings idPrefix="case-" inPartYear={inPartYear} onInPartYear={setInPartYear} weeksAt={weeksAt} onWeeksAt={setWeeksAt} />}
      {typed && (
        <Radios
          name="case-uplift-from"
          legend="Placements the uplift is costed on"
          legendSize="s"
          small
          value={uplift.from}
          onChange={(from) => setUplift({ ...uplift, from })}
          options={[
            { value: 'register', label: 'Our placements of the service type running when the uplift starts', hint: 'As the budgets calculator counts them' },
            { value: 'entered', label: `The placements entered for this case (${typed.reduce((n, p) => n + (p.count ?? 1), 0)})` },
          ]}
        />
      )}
      <h3 className="govuk-heading-s">Implementation timeline</h3>
      {milestones.map((m, i) => (
        <div className="govuk-grid-row" key={i}>
          <div className="govuk-grid-column-two-thirds">
            <TextInput id={`milestone-${i}-activity`} name="activity" label={`Milestone ${i + 1}`} value={m.activity} onChange={(e) => setMilestone(i, { activity: e.target.value })} />
          </div>
          <div className="govuk-grid-column-one-third">
            <DateInput id={`milestone-${i}-date`} legend={`Date of milestone ${i + 1}`} hint="For example, 1 10 2023" value={m.date} onChange={(date) => setMilestone(i, { date })} />
          </div>
        </div>
      ))}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setMilestones([...milestones, { activity: '', date: EMPTY_DATE }])}>
        Add a milestone
      </button>
      <div>
        <button type="button" className="govuk-button" onClick={onSave} disabled={save.isPending}>
          Save business case
        </button>
      </div>
    </section>
  );
}

function Submit({ c }: { c: Case }) {
  const client = useQueryClient();
  const submit = useMutation(trpc.businessCase.submit.mutationOptions({ onSuccess: () => client.invalidateQueries() }));
  return (
    <section>
      <h2 className="govuk-heading-m">Submit for decision</h2>
      {submit.error && <ErrorSummary errors={[{ text: errorMessage(submit.error) }]} />}
      <button type="button" className="govuk-button" onClick={() => submit.mutate({ businessCaseId: c.id })}>
        Submit for decision
      </button>
    </section>
  );
}

function Approve({ c, onApproved }: { c: Case; onApproved: (notice: string) => void }) {
  const client = useQueryClient();
  const [f, setF] = useState({ decisionMaker: '', decisionReference: '' });
  const [approvedOn, setApprovedOn] = useState<DateParts>(EMPTY_DATE);
  const [dateProblem, setDateProblem] = useState<string | null>(null);
  // Approval cannot be undone: the form's button asks first (the day checked), then 'Yes, approve' records it.
  const [confirming, setConfirming] = useState<string | null>(null);
  const approve = useMutation(
    trpc.businessCase.approve.mutationOptions({
      // The banner once the page shows the case approved, so it never stands beside the form it replaces.
      onSuccess: async () => {
        await client.invalidateQueries();
        onApproved(`The business case is approved and frozen: decision ${f.decisionReference.trim()}.`);
      },
      onError: () => setConfirming(null),
    }),
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const on = isoOf(approvedOn);
        setDateProblem(on === null || on === 'invalid' ? 'Enter the date of the decision as a real date, for example 2 10 2023' : null);
        if (on === null || on === 'invalid') return;
        approve.reset();
        setConfirming(on);
      }}
    >
      <h2 className="govuk-heading-m">Record the decision</h2>
      <p className="govuk-body">Recording approval freezes the case: its figures are kept as they are now.</p>
      {dateProblem ? <ErrorSummary errors={[{ text: dateProblem, href: '#approved-on-day' }]} /> : approve.error && <ErrorSummary errors={[{ text: errorMessage(approve.error) }]} />}
      <TextInput id="decision-maker" name="decisionMaker" label="Who decided" hint="For example, People Reporting Group" value={f.decisionMaker} onChange={(e) => setF({ ...f, decisionMaker: e.target.value })} />
      <DateInput id="approved-on" legend="Date of the decision" legendSize="s" hint="For example, 2 10 2023" error={dateProblem ?? undefined} value={approvedOn} onChange={setApprovedOn} />
      <TextInput id="decision-reference" name="decisionReference" label="Decision reference" value={f.decisionReference} onChange={(e) => setF({ ...f, decisionReference: e.target.value })} className="govuk-input--width-20" />
      {confirming ? (
        <ConfirmStep
          question={`Approve “${c.title}”?`}
          consequence="Approval cannot be undone: the case is frozen with its figures as they are now, and can no longer be edited."
          confirmLabel="Yes, approve the business case"
          pending={approve.isPending}
          onConfirm={() => approve.mutate({ businessCaseId: c.id, ...f, approvedOn: confirming })}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <button type="submit" className="govuk-button" disabled={approve.isPending}>
          Record approval
        </button>
      )}
    </form>
  );
}
