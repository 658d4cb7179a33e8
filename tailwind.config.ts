import type { Config } from 'tailwindcss';

/**
 * Theme tokens. Each colour points at a CSS custom property (`--app-*`) defined
 * in src/app/styles.css, so the light and dark palettes switch automatically
 * with `prefers-color-scheme`. Opacity modifiers (`bg-brand/10`) still work:
 * Tailwind 4 derives them with `color-mix()`.
 *
 * The variables are deliberately not named `--color-*`: Tailwind 4 turns these
 * tokens into `--color-*` theme variables itself, and reusing the name would
 * make them refer to themselves.
 */
const token = (name: string) => `var(--app-${name})`;

export default {
  content: ['./index.html', './src/app/**/*.{ts,tsx}'],
  darkMode: 'media',
  theme: {
    extend: {
      colors: {
        brand: {
          DEFAULT: token('brand'),
          strong: token('brand-strong'),
          contrast: token('brand-contrast'),
        },
        surface: {
          DEFAULT: token('surface'),
          raised: token('surface-raised'),
          sunken: token('surface-sunken'),
        },
        fg: {
          DEFAULT: token('fg'),
          muted: token('fg-muted'),
        },
        border: token('border'),
        focus: token('focus'),
        info: {
          DEFAULT: token('info'),
          surface: token('info-surface'),
        },
        danger: {
          DEFAULT: token('danger'),
          surface: token('danger-surface'),
        },
        success: token('success'),
        warning: {
          DEFAULT: token('warning'),
          surface: token('warning-surface'),
        },
        chart: {
          1: token('chart-1'),
          2: token('chart-2'),
          3: token('chart-3'),
          4: token('chart-4'),
          5: token('chart-5'),
          grid: token('chart-grid'),
        },
      },
      fontFamily: {
        sans: [
          'system-ui',
          '-apple-system',
          'Segoe UI',
          'Roboto',
          'Helvetica Neue',
          'Arial',
          'sans-serif',
        ],
      },
      maxWidth: {
        content: '72rem',
      },
    },
  },
} satisfies Config;
