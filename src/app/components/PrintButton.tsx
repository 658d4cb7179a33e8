import { useShareView } from '../lib/share-view';
import { Button } from './ui';

/**
 * Opens the browser's print dialog; the print stylesheet lays the page out for A4 (or a PDF).
 * Not in a shared view whose link does not allow exports.
 */
export function PrintButton() {
  const share = useShareView();
  if (share && !share.csv) return null;
  return (
    <Button onClick={() => window.print()} className="print:hidden">
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none">
        <path
          d="M4 6V2h8v4M4 12H2.5V6h11v6H12M4 10h8v4H4z"
          stroke="currentColor"
          strokeWidth="1.3"
          strokeLinejoin="round"
        />
      </svg>
      Print / PDF
    </Button>
  );
}
