import { DEFAULT_NORMALISATION, NORMALISATIONS, type Normalisation } from '../../../lib/normalise';
import {
  type Parsed,
  type PeriodState,
  parsePeriodState,
  pickParam,
  writePeriodState,
} from '../../../lib/url-state';

/*
 * The compare page's URL (format 1): the range and comparison of every range page, and
 * `accounts=id1,id2,…`, `norm=absolute|per1000|index`, `er=reach|followers`.
 */

/** Which total the engagement rate divides content interactions by. */
export const ENGAGEMENT_BASES = [
  { key: 'reach', label: 'Interactions ÷ accounts reached', formula: 'interactions ÷ reach' },
  { key: 'followers', label: 'Interactions ÷ followers', formula: 'interactions ÷ followers' },
] as const;
export type EngagementBase = (typeof ENGAGEMENT_BASES)[number]['key'];
export const DEFAULT_ENGAGEMENT_BASE: EngagementBase = 'reach';

/** Accounts the compare page shows at most; more make unreadable charts. */
export const MAX_COMPARED_ACCOUNTS = 10;

export interface CompareState extends PeriodState {
  /** Account ids, in the order their lines and columns are drawn. */
  accounts: string[];
  norm: Normalisation;
  er: EngagementBase;
}

export function parseCompareState(params: URLSearchParams, today: string): Parsed<CompareState> {
  const period = parsePeriodState(params, today);
  const notices = [...period.notices];
  const listed = (params.get('accounts') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const valid = listed.filter((id) => /^\d{1,30}$/.test(id));
  if (valid.length < listed.length) {
    notices.push(
      `Account ids are numbers; ${listed
        .filter((id) => !valid.includes(id))
        .map((id) => `"${id.slice(0, 30)}"`)
        .join(', ')} ${listed.length - valid.length === 1 ? 'was' : 'were'} left out.`,
    );
  }
  const unique = [...new Set(valid)];
  if (unique.length > MAX_COMPARED_ACCOUNTS) {
    notices.push(
      `At most ${MAX_COMPARED_ACCOUNTS} accounts can be compared; the first ${MAX_COMPARED_ACCOUNTS} are shown.`,
    );
  }
  return {
    state: {
      ...period.state,
      accounts: unique.slice(0, MAX_COMPARED_ACCOUNTS),
      norm:
        pickParam(
          params,
          'norm',
          NORMALISATIONS.map((n) => n.key),
          notices,
        ) ?? DEFAULT_NORMALISATION,
      er:
        pickParam(
          params,
          'er',
          ENGAGEMENT_BASES.map((b) => b.key),
          notices,
        ) ?? DEFAULT_ENGAGEMENT_BASE,
    },
    notices,
  };
}

export function writeCompareState(
  state: CompareState,
  into = new URLSearchParams(),
): URLSearchParams {
  writePeriodState(state, into);
  if (state.accounts.length > 0) into.set('accounts', state.accounts.join(','));
  else into.delete('accounts');
  if (state.norm === DEFAULT_NORMALISATION) into.delete('norm');
  else into.set('norm', state.norm);
  if (state.er === DEFAULT_ENGAGEMENT_BASE) into.delete('er');
  else into.set('er', state.er);
  return into;
}
