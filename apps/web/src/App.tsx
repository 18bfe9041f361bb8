import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { lazyPage } from './components/lazyPage.tsx';
import { NotFoundPage } from './components/StatusPages.tsx';
import { areas } from './routes/index.ts';
import { SignInPage } from './routes/sign-in/SignInPage.tsx';
import { ORGANISATION_INVITATION_PATH, REGISTER_ORGANISATION_PATH } from './routes/organisation/paths.ts';
import { SignedInOnly, SignedOutOnly } from './session.tsx';

const setupPage = () => import('./routes/setup/SetupPage.tsx');

export function App() {
  return (
    <Routes>
      <Route element={<Layout areas={areas} />}>
        {/* Setup links work whoever is signed in on this browser: the link decides who is created. */}
        <Route path="/setup/:token" element={lazyPage(setupPage, 'SetupPage', { mode: 'first_run' })} />
        <Route path="/set-password/:token" element={lazyPage(setupPage, 'SetupPage', { mode: 'admin_create' })} />
        <Route path="/invitation/:token" element={lazyPage(setupPage, 'SetupPage', { mode: 'invitation' })} />
        <Route path="/reset-password/:token" element={lazyPage(setupPage, 'SetupPage', { mode: 'reset' })} />
        <Route path={ORGANISATION_INVITATION_PATH} element={lazyPage(() => import('./routes/organisation/AcceptInvitationPage.tsx'), 'AcceptInvitationPage')} />
        <Route element={<SignedOutOnly />}>
          {/* Sign in is the first page of most visits, so it comes with the service's own code; the rest load on first visit. */}
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/forgot-password" element={lazyPage(() => import('./routes/sign-in/ForgotPasswordPage.tsx'), 'ForgotPasswordPage')} />
          <Route path={REGISTER_ORGANISATION_PATH} element={lazyPage(() => import('./routes/organisation/RegisterOrganisationPage.tsx'), 'RegisterOrganisationPage')} />
        </Route>
        <Route element={<SignedInOnly />}>
          {areas.flatMap((area) => area.routes.map((route) => <Route key={route.path} path={route.path} element={route.element} />))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
