import { describe, expect, it } from 'vitest';
import type { Caller } from '../support/api.ts';
import { seededFileWithCallers } from '../support/seeded-file.ts';
import { changedBy, inParallel } from '../support/concurrency.ts';
import { versionOf } from '../support/versions.ts';
import { fixtureApplication, fixtureProcurement, LIVERPOOL_COMMISSIONER, LIVERPOOL_OFFICER, userIdOf, type FixtureProcurement } from '../support/procurement.ts';

/**
 * Scores saved at once (the known limit "evaluators get CONFLICT when they score different criteria of the same
 * application at once"): each evaluator's score of a criterion, and each criterion's agreed score, is a record with its
 * own version (migration 0055). Saves of different records at once all succeed (truly parallel on PostgreSQL: each call
 * is its own transaction on its own pooled connection; one after another on PGlite); two saves of the same record from
 * the same version give CONFLICT to the second, and the stored score is the winner's, written once.
 */
const EMAILS = {
  lead: LIVERPOOL_COMMISSIONER,
  officer: LIVERPOOL_OFFICER,
  // The same people signed in a second time (another window or device).
  leadElsewhere: LIVERPOOL_COMMISSIONER,
  officerElsewhere: LIVERPOOL_OFFICER,
};

const { as, db, nameOf } = seededFileWithCallers(EMAILS);

async function application(options: { scoredByOfficer?: boolean } = {}): Promise<{ p: FixtureProcurement; applicationId: string }> {
  const p = await fixtureProcurement(db(), { status: 'evaluation' });
  const scoredBy = options.scoredByOfficer ? await userIdOf(db(), LIVERPOOL_OFFICER) : undefined;
  return { p, applicationId: await fixtureApplication(db(), p, scoredBy ? { scoredBy } : {}) };
}

/** Every evaluator's score of the application: who (by email), which criterion (by kind), the score, rationale and version. */
async function scoresOf(applicationId: string, p: FixtureProcurement) {
  const rows = await db()
    .selectFrom('evaluation_score as s')
    .innerJoin('app_user as u', 'u.id', 's.evaluator_id')
    .select(['u.email', 's.criterion_id', 's.score', 's.rationale', 's.row_version'])
    .where('s.application_id', '=', applicationId)
    .execute();
  const kind = (id: string) => Object.entries(p.criterionIds).find(([, c]) => c === id)![0];
  return rows.map((r) => ({ who: r.email, criterion: kind(r.criterion_id), score: r.score, rationale: r.rationale, version: r.row_version })).sort((a, b) => `${a.who}${a.criterion}`.localeCompare(`${b.who}${b.criterion}`));
}

async function agreedOf(applicationId: string) {
  return db().selectFrom('moderated_score').select(['criterion_id', 'score', 'rationale', 'row_version']).where('application_id', '=', applicationId).orderBy('criterion_id').execute();
}

/** Runs the calls at once; each resolves to its own tag when it succeeds, so the test knows who won. */
const tagged = (calls: Record<string, () => Promise<unknown>>) => inParallel(Object.entries(calls).map(([tag, call]) => () => call().then(() => tag)));

