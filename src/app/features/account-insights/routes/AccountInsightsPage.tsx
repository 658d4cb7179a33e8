import { usePageTitle } from '../../../lib/use-page-title';

export function AccountInsightsPage() {
  usePageTitle('AccountInsightsPage');
  return <h1 className="text-2xl font-bold">AccountInsightsPage</h1>;
}
