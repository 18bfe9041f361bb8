import { longDate, RAG_LABELS, scoreDescriptor } from '@concord/domain';
import { money, type BusinessCaseFigures } from './figures.ts';

/**
 * The business case laid out as a paper, in the order of Plymouth's (seed 000): a neutral list of headings,
 * paragraphs and tables that the web preview, the PDF and the Word export all render. Built from the figures
 * (live for a draft, the snapshot for an approved case), never from the database directly.
 */

export type Block =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; bold?: boolean }
  | { kind: 'note'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[]; emphasiseLastRow?: boolean };

export interface CaseMeta {
  status: 'draft' | 'submitted' | 'approved';
  decision: { decisionMaker: string; approvedOn: string; reference: string } | null;
}

export interface BusinessCaseDocument {
  title: string;
  subtitle: string;
  statusLine: string;
  blocks: Block[];
}

const STATUS_TEXT = { draft: 'Draft', submitted: 'Submitted for decision', approved: 'Approved' } as const;

function paragraphs(text: string | undefined, fallback: string): Block[] {
  const parts = (text ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return parts.length ? parts.map((p) => ({ kind: 'paragraph' as const, text: p })) : [{ kind: 'note', text: fallback }];
}

export function buildDocument(f: BusinessCaseFigures, meta: CaseMeta): BusinessCaseDocument {
  const blocks: Block[] = [];
  const h1 = (text: string) => blocks.push({ kind: 'heading', level: 1, text });
  const h2 = (text: string) => blocks.push({ kind: 'heading', level: 2, text });

  h1('1. Executive summary');
  blocks.push(...paragraphs(f.sections.executiveSummary, 'Not written yet.'));
  h1('2. Introduction');
  blocks.push(...paragraphs(f.sections.introduction, 'Not written yet.'));

  const cell = (v: number | 'suppressed' | null, none: string) => (v === null ? none : v === 'suppressed' ? 'Suppressed (small number)' : String(Math.round(v * 10) / 10));
  h1('3. Current service offer');
  blocks.push(...paragraphs(f.sections.currentService, 'Not written yet.'));
  if (f.liveService) {
    const l = f.liveService;
    const rows: string[][] = [
      [`Placements active on ${longDate(l.asAt)}`, String(l.placements.count)],
      ['Average weekly cost of those placements', l.placements.averageWeeklyPence === null ? '—' : money(l.placements.averageWeeklyPence)],
    ];
    if (l.budget) rows.push([`Budget ${l.budget.financialYear}/${String((l.budget.financialYear + 1) % 100).padStart(2, '0')}`, money(l.budget.amountPence)]);
    blocks.push({ kind: 'table', header: ['From our records', 'Figure'], rows, widths: [70, 30] });
    if (l.contracts.length) {
      blocks.push({
        kind: 'table',
        header: ['Contract', 'Provider', 'Term', 'Annual value', 'Total value'],
        rows: l.contracts.map((c) => [`${c.title} (${c.reference})`, c.provider, `${longDate(c.startDate)} to ${longDate(c.endDate)}`, money(c.annualValuePence), money(c.totalValuePence)]),
        widths: [32, 20, 22, 13, 13],
      });
    }
    for (const b of l.benchmarks ?? []) {
      blocks.push({
        kind: 'table',
        header: [`${b.partnership}: ${b.kpiName} (${b.kpiCode}), ${b.period.label}`, 'Figure', 'Per 100,000 residents'],
        rows: b.members.map((m) => [m.label, cell(m.value, m.named ? '—' : 'Withheld (anonymised)'), cell(m.perHundredThousand, '—')]),
        widths: [50, 25, 25],
      });
    }
  }
  if (f.currentService.figures.length) {
    blocks.push({ kind: 'table', header: ['Figure', 'Value', 'Source'], rows: f.currentService.figures.map((x) => [x.label, x.value, x.source ?? '']), widths: [50, 15, 35] });
  }
  blocks.push({
    kind: 'note',
    text: f.liveService
      ? `Placements, contracts and budget are read from ${f.authority.name}'s own records${f.liveService.benchmarks?.length ? "; partnership figures are the published benchmark figures, shown as the partnership's consent and small-number rules allow" : ''}; other figures were entered by the author with their sources.`
      : 'Current service figures were entered by the author with their sources.',
  });

  h1('4. Case for change');
  blocks.push(...paragraphs(f.sections.caseForChange, 'Not written yet.'));
  if (f.demand) {
    const d = f.demand;
    h2(`4.1 Demand: ${d.title}`);
    blocks.push({ kind: 'paragraph', text: `Need per year for people aged ${d.ageBand}, at ${d.prevalenceSource}. Need = population × rate per 1,000, rounded half up.` });
    const rows: string[][] = [];
    for (const y of d.model.years) {
      for (const n of y.needs) {
        rows.push([String(y.year), y.population.toLocaleString('en-GB'), n.label, String(n.perThousand), n.need.toLocaleString('en-GB'), n.supply === null ? '—' : n.supply.toLocaleString('en-GB'), n.gap === null ? '—' : n.gap.toLocaleString('en-GB')]);
      }
    }
    blocks.push({ kind: 'table', header: ['Year', 'Population', 'Provision', 'Per 1,000', 'Need', 'Supply', 'Gap'], rows, widths: [9, 13, 28, 11, 12, 13, 14] });
  }

  h1('5. Options appraisal');
  const a = f.appraisal;
  if (!a) {
    blocks.push({ kind: 'note', text: 'No options appraisal is linked to this business case.' });
  } else {
    h2('5.1 Options considered');
    a.options.forEach((o, i) => {
      blocks.push({
        kind: 'table',
        header: [`Option ${i + 1}`, o.name],
        rows: [
          ['Description', o.description ?? ''],
          ['Pros', o.pros ?? ''],
          ['Cons', o.cons ?? ''],
        ],
        widths: [20, 80],
      });
    });
    h2('5.2 Options scoring methodology');
    blocks.push({ kind: 'paragraph', text: 'The following criteria were used to analyse each option:' });
    blocks.push({ kind: 'table', header: ['Criterion', 'Question', ...(a.criteria.some((c) => c.weight !== undefined) ? ['Weight'] : [])], rows: a.criteria.map((c) => [c.name, c.question ?? '', ...(a.criteria.some((x) => x.weight !== undefined) ? [String(c.weight ?? 1)] : [])]) });
    blocks.push({
      kind: 'paragraph',
      text: `Each criterion was scored ${a.scale.min} – ${a.scale.max}: ${[...a.scale.descriptors].sort((x, y) => y.score - x.score).map((d) => `${d.score} – ${d.label}`).join('; ')}.`,
    });
    h2('5.3 Options appraisal scoring outcome');
    const cell = (optionId: string, criterionId: string) => a.scores.find((s) => s.optionId === optionId && s.criterionId === criterionId)?.score;
    const rows = a.criteria.map((c) => [c.name, ...a.options.map((o) => String(cell(o.id, c.id) ?? '—'))]);
    if (a.result) {
      rows.push(['Score', ...a.result.options.map((o) => String(o.total))]);
      if (a.criteria.some((c) => c.weight !== undefined)) rows.push(['Weighted score', ...a.result.options.map((o) => String(o.weightedTotal))]);
      rows.push(['Rank', ...a.result.options.map((o) => String(o.rank))]);
    }
    blocks.push({ kind: 'table', header: ['', ...a.options.map((o) => o.name)], rows, emphasiseLastRow: false });
    if (!a.result) blocks.push({ kind: 'note', text: `${a.missing} score${a.missing === 1 ? '' : 's'} still to enter: no totals yet.` });
    h2('5.4 Recommended option');
    if (f.recommended) {
      const n = a.options.findIndex((o) => o.id === f.recommended!.optionId) + 1;
      blocks.push({
        kind: 'paragraph',
        bold: true,
        text:
          f.recommended.basis === 'top_score'
            ? `Based on the scoring above it is recommended that Option ${n}: ${f.recommended.name} is progressed (score ${f.recommended.total} out of ${f.recommended.maxPossible}).`
            : `It is recommended that Option ${n}: ${f.recommended.name} is progressed (score ${f.recommended.total} out of ${f.recommended.maxPossible}), although it is not the top score, because: ${f.recommended.reason}`,
      });
    } else {
      blocks.push({ kind: 'note', text: 'No option is recommended yet (scores are missing, or options tie for the top score).' });
    }
  }

  h1('6. Proposal (the recommended option)');
  blocks.push(...paragraphs(f.sections.recommendedOption, 'Not written yet.'));
  h2('6.1 Implementation timeline');
  blocks.push(
    f.milestones.length
      ? { kind: 'table', header: ['Activity / milestone', 'Date'], rows: f.milestones.map((m) => [m.activity, longDate(m.date)]), widths: [70, 30] }
      : { kind: 'note', text: 'No milestones yet.' },
  );
  h2('6.2 Financial implications');
  const fin = f.financial;
  const finRows: string[][] = [];
  if (fin.budgetPence !== undefined) finRows.push([`Budget ${fin.budgetYear ?? ''}`.trim(), money(fin.budgetPence)]);
  if (fin.contractValuePence !== undefined) finRows.push([`Total contract cost${fin.contractTermYears ? ` (${fin.contractTermYears} years)` : ''}`, money(fin.contractValuePence)]);
  if (fin.upliftImpact && fin.uplift) {
    const u = fin.upliftImpact;
    const extra = fin.uplift.extraPaidWeeks ? ` and ${fin.uplift.extraPaidWeeks} more paid week${fin.uplift.extraPaidWeeks === 1 ? '' : 's'}` : '';
    finRows.push([`Uplift of ${fin.uplift.risePercent}%${extra}: cost to the end of March (${u.monthsRemaining} months)`, money(u.restOfYear.totalPence)]);
    finRows.push([`Uplift: full-year cost`, money(u.fullYear.totalPence)]);
  }
  if (fin.upliftStatedPence !== undefined) finRows.push(['Uplift cost as stated by the author', money(fin.upliftStatedPence)]);
  blocks.push(finRows.length ? { kind: 'table', header: ['Item', 'Amount'], rows: finRows, widths: [70, 30] } : { kind: 'note', text: 'No financial figures yet.' });
  if (fin.upliftImpact && fin.uplift) {
    const u = fin.upliftImpact;
    const c = fin.upliftCosting;
    const from = c?.from === 'register' ? `our ${c.placements} placements running on ${longDate(c.on)} (as the budgets calculator costs them)` : `${u.placements} placements`;
    const extra = fin.uplift.extraPaidWeeks
      ? `; extra paid weeks ${fin.uplift.extraWeeksInPartYear === 'whole' ? 'in full in the part year' : 'pro rata to the months remaining'}, at the ${fin.uplift.extraWeeksAt === 'current_rate' ? 'current' : 'new'} rate`
      : '';
    blocks.push({ kind: 'note', text: `Uplift costed on ${from}, from ${money(u.currentWeeklyPence)} to ${money(u.newWeeklyPence)} a week${extra}.` });
  } else if (fin.uplift && fin.upliftCosting?.from === 'register') {
    blocks.push({ kind: 'note', text: `The uplift is not costed: no placements were running on ${longDate(fin.upliftCosting.on)}.` });
  }
  blocks.push(...paragraphs(f.sections.financialNarrative, ''));
  if (fin.notes) blocks.push({ kind: 'note', text: fin.notes });

  h2('6.3 Risks and mitigations');
  const r = f.risks;
  if (r.risks.length === 0) {
    blocks.push({ kind: 'note', text: 'No risks recorded.' });
  } else {
    const rating = (x: { likelihood: number; impact: number; score: number; rag: keyof typeof RAG_LABELS }) => [String(x.likelihood), String(x.impact), `${x.score} ${RAG_LABELS[x.rag]}`];
    blocks.push({
      kind: 'table',
      header: ['Risk', 'Likelihood', 'Impact', 'Score (RAG)', 'Mitigation', 'Revised likelihood', 'Revised impact', 'Revised score (RAG)'],
      rows: r.risks.map((x) => [
        x.description + (r.owners[x.id] ? ` (owner: ${r.owners[x.id]})` : ''),
        ...rating(x.before),
        x.mitigation,
        ...rating(x.after),
      ].map((v, i) => (i === 7 && x.mitigationRaisesScore ? `${v} – raised by mitigation` : v))),
      widths: [19, 10, 8, 9, 24, 10, 8, 12],
    });
    if (r.raisedByMitigation.length) {
      blocks.push({ kind: 'note', text: `${r.raisedByMitigation.length} risk${r.raisedByMitigation.length === 1 ? ' has' : 's have'} a revised score higher than before mitigation, as recorded: review the mitigation.` });
    }
  }
  h2('6.4 Outcomes and benefits');
  blocks.push(...paragraphs(f.sections.outcomesNarrative, ''));
  blocks.push(
    f.outcomes.length
      ? { kind: 'table', header: ['Strategic outcome', 'Benefit description', 'Benefit category'], rows: f.outcomes.map((o) => [o.outcome, o.benefit, o.category]), widths: [30, 50, 20] }
      : { kind: 'note', text: 'No outcomes yet.' },
  );

  const decision = meta.decision ? ` – approved by ${meta.decision.decisionMaker} on ${longDate(meta.decision.approvedOn)} (${meta.decision.reference})` : '';
  return {
    title: f.title,
    subtitle: `${f.authority.name}: business case`,
    statusLine: `${STATUS_TEXT[meta.status]}${decision}. Figures as at ${longDate(f.asAt.slice(0, 10))}.`,
    blocks: blocks.filter((b) => !(b.kind === 'note' && b.text === '')),
  };
}

export { scoreDescriptor };
