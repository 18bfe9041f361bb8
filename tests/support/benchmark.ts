import { inflateSync } from 'node:zlib';

export { returnsWorkbook, workbookText as xlsxText } from '../../packages/api/src/benchmark/export.ts';

/**
 * The text drawn in a PDF made by pdfkit (base64): inflates each content stream and joins the hex and
 * literal strings of its text operators (kerning numbers between them dropped). Enough to search for a name.
 */
export function pdfText(base64: string): string {
  const pdf = Buffer.from(base64, 'base64');
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream', at);
    if (start < 0) break;
    const bodyStart = pdf[start + 6] === 0x0d ? start + 8 : start + 7;
    const end = pdf.indexOf('endstream', bodyStart);
    if (end < 0) break;
    const body = pdf.subarray(bodyStart, end);
    let text: string;
    try {
      text = inflateSync(body).toString('latin1');
    } catch {
      text = body.toString('latin1');
    }
    for (const op of text.matchAll(/\[(.*?)\]\s*TJ|<([0-9a-fA-F]+)>\s*Tj|\((.*?)\)\s*Tj/gs)) {
      if (op[1] !== undefined) {
        out.push(
          [...op[1].matchAll(/<([0-9a-fA-F]+)>|\((.*?)\)/g)].map((m) => (m[1] ? Buffer.from(m[1], 'hex').toString('latin1') : m[2])).join(''),
        );
      } else if (op[2]) out.push(Buffer.from(op[2], 'hex').toString('latin1'));
      else if (op[3]) out.push(op[3]);
    }
    at = end + 9;
  }
  return out.join('\n');
}
