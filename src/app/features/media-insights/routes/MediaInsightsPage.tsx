import { usePageTitle } from '../../../lib/use-page-title';

export function MediaInsightsPage() {
  usePageTitle('MediaInsightsPage');
  return <h1 className="text-2xl font-bold">MediaInsightsPage</h1>;
}
