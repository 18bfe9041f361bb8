import type { OnlineApplicationStatus } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { UUID } from '../../components/RecordGate.tsx';
import { Tag, type TagColour } from '../../components/Tag.tsx';
import { trpc, type RouterOutputs } from '../../trpc.ts';

export type MyApplication = RouterOutputs['myApplication']['get'];
export type Opportunity = RouterOutputs['opportunity']['get'];

const COLOURS: Record<OnlineApplicationStatus, TagColour> = { draft: 'grey', received: 'blue', admitted: 'green', rejected: 'red', withdrawn: 'orange' };

export function StatusTag({ status, label }: { status: OnlineApplicationStatus; label: string }) {
  return (
    <Tag colour={COLOURS[status]} testId="application-status">
      {label}
    </Tag>
  );
}

/** The sections of the application form, in order: the GOV.UK task list's tasks. */
export const SECTIONS = [
  { key: 'lots', title: 'Lots and prices' },
  { key: 'gateway', title: 'Gateway questions' },
  { key: 'quality', title: 'Quality answers' },
  { key: 'documents', title: 'Supporting documents' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

/** Whether a section holds everything the procurement asks for (what the server checks again on submission). */
export function sectionDone(key: SectionKey, a: MyApplication, o: Opportunity): boolean {
  const answered = (list: { id: string; answer: string }[], id: string) => list.some((x) => x.id === id && x.answer.trim() !== '');
  if (key === 'lots') return a.lots.length > 0 && (!o.asksForPrices || a.lots.every((l) => a.lotPrices.some((p) => p.lotId === l.id)));
  if (key === 'gateway') return o.gatewayQuestions.every((q) => answered(a.gatewayAnswers, q.id));
  if (key === 'quality') return o.criteria.filter((c) => c.kind !== 'price').every((c) => answered(a.qualityAnswers, c.id));
  return true;
}

/** The application named in the address and the procurement it is to. */
export function useApplication() {
  const { applicationId = '' } = useParams();
  const valid = UUID.test(applicationId);
  const application = useQuery({ ...trpc.myApplication.get.queryOptions({ applicationId }), enabled: valid });
  const procurementId = application.data?.procurement.id ?? '';
  const opportunity = useQuery({ ...trpc.opportunity.get.queryOptions({ procurementId }), enabled: procurementId !== '' });
  return { valid, application, opportunity };
}
