import { MAX_DOCUMENT_BYTES } from '@concord/domain/provider-documents';

/** The file an upload form picked, in base64 for the API (which reads its type from the content). */
export async function fileAsBase64(file: File): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The selected file could not be read'));
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(',') + 1);
}

/** What the page itself can say about a picked file before sending it. */
export function fileProblem(file: File | undefined): string | null {
  if (!file) return 'Select a file';
  if (file.size === 0) return 'The selected file is empty';
  if (file.size > MAX_DOCUMENT_BYTES) return 'The selected file must be smaller than 10 MB';
  return null;
}

/** The types the file chooser offers (the server checks the content whatever the name). */
export const ACCEPTED_FILES = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

export const downloadHref = (documentId: string) => `/files/provider-documents/${documentId}`;
