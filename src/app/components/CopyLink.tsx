import { useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { writeClipboard } from '../lib/clipboard';
import { pacificToday, RANGE_PRESETS, resolveRange } from '../lib/date-range';
import { type LinkDates, parseRangeSelection, shareableSearch } from '../lib/url-state';
import { useRouteHasRange } from '../lib/use-keyboard-shortcuts';
import { Button, Input } from './ui';

/**
 * "Copy link": a link to this view in the current URL format. Where the page has a date range the
 * user chooses what the link keeps: the moving range ("Last 28 days", current whenever it is
 * opened) or the fixed days shown now. When the clipboard is not available the link is selected
 * in its field for Ctrl+C / Cmd+C.
 */
export function CopyLink() {
  const panelId = useId();
  const location = useLocation();
  const hasRange = useRouteHasRange();
  const [dates, setDates] = useState<LinkDates>('moving');
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const today = pacificToday();
  const selection = parseRangeSelection(new URLSearchParams(location.search), today).state;
  const shown = resolveRange(selection, today);
  const preset = RANGE_PRESETS.find((p) => p.key === selection.range);
  const canMove = hasRange && selection.range !== 'custom';
  const effective: LinkDates = canMove ? dates : 'fixed';
  const search = shareableSearch(location.search, { today, hasRange, dates: effective });
  const url = `${window.location.origin}${location.pathname}?${search}`;

  const copy = async () => {
    if (await writeClipboard(url)) {
      setStatus('Link copied to the clipboard.');
      return;
    }
    input.current?.focus();
    input.current?.select();
    setStatus('Copying is blocked here: the link is selected, press Ctrl+C (Cmd+C on a Mac).');
  };

  return (
    <div className="print:hidden">
      <Button popoverTarget={panelId} onClick={() => setStatus('')}>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none">
          <path
            d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 013.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 01-3.5-3.5L5.5 8"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinecap="round"
          />
        </svg>
        Copy link
      </Button>
      <div
        id={panelId}
        popover="auto"
        role="dialog"
        aria-label="Copy a link to this view"
        className="fixed inset-auto top-16 right-4 m-0 w-[min(26rem,calc(100vw-2rem))] space-y-3 rounded-lg border border-border bg-surface-raised p-4 text-fg shadow-xl"
      >
        {hasRange ? (
          <fieldset className="space-y-1.5">
            <legend className="mb-1 text-sm font-medium">Dates in the link</legend>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name={`${panelId}-dates`}
                value="moving"
                checked={effective === 'moving'}
                disabled={!canMove}
                onChange={() => setDates('moving')}
                className="mt-1"
              />
              <span>
                Moving range{canMove && preset ? `: ${preset.label.toLowerCase()}` : ''}
                <span className="block text-xs text-fg-muted">
                  {canMove
                    ? 'Stays current: opened next week, it shows the days before then.'
                    : 'Not for a custom range, which has fixed dates.'}
                </span>
              </span>
            </label>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name={`${panelId}-dates`}
                value="fixed"
                checked={effective === 'fixed'}
                onChange={() => setDates('fixed')}
                className="mt-1"
              />
              <span>
                Fixed dates: {shown.from} to {shown.to}
                <span className="block text-xs text-fg-muted">
                  Always shows these days (US Pacific).
                </span>
              </span>
            </label>
          </fieldset>
        ) : null}
        <label className="block space-y-1 text-sm">
          <span className="font-medium">Link</span>
          <Input
            ref={input}
            type="text"
            readOnly
            value={url}
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full font-mono text-xs"
          />
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="primary" size="md" onClick={() => void copy()}>
            Copy
          </Button>
          <p role="status" aria-live="polite" className="min-w-0 flex-1 text-sm text-fg-muted">
            {status}
          </p>
        </div>
      </div>
    </div>
  );
}
