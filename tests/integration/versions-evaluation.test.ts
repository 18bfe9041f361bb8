import { describe, expect, it } from 'vitest';
import type { Caller } from '../support/api.ts';
import { seededFileWithCallers } from '../support/seeded-file.ts';
import { seftonCallOff } from '../support/call-offs.ts';
import { changedBy } from '../support/concurrency.ts';
import { fixtureApplication, fixtureProcurement, LIVERPOOL_COMMISSIONER, LIVERPOOL_OFFICER, refusedUnchanged, SEFTON_COMMISSIONER, tablesSnapshot, userIdOf } from '../support/procurement.ts';

/**
 * Issue 12, item 4: the evaluation edits REQUIRE the version of the record the person loaded: gateway answers carry
 * the application's version; an evaluator's score of a criterion and the agreed score of a criterion carry their own
 * (migration 0055; scores saved at once: versions-scores.test.ts); the panel's scores of a call-off response the
 * call-off's (its responses are sealed rows, never updated). Without it: BAD_REQUEST on `version`. From a version
 * someone has moved on since: CONFLICT on `version` naming them and when, and nothing written. Each save returns the
 * new version, the one the page sends next.
 */
const EMAILS = {
  lead: LIVERPOOL_COMMISSIONER,
  officer: LIVERPOOL_OFFICER,
  sefton: SEFTON_COMMISSIONER,
  // The same people signed in a second time (another window or device): only they edit their own score.
  leadElsewhere: LIVERPOOL_COMMISSIONER,
  officerElsewhere: LIVERPOOL_OFFICER,
};
type Who = keyof typeof EMAILS;

const { as, connection, db, nameOf } = seededFileWithCallers(EMAILS);

type Save = (c: Caller, version: number | undefined) => Promise<{ rowVersion: number }>;
const criterionOf = (a: { criteria: { criterionId: string; myScore: { rowVersion: number } | null; moderated: { rowVersion: number } | null }[] }, id: string) =>
  a.criteria.find((c) => c.criterionId === id)!;

/** One edit, on a fresh record: `first` saves from the version loaded, then `second`, who loaded the same, is refused. */
interface Case {
  first: Who;
  second: Who;
  arrange: () => Promise<{ version: number; save: Save; current: () => Promise<number> }>;
  /** The tables that must not change when the stale edit is refused. */
  tables: string[];
}

const EVALUATION_TABLES = ['application', 'gateway_answer', 'evaluation_score', 'moderated_score'];

const applicationCase = (first: Who, second: Who, send: (c: Caller, applicationId: string, version: number, p: Awaited<ReturnType<typeof fixtureProcurement>>) => Promise<{ rowVersion: number }>): Case => ({
  first,
  second,
  arrange: async () => {
    const p = await fixtureProcurement(db(), { status: 'evaluation' });
    const applicationId = await fixtureApplication(db(), p, { scoredBy: await userIdOf(db(), LIVERPOOL_OFFICER) });
    const current = async () => (await as.lead.application.get({ applicationId })).rowVersion;
    // `version as number` lets the missing-version call through the types: it is what a script leaving it out sends.
    return { version: await current(), current, save: (c, version) => send(c, applicationId, version as number, p) };
  },
  tables: EVALUATION_TABLES,
});

const CASES: Record<string, Case> = {
  'application.recordGateway': applicationCase('officer', 'lead', (c, applicationId, version, p) =>
    c.application.recordGateway({ applicationId, version, answers: [{ questionId: p.questionIds[0]!, passed: true, note: `Checked at ${version}` }] }),
  ),
  'application.score': {
    first: 'officer',
    second: 'officerElsewhere',
    arrange: async () => {
      const p = await fixtureProcurement(db(), { status: 'evaluation' });
      const applicationId = await fixtureApplication(db(), p, { scoredBy: await userIdOf(db(), LIVERPOOL_OFFICER) });
      const current = async () => criterionOf(await as.officer.application.get({ applicationId }), p.criterionIds.quality).myScore!.rowVersion;
      return {
        version: await current(),
        current,
        save: (c, version) => c.application.score({ applicationId, version: version as number, criterionId: p.criterionIds.quality, score: 2, rationale: `Seen at ${version}` }),
      };
    },
    tables: EVALUATION_TABLES,
  },
  'application.moderate': {
    first: 'lead',
    second: 'leadElsewhere',
    arrange: async () => {
      const p = await fixtureProcurement(db(), { status: 'evaluation' });
      const applicationId = await fixtureApplication(db(), p, { scoredBy: await userIdOf(db(), LIVERPOOL_OFFICER) });
      const moderate = (c: Caller, version: number | null) => c.application.moderate({ applicationId, version, criterionId: p.criterionIds.quality, score: 4, rationale: `Agreed at ${version}` });
      await moderate(as.lead, null);
      const current = async () => criterionOf(await as.lead.application.get({ applicationId }), p.criterionIds.quality).moderated!.rowVersion;
      return { version: await current(), current, save: (c, version) => moderate(c, version as number) };
    },
    tables: EVALUATION_TABLES,
  },
  'callOff.scoreResponse': {
    first: 'sefton',
    second: 'sefton',
    arrange: async () => {
      const made = await seftonCallOff(connection(), 'mini_competition', { invite: true, respond: true });
      const read = () => as.sefton.callOff.get({ callOffId: made.id });
      const detail = await read();
      const quality = detail.criteria.find((x) => x.kind === 'quality')!;
      const providerId = detail.invitations[0]!.providerId;
      return {
        version: detail.rowVersion,
        current: async () => (await read()).rowVersion,
        save: (c, version) => c.callOff.scoreResponse({ callOffId: made.id, version: version as number, providerId, scores: [{ criterionId: quality.id, score: 3, rationale: `Seen at ${version}` }] }),
      };
    },
    tables: ['call_off', 'call_off_score'],
  },
};

describe('an evaluation edit from a stale version is refused with CONFLICT, naming who changed it and when, and writes nothing', () => {
  it.each(Object.entries(CASES))('%s', async (_, c) => {
    const { version, save, current } = await c.arrange();
    const snapshot = () => tablesSnapshot(db(), c.tables);
    expect(await refusedUnchanged(snapshot, () => save(as[c.first], undefined))).toMatchObject({ code: 'BAD_REQUEST', field: 'version' });

    const saved = await save(as[c.first], version);
    expect(saved.rowVersion).toBe(version + 1);
    expect(await current()).toBe(saved.rowVersion);

    const refused = await refusedUnchanged(snapshot, () => save(as[c.second], version));
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(refused.message).toMatch(changedBy(await nameOf(EMAILS[c.first])));

    // Reloaded, the second person saves, and the version moves on again.
    expect((await save(as[c.second], saved.rowVersion)).rowVersion).toBe(saved.rowVersion + 1);
  });
});
