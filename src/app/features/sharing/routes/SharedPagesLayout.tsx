import { Outlet } from 'react-router';
import { useSession } from '../../../api/get-session';
import { shareViewOf } from '../../../lib/share-view';
import { SharedHeader } from '../components/SharedView';

/** `/shared/*` (a link's password, a link that ended): the shared view's header, no menus. */
export function SharedPagesLayout() {
  const session = useSession();
  const share = shareViewOf(session.data);
  return (
    <div className="flex min-h-dvh flex-col">
      <SharedHeader share={share} />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-content flex-1 px-4 py-6 outline-none sm:px-6 sm:py-10"
      >
        <Outlet />
      </main>
    </div>
  );
}
