import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import {
  createBrowserRouter,
  isRouteErrorResponse,
  Link,
  Outlet,
  type RouteObject,
  useRouteError,
} from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { isDemo, useHealth } from './features/health/api/get-health';
import { cx } from './lib/cx';
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

const linkClass =
  'rounded-sm font-medium text-brand-strong underline underline-offset-4 hover:decoration-2';

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

function Header() {
  return (
    <header className="border-b border-border bg-surface-raised">
      <div className="mx-auto flex max-w-content items-center gap-3 px-4 py-3 sm:px-6">
        <Link
          to="/"
          className="flex items-center gap-2 rounded-sm text-lg font-semibold tracking-tight"
        >
          <img src="/favicon.svg" alt="" width={28} height={28} className="size-7" />
          <span>{PRODUCT_NAME}</span>
        </Link>
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
          <button
            type="button"
            onClick={() => void health.refetch()}
            disabled={health.isFetching}
            className={cx(
              'rounded-md border border-danger/60 px-3 py-1 text-sm font-medium',
              'hover:bg-danger/10 disabled:cursor-progress disabled:opacity-70',
            )}
          >
            {health.isFetching ? 'Retrying…' : 'Try again'}
          </button>
        </div>
      </div>
    );
  }

  if (isDemo(health.data)) {
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
    <footer className="border-t border-border">
      <p className="mx-auto max-w-content px-4 py-4 text-sm text-fg-muted sm:px-6">
        Open-source dashboard, not affiliated with Instagram or Meta.
      </p>
    </footer>
  );
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <Header />
      <HealthNotice />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-content flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8"
      >
        {children}
      </main>
      <Footer />
    </div>
  );
}

function RootLayout() {
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
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Page not found</h1>
      <p className="text-fg-muted">There is nothing at this address.</p>
      <p>
        <Link to="/" className={linkClass}>
          Go to the home page
        </Link>
      </p>
    </section>
  );
}

/** Rendered by the router when a route throws while loading or rendering. */
function RouteErrorPage() {
  const error = useRouteError();
  usePageTitle('Something went wrong');
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : undefined;
  return (
    <Shell>
      <section role="alert" className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Something went wrong</h1>
        {detail ? <p className="text-fg-muted">{detail}</p> : null}
        <p>
          <a href="/" className={linkClass}>
            Reload the home page
          </a>
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
        path: 'media/:igMediaId',
        lazy: async () => ({
          Component: (await import('./features/media-insights/routes/MediaInsightsPage'))
            .MediaInsightsPage,
        }),
      },
      { path: '*', element: <NotFoundPage /> },
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
