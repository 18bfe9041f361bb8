import { formatPence, type ScoredResponse } from '@concord/domain';
import type { Tx } from '@concord/db';
import { notify } from '../message/notify.ts';

interface Award {
  callOff: { id: string; authority_id: string; reference: string; scheme_name: string };
  results: ScoredResponse[];
  winner: ScoredResponse;
  contractReference: string;
  feedback: { providerId: string; feedback: string }[];
}

/**
 * At award, each respondent's own result (issue 11, item 4): its rank, points per criterion and total, the council's
 * feedback, and for the winner the contract's reference. A provider reads only its own row, once the call-off is
 * awarded (migration 0032): never another's price, points or rank. Each is told in its inbox.
 */
export async function recordOutcomes(ctx: { tx: Tx; session: { authorityId: string } }, award: Award): Promise<void> {
  const { callOff, results, winner } = award;
  if (results.length === 0) return;
  const criteria = await ctx.tx.selectFrom('call_off_criterion').select(['id', 'name', 'kind', 'weight_percent']).where('call_off_id', '=', callOff.id).orderBy('position').execute();
  const authority = await ctx.tx.selectFrom('authority').select('name').where('id', '=', ctx.session.authorityId).executeTakeFirstOrThrow();
  for (const r of results) {
    const successful = r.providerId === winner.providerId;
    const points = r.criteria.map((p) => {
      const c = criteria.find((x) => x.id === p.criterionId);
      return { criterionId: p.criterionId, name: c?.name ?? '', kind: p.kind, weightPercent: c?.weight_percent ?? null, score: p.score, points: p.points };
    });
    await ctx.tx
      .insertInto('call_off_outcome')
      .values({
        authority_id: ctx.session.authorityId,
        call_off_id: callOff.id,
        provider_id: r.providerId,
        response_id: r.responseId,
        rank: r.rank,
        total_points: r.totalPoints,
        successful,
        points: JSON.stringify(points),
        feedback: award.feedback.find((f) => f.providerId === r.providerId)?.feedback ?? null,
        contract_reference: successful ? award.contractReference : null,
      })
      .execute();
    await notify(ctx.tx, {
      to: { providerId: r.providerId },
      from: { authorityId: ctx.session.authorityId },
      kind: 'call_off_outcome',
      subject: successful ? `You have been awarded ${callOff.scheme_name} (${callOff.reference})` : `The outcome of ${callOff.scheme_name} (${callOff.reference})`,
      body: successful
        ? `${authority.name} has awarded call-off ${callOff.reference} to you: contract ${award.contractReference}${r.pricePence ? ` at your price of ${formatPence(r.pricePence)}` : ''}. See your score and feedback.`
        : `${authority.name} has awarded call-off ${callOff.reference} to another provider. See your own score, rank and feedback.`,
      link: `/organisation/invitations/${callOff.id}`,
    });
  }
}
