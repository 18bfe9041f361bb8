import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * What every page must pass, for the every-page browser test (issue 13): axe-core's rules, GOV.UK titles, no raw
 * codes or broken figures in what people read, and no sideways scroll at 375 px.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Waits until the page's data has loaded: no "Loading…" status left in main. */
export async function settled(page: Page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('main [role="status"]')].some((s) => /Loading…$/.test(s.textContent ?? '')), null, { timeout: 15_000 });
}

/** axe-core's violations (WCAG 2.2 A and AA, and its best practices), one line each naming the rule and the first elements. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ''}`);
  });
}

/** A snake_case code (shared_lives, contract_officer), a figure that is not one, or money past the penny. */
export const UNREADABLE: readonly { what: string; pattern: RegExp }[] = [
  { what: 'a raw code', pattern: /\b[a-z]+(?:_[a-z0-9]+)+\b/ },
  { what: 'NaN, undefined or null', pattern: /\b(?:NaN|undefined|null)\b/ },
  { what: 'money with more than two decimals', pattern: /£\s?-?[\d,]*\.\d{3,}/ },
];

/** Each piece of visible text in main and the header that reads as a code, NaN or a money figure past the penny. */
export async function unreadableText(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => `${document.querySelector('header')?.innerText ?? ''}\n${document.querySelector('main')?.innerText ?? ''}`);
  const found: string[] = [];
  for (const line of text.split('\n')) {
    for (const { what, pattern } of UNREADABLE) {
      const m = pattern.exec(line);
      if (m) found.push(`${what}: “${m[0]}” in “${line.trim().slice(0, 120)}”`);
    }
  }
  return found;
}

/** GOV.UK title pattern: "[Error: ]What the page is[ – Where it is] – Concord". */
export const TITLE_PATTERN = /^(?:Error: )?(?:[^–\s][^–]*[^–\s] – )+Concord$/;

/**
 * How wide the page is at 375 px (more than 375 means it scrolls sideways), and the innermost elements reaching
 * past the edge, to say what to fix. The viewport is put back after.
 */
export async function widthAtPhone(page: Page): Promise<{ width: number; culprits: string[] }> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 800 });
  // Let charts and anything measuring the window take the new width.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  const result = await page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= 375) return { width, culprits: [] };
    const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}`;
    const clipped = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const past = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > 376 && !clipped(e));
    const innermost = past.filter((e) => !past.some((o) => o !== e && e.contains(o)));
    const path = (e: Element) => {
      const chain = [];
      for (let a: Element | null = e; a && a !== document.body && chain.length < 5; a = a.parentElement) chain.unshift(describe(a));
      return chain.join(' > ');
    };
    return { width, culprits: innermost.slice(0, 4).map((e) => `${path(e)} (${Math.round(e.getBoundingClientRect().right)} px)`) };
  });
  if (before) await page.setViewportSize(before);
  return result;
}
