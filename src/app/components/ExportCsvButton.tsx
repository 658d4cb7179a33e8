import { createContext, useContext } from 'react';
import { csvFileContent } from '../lib/csv';
import { cx } from '../lib/cx';
import { useShareView } from '../lib/share-view';
import { Button } from './ui';

/** The accounts a page's exports are about, for the file names. */
export const ExportScope = createContext<{ accounts: readonly string[] }>({ accounts: [] });
export const useExportScope = () => useContext(ExportScope);

/** Saves text as a file through the browser's download (no server round trip). */
export function downloadFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * "Export CSV" for a chart or a table. The file is built when asked for, from the data on screen
 * (see lib/csv.ts for the format). `what` completes the accessible name: "Export CSV: Views".
 * Not in a shared view whose link does not allow exports.
 */
export function ExportCsvButton({
  fileName,
  csv,
  what,
  className,
}: {
  fileName: string;
  csv: () => string;
  what: string;
  className?: string;
}) {
  const share = useShareView();
  if (share && !share.csv) return null;
  return (
    <Button
      // The visible words first, so that speaking "Export CSV" finds it (WCAG 2.5.3).
      aria-label={`Export CSV: ${what}`}
      onClick={() => downloadFile(fileName, csvFileContent(csv()), 'text/csv;charset=utf-8')}
      className={cx('print:hidden', className)}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none">
        <path
          d="M8 2v8m0 0L5 7m3 3 3-3M3 13h10"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      Export CSV
    </Button>
  );
}
