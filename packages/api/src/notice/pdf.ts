import { formatPence, longDate, noticeLabel, NOTICE_CATALOGUE, observesStandstill, standstillStatement, tenderNoticeRules } from '@concord/domain';
import { tenderNoticeFacts } from './checks.ts';
import { loadPdfKit } from '../heavy.ts';
import { FONT, useConcordFonts } from '../pdf/fonts.ts';
import type { Scope } from './facts.ts';
import { editableFields, type Supplier } from './fields.ts';
import { RECORD_STATUS_LABELS, type NoticeRow } from './items.ts';
import type { EditableField, NoticeItem } from './types.ts';

/**
 * A notice as a readable A4 PDF: what it is, its status and deadline, what Concord drafted from its data, and the
 * fields a person filled in. Text only, each block in the page's width at the running position, so pdfkit flows it
 * onto a new page when it reaches the bottom margin: nothing runs off the page or over another block.
 */
const INK = '#0b0c0c';
const GREY = '#505a5f';

export async function noticePdf(input: {
  row: NoticeRow;
  scope: Scope | null;
  item: NoticeItem | null;
  authority: { id: string; name: string };
  today: string;
  suppliers: readonly Supplier[];
}): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: noticeLabel(input.row.notice_type), Author: input.authority.name } });
  useConcordFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const para = (text: string, size = 10, font: string = FONT.regular, colour = INK, gap = 4) => {
    doc.font(font).fontSize(size).fillColor(colour).text(text, left, doc.y, { width });
    doc.moveDown(gap / size);
  };
  const pair = (label: string, value: string) => {
    para(label, 9, FONT.bold, GREY, 1);
    para(value || '—', 10, FONT.regular, INK, 6);
  };

  const { row, scope, item } = input;
  const info = NOTICE_CATALOGUE[row.notice_type];
  para(input.authority.name, 10, FONT.regular, GREY);
  para(noticeLabel(row.notice_type), 20, FONT.bold, INK, 8);
  pair('Status', `${RECORD_STATUS_LABELS[row.status]}${row.notice_identifier ? `: notice ${row.notice_identifier} on Find a Tender` : ''}${row.published_on ? `, published ${longDate(row.published_on)}` : ''}`);
  if (row.withdrawn_reason) pair('Why it was withdrawn', row.withdrawn_reason);
  if (item) pair(item.state === 'done' ? 'Deadline' : `Deadline (${item.stateLabel.toLowerCase()})`, `${item.dueText}. ${item.reason}`);
  pair('When the Act requires it', `${info.when} (${info.provision})`);

  para('Drafted from Concord’s records', 14, FONT.bold, INK, 6);
  if (scope) {
    pair(scope.kind === 'procurement' ? 'Procurement' : scope.kind === 'callOff' ? 'Call-off' : 'Contract', `${scope.name} (${scope.reference})`);
    if (scope.procurement && scope.kind !== 'procurement') pair('Under', `${scope.procurement.name} (${scope.procurement.reference})`);
    if (scope.procurement?.estimatedValuePence != null && scope.kind === 'procurement') pair('Estimated value', formatPence(scope.procurement.estimatedValuePence));
    const contracts = scope.contracts.filter((c) => !row.contract_id || c.id === row.contract_id);
    for (const c of contracts) {
      const supplier = input.suppliers.find((s) => s.id === c.providerId)?.name ?? 'supplier';
      pair(`Contract ${c.reference}`, `${c.title}, with ${supplier}: ${longDate(c.startDate)} to ${longDate(c.endDate)}, ${formatPence(c.totalValuePence)} in total`);
      const change = c.variations.find((v) => v.id === row.subject_id);
      if (change) pair('The change', `${change.kind} from ${longDate(change.effectiveOn)} (${change.decisionReference}): ${change.justification}`);
    }
  } else {
    pair('Financial year', `From ${longDate(row.subject_id)}`);
  }

  const fields = editableFields(row.notice_type, input.suppliers);
  if (fields.length) {
    para('Supplied by the authority', 14, FONT.bold, INK, 6);
    for (const f of fields) pair(f.label, shown(f, row.fields?.[f.name]));
    if (row.notice_type === 'UK6') para('Assessment summaries go to each supplier before the notice is published; they are not part of the published notice.', 9, FONT.italic, GREY);
  }
  if (row.notice_type === 'UK4' && scope) {
    const rules = tenderNoticeRules(tenderNoticeFacts(row.fields ?? {}, scope, row.published_on ?? input.today, !row.published_on));
    para('Minimum periods (Procurement Act 2023, s.54)', 14, FONT.bold, INK, 6);
    for (const r of [rules.participation, rules.tender]) if (r) pair(r.label, r.text);
  }
  if (row.notice_type === 'UK6') pair('Standstill', standstillStatement(row.published_on, observesStandstill(row.fields)));
  para(`Made by Concord on ${longDate(input.today)}.`, 8, FONT.regular, GREY);
  doc.end();
  return done;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A field's value as people read it: a day in words, a choice's words, or the text. */
function shown(field: EditableField, value: string | undefined): string {
  const typed = value?.trim() ?? '';
  if (field.date && DAY.test(typed)) return longDate(typed);
  if (field.choices) return field.choices.find((c) => c.value === typed && typed !== '')?.label ?? '';
  return typed;
}
