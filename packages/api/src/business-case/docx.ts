import type { Paragraph, Table } from 'docx';
import { loadDocx } from '../heavy.ts';
import type { BusinessCaseDocument } from './document.ts';

/** The paper as a Word document commissioners can edit: real headings (for the navigation pane), real tables. */
export async function renderDocx(doc: BusinessCaseDocument): Promise<Buffer> {
  const { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } = await loadDocx();
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: doc.subtitle, color: '505A5F' })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({ children: [new TextRun({ text: doc.statusLine, italics: true, color: '505A5F' })] }),
  ];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') {
      children.push(new Paragraph({ heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(b.text)] }));
    } else if (b.kind === 'paragraph') {
      children.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: b.text, bold: b.bold ?? false })] }));
    } else if (b.kind === 'note') {
      children.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: b.text, italics: true, color: '505A5F', size: 18 })] }));
    } else {
      const widths = b.widths ?? b.header.map(() => 100 / b.header.length);
      const total = widths.reduce((s, w) => s + w, 0);
      const cell = (text: string, i: number, header: boolean) =>
        new TableCell({
          borders,
          width: { size: Math.round((widths[i]! / total) * 5000), type: WidthType.PERCENTAGE },
          shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F2F1' } : undefined,
          children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: b.header.length > 5 ? 16 : 18 })] })],
        });
      children.push(
        new Table({
          width: { size: 5000, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, i, true)) }),
            ...b.rows.map((row) => new TableRow({ children: row.map((v, i) => cell(v, i, false)) })),
          ],
        }),
        new Paragraph({ children: [] }),
      );
    }
  }
  const document = new Document({
    creator: 'Concord',
    title: doc.title,
    description: doc.subtitle,
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [`${doc.title} – page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
