import { useSyncExternalStore } from 'react';

// Once printing starts, everything is shown: the print layout is the whole page.
const printListeners = new Set<() => void>();
let printing = false;
function setPrinting(next: boolean) {
  if (next === printing) return;
  printing = next;
  for (const listener of printListeners) listener();
}
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => setPrinting(true));
  window.matchMedia?.('print').addEventListener?.('change', (e) => {
    if (e.matches) setPrinting(true);
  });
}
const subscribePrint = (listener: () => void) => {
  printListeners.add(listener);
  return () => printListeners.delete(listener);
};

/** True once the page has started printing (and from then on): what waits for view is shown. */
export function usePrinting(): boolean {
  return useSyncExternalStore(
    subscribePrint,
    () => printing,
    () => false,
  );
}
