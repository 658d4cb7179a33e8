import { notFound } from '../api-errors';
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
