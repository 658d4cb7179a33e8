import { useState } from 'react';

/**
 * The last value seen while `settled` was true. A chart showing the previous range's answer while
 * the next one loads must also keep the previous range's days, or the old values would be drawn
 * against the new axis. Keys are strings so that equal values compare equal.
 */
export function useLastSettled(value: string, settled: boolean): string {
  const [last, setLast] = useState(value);
  if (settled && last !== value) setLast(value);
  return settled ? value : last;
}
