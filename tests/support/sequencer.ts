import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest integration files, slowest first, by their time in the latest fresh-clone CI (2026-12-07, seconds, rounded;
 * the last five by an earlier one's).
 * Two workers take files from one queue, so a long file started last leaves one worker running it alone at the
 * end. Vitest orders by the last run's times when it has them, but a fresh clone has none, and then it orders by
 * file size, which put input-fuzz 36th of 98 and partnership-api-matrix 82nd (issue 14, item 8). A file not named
 * here runs after these, in vitest's own order. Update the list when a file becomes one of the slowest.
 */
export const SLOWEST_FIRST = [
  'integration/input-fuzz.test.ts', // 94
  'integration/http-limits.test.ts', // 31
  'tenancy/table-matrix.test.ts', // 19
  'tenancy/api-matrix.test.ts', // 19
  'tenancy/partnership-api-matrix.test.ts', // 17
  'tenancy/private-api-matrix.test.ts', // 17
  'tenancy/provider-api-matrix.test.ts', // 13
  'integration/sign-in-throttle-addresses.test.ts', // 11
  'integration/pdf-layout.test.ts', // 11
  'integration/export-words.test.ts', // 10
  'integration/sign-in-throttle.test.ts', // 9
  'integration/settings.test.ts', // 8
  'tenancy/people-api-matrix.test.ts', // 8
  'integration/first-run.test.ts', // earlier runs: 11
  'integration/provider-document-download.test.ts', // 11
  'integration/procurement-workflow.test.ts', // 10
  'integration/procurement-act-notices.test.ts', // 9
  'integration/seed-commands.test.ts', // 8
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOWEST_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId).split('\\').join('/'));
      return index === -1 ? SLOWEST_FIRST.length : index;
    };
    // Projects stay in vitest's order; Array.prototype.sort is stable, so files not in the list keep vitest's order too.
    const projects = [...new Set(sorted.map((spec) => spec.project.name))];
    const project = (spec: TestSpecification) => projects.indexOf(spec.project.name);
    return sorted.sort((a, b) => project(a) - project(b) || rank(a) - rank(b));
  }
}
