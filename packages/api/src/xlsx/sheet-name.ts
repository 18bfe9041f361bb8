/**
 * Excel sheet names (issue 13): at most 31 characters, none of \ / ? * [ ] :, not blank, and unique in the
 * workbook ignoring case. A long name is shortened at a word boundary — "SL-01 Long-term Shared Lives
 * placements" becomes "SL-01 Long-term Shared Lives", not "SL-01 Long-term Shared Lives pl" — and a name
 * already taken gets " (2)", " (3)"… within the limit.
 */
export const SHEET_NAME_LIMIT = 31;

/** A name shortened to `limit` characters at the last space that fits (mid-word only for a single long word). */
export function shortenAtWord(name: string, limit: number): string {
  const clean = name.replace(/[\\/?*[\]:]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '');
  if (clean.length <= limit) return clean;
  const head = clean.slice(0, limit + 1);
  const space = head.lastIndexOf(' ');
  const cut = space > 0 ? space : limit;
  return clean.slice(0, cut).replace(/[\s,;–—-]+$/, '');
}

/** Names sheets for one workbook: each call returns a valid name not used before in it. */
export function sheetNamer(limit = SHEET_NAME_LIMIT): (name: string) => string {
  const used = new Set<string>();
  return (name: string) => {
    const base = shortenAtWord(name, limit) || 'Sheet';
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      candidate = `${shortenAtWord(base, limit - suffix.length) || base.slice(0, limit - suffix.length)}${suffix}`;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  };
}
