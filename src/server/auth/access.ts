import type { IsoDay } from '../../graph/pacific-days';
import { forbidden, notFound } from '../api-errors';
import { canSeeAccount, type Viewer } from './auth';

/**
 * The one check every /api route makes before it asks Instagram anything about an account (or a
 * media of it): may the person asking see that account? Another account's id answers as an unknown
 * one would, so that the answer does not even tell that it exists.
 */
export function assertCanSee(
  c: { get(key: 'viewer'): Viewer | undefined },
  accountId: string,
): void {
  const viewer = c.get('viewer');
  if (!viewer || !canSeeAccount(viewer, accountId))
    throw notFound(
      `There is no Instagram account or media ${accountId} among those you may see: check the id, or ask an owner for access.`,
    );
}

/**
 * A share viewer asks only about the days its link grants; everyone else, about any day Instagram
 * keeps. Checked before anything is asked of Instagram or the store.
 */
export function assertDaysAllowed(
  c: { get(key: 'viewer'): Viewer | undefined },
  first: IsoDay,
  last: IsoDay,
): void {
  const viewer = c.get('viewer');
  if (viewer?.kind !== 'share') return;
  const { days } = viewer;
  if (first < days.first || last > days.last)
    throw forbidden(
      `This shared view covers ${days.first} to ${days.last} (US Pacific days): choose days within them.`,
    );
}
