import { useEffect, useRef } from 'react';
import { useMatches, useSearchParams } from 'react-router';
import { pacificToday } from './date-range';
import { useShareView } from './share-view';
import { shortcutFor } from './shortcuts';
import { withNextComparison, withRangeShortcut } from './url-state';

/** Routes whose URL holds a date range (and a period comparison) mark it in their `handle`. */
export const RANGE_ROUTE = { rangeInUrl: true } as const;

export function useRouteHasRange(): boolean {
  return useMatches().some(
    (m) =>
      typeof m.handle === 'object' &&
      m.handle !== null &&
      (m.handle as { rangeInUrl?: boolean }).rangeInUrl === true,
  );
}

/**
 * The one keyboard shortcut handler of the app (see lib/shortcuts.ts for the keys). Range and
 * comparison keys change the URL, which the page reads its state from: no page wiring needed.
 * Keys typed into fields, keys with Ctrl/Cmd/Alt and keys while a dialog is open are left alone.
 * In a shared view the range and comparison keys do nothing: its controls offer what it allows.
 */
export function useKeyboardShortcuts(onHelp: () => void): void {
  const shared = useShareView() !== undefined;
  const hasRange = useRouteHasRange() && !shared;
  const [, setParams] = useSearchParams();
  const help = useRef(onHelp);
  help.current = onHelp;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const shortcut = shortcutFor(event, hasRange);
      if (!shortcut) return;
      event.preventDefault();
      const { action } = shortcut;
      if (action.kind === 'help') help.current();
      else if (action.kind === 'range')
        setParams((current) => withRangeShortcut(current, action.range, pacificToday()));
      else setParams((current) => withNextComparison(current));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [hasRange, setParams]);
}
