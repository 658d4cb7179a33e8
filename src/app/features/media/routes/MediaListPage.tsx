import { usePageTitle } from '../../../lib/use-page-title';

export function MediaListPage() {
  usePageTitle('MediaListPage');
  return <h1 className="text-2xl font-bold">MediaListPage</h1>;
}