describe('evaluators scoring at once', () => {
  it('two evaluators scoring different criteria of one application at once: both saved, each row with its values', async () => {
    const { p, applicationId } = await application();
    const applicationVersion = await versionOf(db(), 'application', applicationId);
    const first = await tagged({
      lead: () => as.lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 5, rationale: 'Lead on quality' }),
      officer: () => as.officer.application.score({ applicationId, version: null, criterionId: p.criterionIds.socialValue, score: 2, rationale: 'Officer on social value' }),
    });
    expect(first.refused).toEqual([]);
    expect(first.ok.sort()).toEqual(['lead', 'officer']);
    expect(await scoresOf(applicationId, p)).toEqual([
      { who: LIVERPOOL_COMMISSIONER, criterion: 'quality', score: 5, rationale: 'Lead on quality', version: 1 },
      { who: LIVERPOOL_OFFICER, criterion: 'socialValue', score: 2, rationale: 'Officer on social value', version: 1 },
    ]);

    // Again, each from the version of their own score the page showed: the changes are saved together too.
    const again = await tagged({
      lead: () => as.lead.application.score({ applicationId, version: 1, criterionId: p.criterionIds.quality, score: 4, rationale: 'Lead, revised' }),
      officer: () => as.officer.application.score({ applicationId, version: 1, criterionId: p.criterionIds.socialValue, score: 3, rationale: 'Officer, revised' }),
      officerOnQuality: () => as.officer.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 1, rationale: 'Officer on quality' }),
    });
    expect(again.refused).toEqual([]);
    expect(await scoresOf(applicationId, p)).toEqual([
      { who: LIVERPOOL_COMMISSIONER, criterion: 'quality', score: 4, rationale: 'Lead, revised', version: 2 },
      { who: LIVERPOOL_OFFICER, criterion: 'quality', score: 1, rationale: 'Officer on quality', version: 1 },
      { who: LIVERPOOL_OFFICER, criterion: 'socialValue', score: 3, rationale: 'Officer, revised', version: 2 },
    ]);
    // Scores are not edits of the application: its version (what the gateway form sends) did not move.
    expect(await versionOf(db(), 'application', applicationId)).toBe(applicationVersion);
  });

  it('one evaluator saving the same criterion from the same version in two windows at once: one saved, the other CONFLICT, the stored score is the winner’s', async () => {
    const { p, applicationId } = await application({ scoredByOfficer: true });
    const save = (c: Caller, score: number) => () => c.application.score({ applicationId, version: 1, criterionId: p.criterionIds.quality, score, rationale: `Window scoring ${score}` });
    const result = await tagged({ here: save(as.officer, 4), elsewhere: save(as.officerElsewhere, 1) });
    expect(result.ok).toHaveLength(1);
    expect(result.refused).toEqual([{ code: 'CONFLICT', message: expect.stringMatching(changedBy(await nameOf(LIVERPOOL_OFFICER))) }]);
    const winner = result.ok[0] === 'here' ? 4 : 1;
    expect(await scoresOf(applicationId, p)).toEqual([{ who: LIVERPOOL_OFFICER, criterion: 'quality', score: winner, rationale: `Window scoring ${winner}`, version: 2 }]);
  });

  it('the first score of a criterion saved in two windows at once: one saved, the other CONFLICT (scored meanwhile)', async () => {
    const { p, applicationId } = await application();
    const save = (c: Caller, score: number) => () => c.application.score({ applicationId, version: null, criterionId: p.criterionIds.socialValue, score, rationale: `First ${score}` });
    const result = await tagged({ here: save(as.lead, 3), elsewhere: save(as.leadElsewhere, 5) });
    expect(result.ok).toHaveLength(1);
    expect(result.refused).toEqual([{ code: 'CONFLICT', message: expect.stringMatching(/^You scored this criterion meanwhile \(in another window\)\. Changed by /) }]);
    const winner = result.ok[0] === 'here' ? 3 : 5;
    expect(await scoresOf(applicationId, p)).toEqual([{ who: LIVERPOOL_COMMISSIONER, criterion: 'socialValue', score: winner, rationale: `First ${winner}`, version: 1 }]);
  });
});

describe('moderating at once', () => {
  async function scoredOnBoth() {
    const made = await application({ scoredByOfficer: true });
    await as.officer.application.score({ applicationId: made.applicationId, version: null, criterionId: made.p.criterionIds.socialValue, score: 2, rationale: 'Officer on social value' });
    return made;
  }

  it('the agreed scores of different criteria saved at once: both saved', async () => {
    const { p, applicationId } = await scoredOnBoth();
    const result = await tagged({
      quality: () => as.lead.application.moderate({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 4, rationale: 'Agreed quality' }),
      social: () => as.leadElsewhere.application.moderate({ applicationId, version: null, criterionId: p.criterionIds.socialValue, score: 3, rationale: 'Agreed social value' }),
    });
    expect(result.refused).toEqual([]);
    const byCriterion = Object.fromEntries((await agreedOf(applicationId)).map((m) => [m.criterion_id, { score: m.score, rationale: m.rationale, version: m.row_version }]));
    expect(byCriterion).toEqual({
      [p.criterionIds.quality]: { score: 4, rationale: 'Agreed quality', version: 1 },
      [p.criterionIds.socialValue]: { score: 3, rationale: 'Agreed social value', version: 1 },
    });
  });

  it('the same criterion’s agreed score saved from the same version at once: one saved, the other CONFLICT, the stored score is the winner’s', async () => {
    const { p, applicationId } = await scoredOnBoth();
    const moderate = (c: Caller, version: number | null, score: number) => () =>
      c.application.moderate({ applicationId, version, criterionId: p.criterionIds.quality, score, rationale: `Agreed ${score}` });
    expect((await moderate(as.lead, null, 3)()).rowVersion).toBe(1);
    const result = await tagged({ here: moderate(as.lead, 1, 4), elsewhere: moderate(as.leadElsewhere, 1, 2) });
    expect(result.ok).toHaveLength(1);
    expect(result.refused).toEqual([{ code: 'CONFLICT', message: expect.stringMatching(changedBy(await nameOf(LIVERPOOL_COMMISSIONER))) }]);
    const winner = result.ok[0] === 'here' ? 4 : 2;
    expect((await agreedOf(applicationId)).map((m) => ({ score: m.score, rationale: m.rationale, version: m.row_version }))).toEqual([{ score: winner, rationale: `Agreed ${winner}`, version: 2 }]);
    // Reloaded, the other saves from the version now shown.
    expect((await moderate(as.leadElsewhere, 2, 2)()).rowVersion).toBe(3);
  });
});
