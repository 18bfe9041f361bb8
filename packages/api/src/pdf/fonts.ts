import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

/**
 * The font of every PDF Concord makes (issue 13): DejaVu Sans Condensed, vendored in packages/api/fonts with
 * its licence (Bitstream Vera / DejaVu, free to embed and redistribute). Embedded (pdfkit subsets it), it has
 * every glyph the papers use — £, →, –, ’, “ ”, ≥ — where the standard Helvetica (WinAnsi) has no →.
 *
 * The files are found through the package's own name, so the same code finds them under tsx, in the tests and
 * in the bundled server (apps/api/dist), where packages/api's source is bundled but @concord/api still
 * resolves to the installed package.
 */
export const FONT = { regular: 'Concord', bold: 'Concord-Bold', italic: 'Concord-Italic' } as const;

const FILES: Record<keyof typeof FONT, string> = {
  regular: '@concord/api/fonts/DejaVuSansCondensed.ttf',
  bold: '@concord/api/fonts/DejaVuSansCondensed-Bold.ttf',
  italic: '@concord/api/fonts/DejaVuSansCondensed-Oblique.ttf',
};

let loaded: Record<keyof typeof FONT, Buffer> | undefined;
function fontFiles(): Record<keyof typeof FONT, Buffer> {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const read = (spec: string) => readFileSync(require.resolve(spec));
    loaded = { regular: read(FILES.regular), bold: read(FILES.bold), italic: read(FILES.italic) };
  }
  return loaded;
}

/** Registers the embedded fonts on a new document and starts it in the regular face. */
export function useConcordFonts(doc: InstanceType<typeof PDFDocument>): void {
  const files = fontFiles();
  for (const face of Object.keys(FONT) as (keyof typeof FONT)[]) doc.registerFont(FONT[face], files[face]);
  doc.font(FONT.regular);
}
