import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useInView } from './use-in-view';
import { usePrinting } from './use-printing';

// One chart per task: several charts drawn in one go would block input for hundreds of ms. The
// next chart is started only after the last one has been drawn (its effect calls `drawNext`).
const queue: (() => void)[] = [];
let busy = false;
function drawNext() {
  const next = queue.shift();
  busy = next !== undefined;
  next?.();
}
function enqueue(draw: () => void) {
  queue.push(draw);
  if (!busy) {
    busy = true;
    setTimeout(drawNext, 0);
  }
}

export interface DrawState {
  draw: boolean;
  /** The element's size when its turn came: the chart's first render can be its real one. */
  size: { width: number; height: number } | undefined;
}

/**
 * Whether a chart should be drawn: once it comes near the viewport, one chart per task, and at
 * once for printing. The frame around it (title, table, CSV) is there from the start, so the page
 * keeps its layout and its data stays reachable.
 */
export function useDrawWhenVisible(
  ref: RefObject<Element | null>,
  /** What must be loaded before drawing (the drawing code); awaited within the chart's turn. */
  prepare?: () => Promise<unknown>,
): DrawState {
  const inView = useInView(ref, '300px');
  const printingNow = usePrinting();
  const [drawn, setDrawn] = useState<'no' | 'queued' | 'yes'>('no');
  const [size, setSize] = useState<DrawState['size']>();
  // Whether this chart holds the queue's turn, which it hands on once drawn or unmounted.
  const holding = useRef(false);
  const release = useCallback(() => {
    if (!holding.current) return;
    holding.current = false;
    setTimeout(drawNext, 0);
  }, []);
  useEffect(() => {
    if (drawn !== 'no' || !inView) return;
    let cancelled = false;
    enqueue(() => {
      if (cancelled) return drawNext();
      holding.current = true;
      const start = () => {
        if (cancelled) return release();
        const rect = ref.current?.getBoundingClientRect();
        if (rect) setSize({ width: Math.round(rect.width), height: Math.round(rect.height) });
        setDrawn('queued');
      };
      if (prepare) prepare().then(start, start);
      else start();
    });
    return () => {
      cancelled = true;
    };
  }, [inView, drawn, ref, prepare, release]);
  useEffect(() => {
    if (drawn !== 'queued') return;
    setDrawn('yes');
    release();
  }, [drawn, release]);
  useEffect(() => release, [release]);
  return { draw: drawn !== 'no' || printingNow, size };
}
