import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { NotFoundPage } from './components/StatusPages.tsx';
import { areas } from './routes/index.ts';
import { ForgotPasswordPage, SignInPage } from './routes/sign-in/index.ts';
import { SetupPage } from './routes/setup/index.ts';
import { AcceptInvitationPage, ORGANISATION_INVITATION_PATH } from './routes/organisation/AcceptInvitationPage.tsx';
import { REGISTER_ORGANISATION_PATH, RegisterOrganisationPage } from './routes/organisation/RegisterOrganisationPage.tsx';
import { SignedInOnly, SignedOutOnly } from './session.tsx';

export function App() {
  return (
    <Routes>
      <Route element={<Layout areas={areas} />}>
        {/* Setup links work whoever is signed in on this browser: the link decides who is created. */}
        <Route path="/setup/:token" element={<SetupPage mode="first_run" />} />
        <Route path="/set-password/:token" element={<SetupPage mode="admin_create" />} />
        <Route path="/invitation/:token" element={<SetupPage mode="invitation" />} />
        <Route path="/reset-password/:token" element={<SetupPage mode="reset" />} />
        <Route path={ORGANISATION_INVITATION_PATH} element={<AcceptInvitationPage />} />
        <Route element={<SignedOutOnly />}>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path={REGISTER_ORGANISATION_PATH} element={<RegisterOrganisationPage />} />
        </Route>
        <Route element={<SignedInOnly />}>
          {areas.flatMap((area) => area.routes.map((route) => <Route key={route.path} path={route.path} element={route.element} />))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
