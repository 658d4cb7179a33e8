import { COMPARISON_MODES, COMPARISON_SHORTCUT } from './comparison-range';
import { RANGE_PRESETS, type RangeKey } from './date-range';

/**
 * Keyboard shortcuts. The date range keys come from RANGE_PRESETS (the list the range menu shows),
 * so the menu, the keys and the help dialog cannot disagree.
 */
export type ShortcutAction =
  | { kind: 'range'; range: RangeKey }
  | { kind: 'cycle-comparison' }
  | { kind: 'help' };

export interface Shortcut {
  key: string;
  /** What the key does, for the help dialog. */
  label: string;
  action: ShortcutAction;
  /** Only where the page has a date range. */
  needsRange: boolean;
}

const HELP_SHORTCUT = '?';

export const SHORTCUTS: readonly Shortcut[] = [
  ...RANGE_PRESETS.map((p) => ({
    key: p.shortcut,
    label: p.key === 'custom' ? `${p.label} (starting from the days shown)` : p.label,
    action: { kind: 'range', range: p.key } as const,
    needsRange: true,
  })),
  {
    key: COMPARISON_SHORTCUT,
    label: `Period comparison: ${COMPARISON_MODES.map((m) => m.label.toLowerCase()).join(', then ')}`,
    action: { kind: 'cycle-comparison' },
    needsRange: true,
  },
  {
    key: HELP_SHORTCUT,
    label: 'Show these keyboard shortcuts',
    action: { kind: 'help' },
    needsRange: false,
  },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  target: EventTarget | null;
}

/** Whether the key goes to something the user is typing in or choosing from. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object' || !('tagName' in target)) return false;
  const element = target as { tagName: string; isContentEditable?: boolean; type?: string };
  const tag = element.tagName.toUpperCase();
  if (element.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Buttons, checkboxes and radios take no text: shortcuts still work there.
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(
    (element.type ?? 'text').toLowerCase(),
  );
}

/** The shortcut a key press means, or undefined (typing, a modifier held, or no such key). */
export function shortcutFor(event: KeyLike, hasRange: boolean): Shortcut | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return undefined;
  if (isTypingTarget(event.target)) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const shortcut = SHORTCUTS.find((s) => s.key === key);
  if (!shortcut || (shortcut.needsRange && !hasRange)) return undefined;
  return shortcut;
}
