import type { SpecificationSection } from '@concord/db';

export type LineChange = { op: 'equal' | 'added' | 'removed'; text: string };

export interface SectionDiff {
  key: string;
  heading: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** The section in the earlier version (null when added). */
  before: { heading: string; body: string } | null;
  /** The section in the later version (null when removed). */
  after: { heading: string; body: string } | null;
  /** Line by line, earlier → later. */
  lines: LineChange[];
}

/** A line diff by longest common subsequence: fine for specification sections (hundreds of lines). */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'equal', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: 'removed', text: a[i++]! });
    } else {
      out.push({ op: 'added', text: b[j++]! });
    }
  }
  while (i < n) out.push({ op: 'removed', text: a[i++]! });
  while (j < m) out.push({ op: 'added', text: b[j++]! });
  return out;
}

/**
 * Section by section, matched by key: in the later version's order, with sections only in the earlier
 * one (removed) after them. A change of heading alone counts as changed.
 */
export function diffSections(before: SpecificationSection[], after: SpecificationSection[]): SectionDiff[] {
  const earlier = new Map(before.map((s) => [s.key, s]));
  const later = new Set(after.map((s) => s.key));
  const result: SectionDiff[] = after.map((s) => {
    const old = earlier.get(s.key);
    if (!old) {
      return { key: s.key, heading: s.heading, change: 'added', before: null, after: { heading: s.heading, body: s.body }, lines: diffLines('', s.body) };
    }
    const same = old.heading === s.heading && old.body === s.body;
    return {
      key: s.key,
      heading: s.heading,
      change: same ? 'unchanged' : 'changed',
      before: { heading: old.heading, body: old.body },
      after: { heading: s.heading, body: s.body },
      lines: diffLines(old.body, s.body),
    };
  });
  for (const s of before) {
    if (!later.has(s.key)) {
      result.push({ key: s.key, heading: s.heading, change: 'removed', before: { heading: s.heading, body: s.body }, after: null, lines: diffLines(s.body, '') });
    }
  }
  return result;
}
