/**
 * Packages that take 50–300 ms each to import, used only by some procedures (spreadsheet exports and uploads,
 * PDFs, Word documents, mail, the two-step QR code, the type of an uploaded document): loaded on first use, so neither the server's start nor a test file that never
 * exports waits for them (issue 14, item 5). Each import happens once; later calls reuse the loaded module.
 */
export const loadExcelJs = async () => (await import('exceljs')).default;
export const loadPdfKit = async () => (await import('pdfkit')).default;
export const loadDocx = () => import('docx');
export const loadNodemailer = () => import('nodemailer');
export const loadQrCode = async () => (await import('qrcode')).default;
export const loadFileType = () => import('file-type');
