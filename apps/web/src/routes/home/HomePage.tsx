import { Link } from 'react-router';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { authorityKindLabel, partnershipKindLabel, rolesText } from '../../labels.ts';
import { useMe, useMyAuthority } from '../../session.tsx';
import type { Me, MyAuthority } from '../../trpc.ts';
import { ContractWarningsPanel } from '../contract/WarningsPanel.tsx';
import { ExpiringCertificatesPanel } from '../organisation/documents/AuthorityViews.tsx';
import { MembersTable } from '../partnership/MembersTable.tsx';
import { DueReturnsPanel } from '../return/DueReturnsPanel.tsx';
import { NoticesDuePanel } from '../notice/NoticesDuePanel.tsx';

export function HomePage() {
  const me = useMe();
  const mine = useMyAuthority(me.data);
  usePageTitle(me.data && me.data.authorityId === null ? 'Your account does not act for an authority' : 'Your authority');

  if (!me.data) return <Loading />;
  if (me.data.authorityId === null) return <NoAuthority me={me.data} />;
  if (mine.isPending) return <Loading />;
  if (mine.isError) return <ProblemPage error={mine.error} />;
  return <Home mine={mine.data} />;
}

function Home({ mine }: { mine: MyAuthority }) {
  const { authority, roles, partnerships } = mine;
  return (
    <>
      <h1 className="govuk-heading-l">Your authority</h1>
      <DueReturnsPanel />
      <ContractWarningsPanel />
      <NoticesDuePanel />
      <ExpiringCertificatesPanel />
      <SummaryList
        rows={[
          { key: 'Name', value: authority.name, testId: 'authority-name' },
          { key: 'GSS code', value: authority.id, testId: 'authority-code' },
          { key: 'Kind', value: authorityKindLabel(authority.kind) },
          { key: 'Region', value: authority.region },
          { key: 'Your roles', value: rolesText(roles), testId: 'my-roles' },
        ]}
      />

      <h2 className="govuk-heading-l govuk-!-margin-top-9">Your partnerships</h2>
      {partnerships.length === 0 ? (
        <p className="govuk-body">{authority.name} is not in any partnership yet.</p>
      ) : (
        partnerships.map((p) => (
          <section className="concord-partnership" key={p.id} data-testid="partnership" aria-labelledby={`partnership-${p.id}`}>
            <h3 className="govuk-heading-m" id={`partnership-${p.id}`}>
              <Link className="govuk-link" to={`/partnerships/${p.id}`}>
                {p.name}
              </Link>
            </h3>
            <p className="govuk-body" data-testid="partnership-lead">
              Lead authority: <strong>{p.lead.name}</strong>
            </p>
            <SummaryList
              rows={[
                { key: 'Kind', value: partnershipKindLabel(p.kind) },
                { key: 'Your partnership roles', value: rolesText(p.myRoles), testId: 'partnership-roles' },
              ]}
            />
            <MembersTable caption={`Members of ${p.name}`} captionSize="s" members={p.members} />
            <p className="govuk-body">
              <Link className="govuk-link" to={`/partnerships/${p.id}`}>
                View {p.name}
                <span className="govuk-visually-hidden"> partnership</span>
              </Link>
            </p>
          </section>
        ))
      )}
    </>
  );
}

/** A platform administrator who acts for no authority: the authority pages do not apply. */
function NoAuthority({ me }: { me: Me }) {
  return (
    <>
      <h1 className="govuk-heading-l">Your account does not act for an authority</h1>
      <p className="govuk-body">
        You are signed in as {me.displayName} ({me.email}), a platform administrator. Your account is not a member of any council or NHS
        body, so there is no authority or partnership to show here.
      </p>
      <p className="govuk-body">
        You can still see and end your{' '}
        <Link className="govuk-link" to="/sessions">
          signed-in sessions
        </Link>
        .
      </p>
    </>
  );
}
