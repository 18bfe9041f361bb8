import { useQuery } from '@tanstack/react-query';
import { Link, Route, Routes, useLocation } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { SubNavigation, type SubNavigationItem } from '../../components/SubNavigation.tsx';
import { useStatusPageTitle } from '../../components/usePageTitle.ts';
import { trpc } from '../../trpc.ts';
import { ApplicationPage } from './ApplicationPage.tsx';
import { ApplicationsTab, NewApplicationPage } from './ApplicationsTab.tsx';
import { ApprovedListTab } from './ApprovedListTab.tsx';
import { ClarificationsTab } from './ClarificationsTab.tsx';
import { CriteriaTab } from './CriteriaTab.tsx';
import { EditProcurementPage } from './EditProcurementPage.tsx';
import { LotFormPage, LotsTab } from './LotsTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { StageTag, type Procurement } from './shared.tsx';
import { SpecificationTab } from './SpecificationTab.tsx';
import { MilestonesPage, TimelineTab } from './TimelineTab.tsx';
import { RecordGate, useRecordId } from '../../components/RecordGate.tsx';
import { ProcurementNoticePage, ProcurementNoticesTab } from '../notice/ProcurementNotices.tsx';

/** A procurement: its heading and sub navigation, and the section chosen (overview, lots, criteria …). */
export function ProcurementPage() {
  const { id, valid } = useRecordId();
  const procurement = useQuery({ ...trpc.procurement.get.queryOptions({ procurementId: id }), enabled: valid });
  // Outsiders cannot tell a procurement exists: the API answers NOT_FOUND, and so do we.
  return (
    <RecordGate query={procurement} valid={valid}>
      {(p) => <ProcurementFrame p={p} />}
    </RecordGate>
  );
}

function ProcurementFrame({ p }: { p: Procurement }) {
  const base = `/procurements/${p.id}`;
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const items: SubNavigationItem[] = [
    { label: 'Overview', href: base, exact: true, testId: 'tab-overview' },
    { label: 'Lots', href: `${base}/lots`, testId: 'tab-lots' },
    { label: 'Specification', href: `${base}/specification`, testId: 'tab-specification' },
    { label: 'Criteria', href: `${base}/criteria`, testId: 'tab-criteria' },
    // Evaluation is confidential to the lead authority's evaluators: partners are not offered it.
    ...(p.canEvaluate ? [{ label: 'Applications', href: `${base}/applications`, testId: 'tab-applications' }] : []),
    ...(p.canEvaluate ? [{ label: 'Clarifications', href: `${base}/clarifications`, testId: 'tab-clarifications' }] : []),
    { label: 'Approved list', href: `${base}/approved-list`, testId: 'tab-approved-list' },
    { label: 'Timeline', href: `${base}/timeline`, testId: 'tab-timeline' },
    { label: 'Notices', href: `${base}/notices`, testId: 'tab-notices' },
  ];
  return (
    <>
      <Link className="govuk-back-link" to="/procurements">
        Back to joint procurements
      </Link>
      {notice && (
        <NotificationBanner success key={location.key}>
          {notice}
        </NotificationBanner>
      )}
      <span className="govuk-caption-l" data-testid="procurement-reference">
        {p.reference} · {p.partnership.name}
      </span>
      <h1 className="govuk-heading-l govuk-!-margin-bottom-3" data-testid="procurement-title">
        {p.title}
      </h1>
      <p className="govuk-body concord-stage-line">
        <StageTag status={p.status} /> <span className="govuk-!-margin-left-2">Run by {p.lead.name} for the partnership</span>
      </p>
      {!p.canEdit && (
        <p className="govuk-hint" data-testid="read-only">
          You can read this procurement. Only the lead commissioner at {p.lead.name} can change it.
        </p>
      )}
      <SubNavigation label="Procurement sections" items={items} />
      <Routes>
        <Route index element={<OverviewTab p={p} />} />
        <Route path="edit" element={<EditProcurementPage p={p} />} />
        <Route path="lots" element={<LotsTab p={p} />} />
        <Route path="lots/new" element={<LotFormPage p={p} />} />
        <Route path="lots/:lotId/edit" element={<LotFormPage p={p} />} />
        <Route path="specification" element={<SpecificationTab p={p} />} />
        <Route path="criteria" element={<CriteriaTab p={p} />} />
        <Route path="applications" element={<ApplicationsTab p={p} />} />
        <Route path="applications/new" element={<NewApplicationPage p={p} />} />
        <Route path="applications/:applicationId" element={<ApplicationPage p={p} />} />
        <Route path="clarifications" element={<ClarificationsTab p={p} />} />
        <Route path="approved-list" element={<ApprovedListTab p={p} />} />
        <Route path="timeline" element={<TimelineTab p={p} />} />
        <Route path="timeline/milestones" element={<MilestonesPage p={p} />} />
        <Route path="notices" element={<ProcurementNoticesTab p={p} />} />
        <Route path="notices/:noticeId" element={<ProcurementNoticePage p={p} />} />
        <Route path="*" element={<SectionNotFound base={base} />} />
      </Routes>
    </>
  );
}

function SectionNotFound({ base }: { base: string }) {
  useStatusPageTitle('Page not found');
  return (
    <>
      <h2 className="govuk-heading-m">Page not found</h2>
      <p className="govuk-body">
        This procurement has no such page.{' '}
        <Link className="govuk-link" to={base}>
          Go to its overview
        </Link>
        .
      </p>
    </>
  );
}
