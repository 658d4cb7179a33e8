/**
 * The app's "now". The server writes `<meta name="dashboard-now">` into the page when its clock is
 * pinned (TEST_NOW), and the app then takes that instant as now, so that the browser's today is the
 * server's. Faking the browser's `Date` instead would break `TZDate` (a `Date` subclass).
 */
const pinned =
  typeof document === 'undefined'
    ? undefined
    : Date.parse(
        document.querySelector<HTMLMetaElement>('meta[name="dashboard-now"]')?.content ?? '',
      );

export const now = (): Date =>
  pinned !== undefined && !Number.isNaN(pinned) ? new Date(pinned) : new Date();
