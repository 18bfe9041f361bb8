import { loadPdfKit } from '../heavy.ts';
import { FONT, useConcordFonts } from '../pdf/fonts.ts';
import type { BusinessCaseDocument } from './document.ts';

/**
 * The paper as a PDF laid out for printing: A4 portrait, 2 cm margins, the title on the first page, headings
 * and tables in the order of the paper, page numbers in the footer. In the embedded font (issue 13), so £, →,
 * ≥, – and the typographic quotes print as themselves (no more "->" for "→"); paragraphs and cells wrap within
 * the text width.
 */
export async function renderPdf(doc: BusinessCaseDocument): Promise<Buffer> {
  const pdf = new (await loadPdfKit())({ size: 'A4', margin: 57, bufferPages: true, info: { Title: doc.title, Subject: doc.subtitle }, lang: 'en-GB' });
  useConcordFonts(pdf);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;

  pdf.font(FONT.regular).fontSize(11).fillColor('#505a5f').text(doc.subtitle, { width });
  pdf.moveDown(0.3).font(FONT.bold).fontSize(22).fillColor('#0b0c0c').text(doc.title, { width });
  pdf.moveDown(0.3).font(FONT.regular).fontSize(10).fillColor('#505a5f').text(doc.statusLine, { width });
  pdf.moveDown(1).fillColor('#0b0c0c');

  for (const b of doc.blocks) {
    if (b.kind === 'heading') {
      if (b.level === 1 && pdf.y > pdf.page.height - 160) pdf.addPage();
      pdf.moveDown(b.level === 1 ? 0.8 : 0.5).font(FONT.bold).fontSize(b.level === 1 ? 15 : 12).text(b.text, pdf.page.margins.left, undefined, { width });
      pdf.moveDown(0.3);
    } else if (b.kind === 'paragraph') {
      pdf.font(b.bold ? FONT.bold : FONT.regular).fontSize(10.5).text(b.text, pdf.page.margins.left, undefined, { width, align: 'left' });
      pdf.moveDown(0.5);
    } else if (b.kind === 'note') {
      pdf.font(FONT.italic).fontSize(9).fillColor('#505a5f').text(b.text, pdf.page.margins.left, undefined, { width });
      pdf.fillColor('#0b0c0c').moveDown(0.5);
    } else {
      // A table starts on a new page rather than leave its header alone at the foot of one.
      if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 90) pdf.addPage();
      const columns = b.header.length;
      const small = columns > 5 ? 8 : 9;
      const shares = b.widths ?? Array.from({ length: columns }, () => 100 / columns);
      const total = shares.reduce((s, w) => s + w, 0);
      // Each column at least as wide as its longest word (header in bold), so no word is broken mid-way.
      const longest = (text: string, font: string) => Math.max(0, ...text.split(/\s+/).map((word) => pdf.font(font).fontSize(small).widthOfString(word)));
      const needs = b.header.map((h, ci) => Math.max(longest(h, FONT.bold), ...b.rows.map((row) => longest(row[ci] ?? '', FONT.bold))) + 8 + 1);
      const widths = fitColumns(shares.map((w) => (w / total) * width), needs, width);
      pdf.fontSize(small);
      pdf.table({
        position: { x: pdf.page.margins.left },
        maxWidth: width,
        columnStyles: widths.map((w) => ({ width: w })),
        defaultStyle: { padding: [3, 4, 3, 4], border: 0.5, borderColor: '#b1b4b6', font: { src: FONT.regular, size: small } } as never,
        data: [
          b.header.map((h) => ({ text: h, type: 'TH' as const, backgroundColor: '#f3f2f1', font: { src: FONT.bold, size: small } })),
          ...b.rows.map((row, ri) =>
            row.map((v, ci) => ({
              text: v,
              font: { src: (ci === 0 && ['Score', 'Weighted score', 'Rank'].includes(row[0]!)) || (b.emphasiseLastRow && ri === b.rows.length - 1) ? FONT.bold : FONT.regular, size: small },
            })),
          ),
        ],
      });
      pdf.moveDown(0.8);
    }
  }

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font(FONT.regular).fontSize(8).fillColor('#505a5f').text(`${doc.title} – page ${i + 1} of ${range.count}`, pdf.page.margins.left, pdf.page.height - 35, { width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

/**
 * Column widths that sum to `total`: each column gets at least what it needs (its longest word), taken from
 * the columns with room to spare in proportion to that room; if even the needs do not fit, in proportion to
 * the needs.
 */
export function fitColumns(wanted: number[], needs: number[], total: number): number[] {
  const sumNeeds = needs.reduce((s, n) => s + n, 0);
  if (sumNeeds >= total) return needs.map((n) => (n / sumNeeds) * total);
  const widths = wanted.map((w, i) => Math.max(w, needs[i]!));
  const excess = widths.reduce((s, w) => s + w, 0) - total;
  const room = widths.map((w, i) => w - needs[i]!);
  const roomTotal = room.reduce((s, r) => s + r, 0);
  return widths.map((w, i) => w - (roomTotal > 0 ? (excess * room[i]!) / roomTotal : 0));
}
