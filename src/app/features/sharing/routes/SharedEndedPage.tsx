import { useSearchParams } from 'react-router';
import { useSession } from '../../../api/get-session';
import { ShareEnded } from '../components/ShareEnded';

/** `/shared/ended`: where the server sends a link it cannot open, with `?reason=`. */
export function SharedEndedPage() {
  const [params] = useSearchParams();
  const session = useSession();
  const ended = session.data?.signed_in === false ? session.data.share_ended : undefined;
  return <ShareEnded reason={params.get('reason') ?? ended} />;
}
