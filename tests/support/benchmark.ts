import { pdfLayout } from './pdf-layout.ts';

export { returnsWorkbook, workbookText as xlsxText } from '../../packages/api/src/benchmark/export.ts';

/**
 * The text of a PDF (base64), as pdfjs extracts it: the PDFs embed their font (issue 13), whose glyph codes
 * only pdfjs turns back into text. Enough to search for a name.
 */
export async function pdfText(base64: string): Promise<string> {
  return (await pdfLayout(base64)).text;
}
