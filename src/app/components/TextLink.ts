/** The look of a text link inside a page (a whole class list, as Tailwind needs). */
export const textLinkClass =
  'rounded-sm font-medium text-brand-strong underline underline-offset-4 hover:decoration-2';
