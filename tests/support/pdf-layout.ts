import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The text boxes of a PDF (base64), page by page, as pdfjs lays them out: for checks that no text runs off
 * the page or over other text (issue 13). Boxes are in PDF points, origin at the bottom left of the page;
 * a box runs from the baseline's descent to the font's height.
 */
export interface TextBox {
  page: number;
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface PdfLayout {
  pages: { width: number; height: number }[];
  boxes: TextBox[];
  text: string;
  fonts: string[];
}

const STANDARD_FONTS = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');

export async function pdfLayout(base64: string): Promise<PdfLayout> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: PdfLayout['pages'] = [];
  const boxes: TextBox[] = [];
  const texts: string[] = [];
  const fonts = new Set<string>();
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    pages.push({ width, height });
    const content = await page.getTextContent();
    for (const [, style] of Object.entries(content.styles)) fonts.add(style.fontFamily);
    const parts: string[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      parts.push(item.str);
      if (item.str.trim() === '') continue;
      const [, , , , e, f] = item.transform as number[];
      const size = Math.hypot(item.transform[2]!, item.transform[3]!);
      // The font's descent sits below the baseline; pdfjs's height is the font size.
      boxes.push({ page: n, str: item.str, x: e!, y: f! - size * 0.2, width: item.width, height: size });
    }
    texts.push(parts.join(' '));
  }
  return { pages, boxes, text: texts.join('\n').replace(/\s+/g, ' '), fonts: [...fonts] };
}

/** Boxes that leave the page or come closer than `margin` points to its edge. */
export function offPage(layout: PdfLayout, margin = 14): TextBox[] {
  return layout.boxes.filter((b) => {
    const p = layout.pages[b.page - 1]!;
    return b.x < margin || b.x + b.width > p.width - margin || b.y < margin || b.y + b.height > p.height - margin;
  });
}

/** Pairs of boxes on one page that overlap by more than `tolerance` points both across and down. */
export function overlapping(layout: PdfLayout, tolerance = 1): [TextBox, TextBox][] {
  const out: [TextBox, TextBox][] = [];
  const byPage = new Map<number, TextBox[]>();
  for (const b of layout.boxes) byPage.set(b.page, [...(byPage.get(b.page) ?? []), b]);
  for (const boxes of byPage.values()) {
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if (across > tolerance && down > tolerance) out.push([a, b]);
      }
    }
  }
  return out;
}

export const describeBox = (b: TextBox) => `p${b.page} "${b.str}" at (${b.x.toFixed(1)}, ${b.y.toFixed(1)}) ${b.width.toFixed(1)}×${b.height.toFixed(1)}`;

/**
 * Renders one page of a PDF (base64) to a PNG file, through pdfjs and the canvas it brings
 * (@napi-rs/canvas, its optional dependency): a picture of the printed page to look at.
 */
export async function renderPdfPage(base64: string, pageNumber: number, file: string, scale = 1.5): Promise<number> {
  const { writeFileSync } = await import('node:fs');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: { toBuffer(type: string): Buffer }; context: unknown } } }).canvasFactory;
  const { canvas, context } = factory.create(viewport.width, viewport.height);
  await page.render({ canvasContext: context as never, viewport, canvas: canvas as never }).promise;
  const png = canvas.toBuffer('image/png');
  writeFileSync(file, png);
  return png.length;
}
