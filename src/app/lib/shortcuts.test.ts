import { describe, expect, it } from 'vitest';
import { RANGE_PRESETS } from './date-range';
import { type KeyLike, SHORTCUTS, shortcutFor } from './shortcuts';

const press = (key: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: { tagName: 'BODY' } as unknown as EventTarget,
  ...extra,
});

describe('shortcuts', () => {
  it('has one shortcut per range preset, from the same list as the menu', () => {
    for (const preset of RANGE_PRESETS) {
      expect(shortcutFor(press(preset.shortcut), true)?.action).toEqual({
        kind: 'range',
        range: preset.key,
      });
    }
  });

  it('no two shortcuts share a key', () => {
    const keys = SHORTCUTS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('x cycles the comparison and ? opens the help', () => {
    expect(shortcutFor(press('x'), true)?.action).toEqual({ kind: 'cycle-comparison' });
    expect(shortcutFor(press('X'), true)?.action).toEqual({ kind: 'cycle-comparison' });
    expect(shortcutFor(press('?'), false)?.action).toEqual({ kind: 'help' });
  });

  it('range and comparison keys do nothing on pages without a range', () => {
    expect(shortcutFor(press('1'), false)).toBeUndefined();
    expect(shortcutFor(press('x'), false)).toBeUndefined();
  });

  it('ignores keys with Ctrl, Cmd or Alt', () => {
    expect(shortcutFor(press('1', { ctrlKey: true }), true)).toBeUndefined();
    expect(shortcutFor(press('c', { metaKey: true }), true)).toBeUndefined();
    expect(shortcutFor(press('x', { altKey: true }), true)).toBeUndefined();
  });

  it('ignores keys typed into fields and menus, not on buttons or checkboxes', () => {
    const target = (tagName: string, type?: string) =>
      ({ tagName, type }) as unknown as EventTarget;
    expect(shortcutFor(press('1', { target: target('INPUT', 'text') }), true)).toBeUndefined();
    expect(shortcutFor(press('1', { target: target('INPUT', 'date') }), true)).toBeUndefined();
    expect(shortcutFor(press('1', { target: target('SELECT') }), true)).toBeUndefined();
    expect(shortcutFor(press('1', { target: target('TEXTAREA') }), true)).toBeUndefined();
    expect(
      shortcutFor(
        press('1', {
          target: { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget,
        }),
        true,
      ),
    ).toBeUndefined();
    expect(shortcutFor(press('1', { target: target('BUTTON') }), true)).toBeDefined();
    expect(shortcutFor(press('1', { target: target('INPUT', 'checkbox') }), true)).toBeDefined();
  });

  it('ignores other keys', () => {
    expect(shortcutFor(press('q'), true)).toBeUndefined();
    expect(shortcutFor(press('Enter'), true)).toBeUndefined();
  });
});
