/** The look of a text link inside a page (a whole class list, as Tailwind needs). */
export const textLinkClass =
  'rounded-sm font-medium text-brand-strong underline underline-offset-4 hover:decoration-2';

/** The summary of a disclosure that opens more of a card (a data table, a history). */
export const disclosureSummaryClass =
  'cursor-pointer select-none rounded-sm text-fg-muted underline underline-offset-4';
