import { PageTitle } from '../../../components/ui';
import { usePageTitle } from '../../../lib/use-page-title';

type EndReason = 'expired' | 'revoked' | 'ended' | 'unknown' | 'too-many';

const REASONS: Record<EndReason, { title: string; text: string }> = {
  expired: {
    title: 'This shared view has expired',
    text: 'Ask the people who shared it with you for a new link.',
  },
  revoked: {
    title: 'This shared view was revoked',
    text: 'The people who shared it have stopped it. Ask them for a new link if you still need it.',
  },
  ended: {
    title: 'This shared view has ended',
    text: 'It has expired or was revoked. Ask the people who shared it with you for a new link.',
  },
  unknown: {
    title: 'This link does not exist',
    text: 'Check that it was copied whole, or ask the people who shared it for a new one.',
  },
  'too-many': {
    title: 'Too many tries',
    text: 'This address has opened too many unknown links. Wait a quarter of an hour, then open the link you were sent again.',
  },
};

const isReason = (value: string | null | undefined): value is EndReason =>
  value !== null && value !== undefined && value in REASONS;

/** Why a shared view cannot be shown (the server answered 404, 410 or 429); never a sign-in. */
export function ShareEnded({ reason }: { reason: string | null | undefined }) {
  const { title, text } = REASONS[isReason(reason) ? reason : 'ended'];
  usePageTitle(title);
  return (
    <section role="alert" aria-labelledby="share-ended-heading" className="max-w-prose space-y-3">
      <PageTitle id="share-ended-heading">{title}</PageTitle>
      <p className="text-fg-muted">{text}</p>
    </section>
  );
}
