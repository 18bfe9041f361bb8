import type { Database } from '@concord/db';
import JSZip from 'jszip';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sql, type Kysely } from 'kysely';

export const PLYMOUTH_COMMISSIONER = 'commissioner.plymouth@concord.example';
export const PLYMOUTH_VIEWER = 'viewer.plymouth@concord.example';
export const SEFTON_COMMISSIONER = 'commissioner.sefton@concord.example';
export const SEFTON_VIEWER = 'viewer.sefton@concord.example';
export const DEVON_COMMISSIONER = 'commissioner.devon@concord.example';
export const BUSINESS_CASE_TABLES = ['options_appraisal', 'risk', 'risk_rag_matrix', 'demand_model', 'business_case'] as const;

/** A digest of every business-case table: to assert a refused call changed nothing. */
export async function businessCaseDigest(db: Kysely<Database>): Promise<string> {
  const parts: string[] = [];
  for (const table of BUSINESS_CASE_TABLES) {
    const { rows } = await sql<{ d: string | null; n: number }>`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d, count(*)::int AS n FROM ${sql.table(table)} t`.execute(db);
    parts.push(`${table}:${rows[0]!.n}:${rows[0]!.d ?? 'empty'}`);
  }
  return parts.join('\n');
}

export async function seededPlymouthCase(db: Kysely<Database>): Promise<{ id: string; appraisalId: string }> {
  const row = await db
    .selectFrom('business_case')
    .select(['id', 'appraisal_id'])
    .where('authority_id', '=', 'E06000026')
    .where('title', '=', 'Direct award of a new contract to Shared Lives South West')
    .executeTakeFirstOrThrow();
  return { id: row.id, appraisalId: row.appraisal_id! };
}

export async function seededSeftonDemand(db: Kysely<Database>): Promise<string> {
  return (await db.selectFrom('demand_model').select('id').where('authority_id', '=', 'E08000014').executeTakeFirstOrThrow()).id;
}

const STANDARD_FONTS = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');

/** Every piece of text in a PDF, page by page, joined (pdf.js text extraction). */
export async function pdfText(base64: string): Promise<{ text: string; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { text: parts.join('\n').replace(/\s+/g, ' '), pages: doc.numPages };
}

/** The text of a DOCX: word/document.xml, tags stripped. */
export async function docxText(base64: string): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}
