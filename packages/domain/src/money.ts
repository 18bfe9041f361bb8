/** Money is held as integer pence. */
export type Pence = number;

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const wholePounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

export function formatPence(pence: Pence, options: { whole?: boolean } = {}): string {
  if (!Number.isInteger(pence)) throw new RangeError(`money must be whole pence, got ${pence}`);
  return (options.whole ? wholePounds : pounds).format(pence / 100);
}

/** '£1,234.56' or '1234.56' → 123456. Rejects fractions of a penny. */
export function parsePounds(text: string): Pence {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) throw new RangeError(`"${text}" is not an amount of money`);
  const [whole, fraction = ''] = cleaned.replace('-', '').split('.');
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return cleaned.startsWith('-') ? -pence : pence;
}
