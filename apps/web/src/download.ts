import { useState } from 'react';
import { errorMessage } from './trpc.ts';

/**
 * A file the API made for download: bytes as base64 (PDF, XLSX, DOCX) or text (CSV), with its type and name.
 * Some exports name the type `mimeType`, most `contentType`.
 */
export type ApiFile = { filename: string } & ({ base64: string } | { body: string }) & ({ contentType: string } | { mimeType: string });

/** A JSON document saved as a file (OCDS release packages). */
export interface JsonFile {
  filename: string;
  json: unknown;
}

function blobOf(file: ApiFile | JsonFile): Blob {
  if ('json' in file) return new Blob([`${JSON.stringify(file.json, null, 2)}\n`], { type: 'application/json' });
  const type = 'contentType' in file ? file.contentType : file.mimeType;
  if ('body' in file) return new Blob([file.body], { type });
  return new Blob([Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0))], { type });
}

/** Hands the file to the browser's download, as if the user had followed a link to it. */
export function saveFile(file: ApiFile | JsonFile): void {
  const url = URL.createObjectURL(blobOf(file));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A reference as a file name: "LCR-2018-EC-PDPS" stays, anything else becomes a hyphen. */
export function fileNameOf(reference: string, extension: string): string {
  return `${reference.replace(/[^A-Za-z0-9-]+/g, '-')}.${extension}`;
}

/**
 * Download buttons: which download is being made (buttons disable meanwhile) and why the last one failed.
 * `download(kind, make)` asks the API for the file and saves it.
 */
export function useDownload<Kind extends string = string>() {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  async function download(kind: Kind, make: () => Promise<ApiFile | JsonFile>): Promise<void> {
    setBusy(kind);
    setProblem(null);
    try {
      saveFile(await make());
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }
  return { busy, problem, download };
}
