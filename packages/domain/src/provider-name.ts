/**
 * A provider's legal name as the register compares it (issue 11): case, accents, punctuation and spacing do not
 * count, '&' is 'and', 'Limited' is 'Ltd' and 'Public Limited Company' is 'PLC', so "Mersey Extra Care Limited",
 * "MERSEY EXTRA-CARE LTD." and "Mersey Extra Care Ltd" are one name.
 */
export function normaliseLegalName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\bpublic limited company\b/g, 'plc')
    .replace(/\blimited\b/g, 'ltd')
    .split(' ')
    .filter(Boolean);
  return words.join(' ');
}

/** The longest word of a normalised name: a cheap filter for the register's rows that could have the same name. */
export function longestWordOf(normalised: string): string {
  return normalised.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
}
