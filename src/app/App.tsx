import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import {
  createBrowserRouter,
  isRouteErrorResponse,
  Link,
  Navigate,
  NavLink,
  Outlet,
  type RouteObject,
  useLocation,
  useRouteError,
} from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { isShareSession, useSession } from './api/get-session';
import { CopyLink } from './components/CopyLink';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { Button, PageTitle, TextLink } from './components/ui';
import { UserMenu } from './features/auth/components/UserMenu';
import { useSignInWhenSessionEnds } from './features/auth/lib/use-sign-in-when-session-ends';
import { isDemo, modeFromPage, useHealth } from './features/health/api/get-health';
import { ShareButton } from './features/sharing/components/ShareButton';
import {
  LeaveSharedView,
  SharedHeader,
  SharedOutlet,
} from './features/sharing/components/SharedView';
import { ShareEnded } from './features/sharing/components/ShareEnded';
import { cx } from './lib/cx';
import { PAGE_FOR_SHARE_VIEWER, ShareViewContext, shareViewOf } from './lib/share-view';
import { upgradeSearch } from './lib/url-upgrade';
import { RANGE_ROUTE, useKeyboardShortcuts } from './lib/use-keyboard-shortcuts';
import { PRODUCT_NAME, usePageTitle } from './lib/use-page-title';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          const status = (error as { status?: unknown }).status;
          if (typeof status === 'number' && status >= 400 && status < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });
}

/* ------------------------------------------------------------------------ */
/* Layout                                                                   */
/* ------------------------------------------------------------------------ */

function SkipLink() {
  return (
    <a
      href="#main"
      className={cx(
        'sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50',
        'focus:rounded-md focus:bg-surface-raised focus:px-4 focus:py-2 focus:text-fg focus:shadow-lg',
      )}
    >
      Skip to main content
    </a>
  );
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  cx(
    'rounded-sm px-1 py-0.5 text-sm font-medium underline-offset-4 hover:underline',
    isActive ? 'text-brand-strong underline decoration-2' : 'text-fg-muted',
  );

function Header({ onShortcuts }: { onShortcuts: () => void }) {
  return (
    <header className="border-b border-border bg-surface-raised print:border-0 print:bg-transparent">
      <div className="mx-auto flex max-w-content flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6 print:px-0 print:py-1">
        <Link
          to="/"
          className="flex items-center gap-2 rounded-sm text-lg font-semibold tracking-tight"
        >
          <img src="/favicon.svg" alt="" width={28} height={28} className="size-7" />
          <span>{PRODUCT_NAME}</span>
        </Link>
        <nav aria-label="Main" className="print:hidden">
          <ul className="flex items-center gap-3">
            <li>
              <NavLink to="/" end className={navClass}>
                Accounts
              </NavLink>
            </li>
            <li>
              <NavLink to="/compare" className={navClass}>
                Compare
              </NavLink>
            </li>
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-2 print:hidden">
          <ShareButton />
          <CopyLink />
          <Button onClick={onShortcuts} aria-keyshortcuts="?">
            <span aria-hidden="true">?</span>
            <span className="sr-only">Keyboard shortcuts</span>
          </Button>
          <UserMenu />
        </div>
      </div>
    </header>
  );
}

/** The header of the pages for signed-out people: the product's name, no menus. */
function SignedOutHeader() {
  return (
    <header className="border-b border-border bg-surface-raised">
      <div className="mx-auto flex max-w-content items-center px-4 py-3 sm:px-6">
        <p className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <img src="/favicon.svg" alt="" width={28} height={28} className="size-7" />
          <span>{PRODUCT_NAME}</span>
        </p>
      </div>
    </header>
  );
}

/** Site-wide notices derived from `GET /api/health`: demo mode, or an unreachable server. */
function HealthNotice() {
  const health = useHealth();

  if (health.isError) {
    return (
      <div role="alert" className="border-b border-danger/40 bg-danger-surface text-danger">
        <div className="mx-auto flex max-w-content flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <p>
            <strong className="font-semibold">Problem contacting the server.</strong>{' '}
            {health.error.message} Data may be missing or out of date.
          </p>
          <Button
            variant="danger"
            onClick={() => void health.refetch()}
            disabled={health.isFetching}
            className="px-3 disabled:cursor-progress"
          >
            {health.isFetching ? 'Retrying…' : 'Try again'}
          </Button>
        </div>
      </div>
    );
  }

  // Until /api/health answers, the page says what the server is: no banner popping in later.
  if (isDemo(health.data) || (health.isPending && modeFromPage() === 'demo')) {
    return (
      <div role="status" className="border-b border-info/30 bg-info-surface text-info">
        <p className="mx-auto max-w-content px-4 py-2 text-sm sm:px-6">
          <strong className="font-semibold">Demo mode:</strong> the data shown is generated, not
          from Instagram.
        </p>
      </div>
    );
  }

  return null;
}

function Footer() {
  return (
    <footer className="border-t border-border print:hidden">
      <p className="mx-auto max-w-content px-4 py-4 text-sm text-fg-muted sm:px-6">
        Open-source dashboard, not affiliated with Instagram or Meta.
      </p>
    </footer>
  );
}

function Shell({ children, header }: { children: ReactNode; header?: ReactNode }) {
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useKeyboardShortcuts(() => setShortcutsOpen(true));
  return (
    <div className="flex min-h-dvh flex-col print:block print:min-h-0">
      <SkipLink />
      {header ?? <Header onShortcuts={() => setShortcutsOpen(true)} />}
      <HealthNotice />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-content flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8 print:max-w-none print:p-0"
      >
        {children}
      </main>
      <Footer />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
  );
}

/** Sign-in, set-up and invitation: the pages anyone may open, without the signed-in header. */
function SignedOutLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <SignedOutHeader />
      <HealthNotice />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-content flex-1 px-4 py-6 outline-none sm:px-6 sm:py-10"
      >
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}

function RootLayout() {
  useSignInWhenSessionEnds();
  const session = useSession();
  const { pathname, search, hash } = useLocation();
  // A link in an older format opens under its current address, without a history entry, before
  // anything reads the URL: pages only ever parse the current format.
  const upgraded = upgradeSearch(search);
  if (upgraded !== undefined) return <Navigate replace to={{ pathname, search: upgraded, hash }} />;
  // A browser that opened a share link (the server says so in the page) sees nothing of the team's
  // frame before /auth/session answers; everyone else gets the frame at once.
  if (session.isPending && PAGE_FOR_SHARE_VIEWER) return null;
  // A browser that opened a client share link sees its view in a read-only frame, or that it ended.
  if (session.data?.signed_in === false && isShareSession(session.data)) {
    const share = shareViewOf(session.data);
    return (
      <ShareViewContext.Provider value={share}>
        <Shell header={<SharedHeader share={share} />}>
          {share ? (
            <SharedOutlet share={share} />
          ) : (
            <ShareEnded reason={session.data.share_ended} />
          )}
          <LeaveSharedView />
        </Shell>
      </ShareViewContext.Provider>
    );
  }
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

/* ------------------------------------------------------------------------ */
/* Pages                                                                    */
/* ------------------------------------------------------------------------ */

function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section className="space-y-4">
      <PageTitle>Page not found</PageTitle>
      <p className="text-fg-muted">There is nothing at this address.</p>
      <p>
        <TextLink to="/">Go to the home page</TextLink>
      </p>
    </section>
  );
}

/** Rendered by the router when a route throws while loading or rendering. */
function RouteErrorPage() {
  const error = useRouteError();
  const session = useSession();
  usePageTitle('Something went wrong');
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : undefined;
  // A share viewer keeps the shared view's header, even here.
  const shared = isShareSession(session.data);
  return (
    <Shell header={shared ? <SharedHeader share={shareViewOf(session.data)} /> : undefined}>
      <section role="alert" className="space-y-4">
        <PageTitle>Something went wrong</PageTitle>
        {detail ? <p className="text-fg-muted">{detail}</p> : null}
        <p>
          <TextLink href="/">Reload the home page</TextLink>
        </p>
      </section>
    </Shell>
  );
}

/* ------------------------------------------------------------------------ */
/* App                                                                      */
/* ------------------------------------------------------------------------ */

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        index: true,
        lazy: async () => ({
          Component: (await import('./features/accounts/routes/AccountsPage')).AccountsPage,
        }),
      },
      {
        path: 'accounts/:igUserId',
        handle: RANGE_ROUTE,
        lazy: async () => ({
          Component: (await import('./features/account-insights/routes/AccountInsightsPage'))
            .AccountInsightsPage,
        }),
      },
      {
        path: 'accounts/:igUserId/media',
        lazy: async () => ({
          Component: (await import('./features/media/routes/MediaListPage')).MediaListPage,
        }),
      },
      {
        path: 'accounts/:igUserId/audience',
        lazy: async () => ({
          Component: (await import('./features/audience/routes/AudiencePage')).AudiencePage,
        }),
      },
      {
        path: 'accounts/:igUserId/stories',
        lazy: async () => ({
          Component: (await import('./features/stories/routes/StoriesPage')).StoriesPage,
        }),
      },
      {
        path: 'media/:igMediaId',
        lazy: async () => ({
          Component: (await import('./features/media-insights/routes/MediaInsightsPage'))
            .MediaInsightsPage,
        }),
      },
      {
        path: 'compare',
        handle: RANGE_ROUTE,
        lazy: async () => ({
          Component: (await import('./features/compare/routes/ComparePage')).ComparePage,
        }),
      },
      {
        path: 'settings/users',
        lazy: async () => ({
          Component: (await import('./features/users/routes/UsersPage')).UsersPage,
        }),
      },
      {
        path: 'settings/password',
        lazy: async () => ({
          Component: (await import('./features/auth/routes/ChangePasswordPage')).ChangePasswordPage,
        }),
      },
      {
        path: 'settings/sharing',
        lazy: async () => ({
          Component: (await import('./features/sharing/routes/SharingSettingsPage'))
            .SharingSettingsPage,
        }),
      },
      {
        path: 'settings/accounts',
        lazy: async () => ({
          Component: (await import('./features/connections/routes/AccountSettingsPage'))
            .AccountSettingsPage,
        }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    element: <SignedOutLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: 'sign-in',
        lazy: async () => ({
          Component: (await import('./features/auth/routes/SignInPage')).SignInPage,
        }),
      },
      {
        path: 'setup',
        lazy: async () => ({
          Component: (await import('./features/auth/routes/SetupPage')).SetupPage,
        }),
      },
      {
        path: 'invitation',
        lazy: async () => ({
          Component: (await import('./features/auth/routes/InvitationPage')).InvitationPage,
        }),
      },
    ],
  },
  {
    // A share link's password, and a link that cannot be opened: never the team's frame.
    path: 'shared',
    lazy: async () => ({
      Component: (await import('./features/sharing/routes/SharedPagesLayout')).SharedPagesLayout,
    }),
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: 'unlock',
        lazy: async () => ({
          Component: (await import('./features/sharing/routes/SharedUnlockPage')).SharedUnlockPage,
        }),
      },
      {
        path: 'ended',
        lazy: async () => ({
          Component: (await import('./features/sharing/routes/SharedEndedPage')).SharedEndedPage,
        }),
      },
    ],
  },
];

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
