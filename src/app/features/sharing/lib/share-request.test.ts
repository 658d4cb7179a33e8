import { describe, expect, it } from 'vitest';
import {
  defaultShareForm,
  type ShareForm,
  sharedPage,
  shareFormProblems,
  shareRequest,
  viewDays,
} from './share-request';

const TODAY = '2026-11-28';
const NORTHWIND = '17841405822304914';
const LUMEN = '17841400118305523';

const page = (path: string) => {
  const [pathname = '', search = ''] = path.split('?');
  const found = sharedPage(pathname, search ? `?${search}` : '');
  if (!found) throw new Error(`${path} cannot be shared`);
  return found;
};

describe('sharedPage', () => {
  it('is an account page, its media, audience and stories, or compare', () => {
    expect(sharedPage(`/accounts/${NORTHWIND}`, '?range=7d')).toMatchObject({
      accounts: [NORTHWIND],
      account: NORTHWIND,
      hasRange: true,
    });
    for (const part of ['media', 'audience', 'stories'])
      expect(sharedPage(`/accounts/${NORTHWIND}/${part}`, '')).toMatchObject({
        accounts: [NORTHWIND],
        hasRange: false,
      });
    expect(sharedPage('/compare', `?accounts=${NORTHWIND},${LUMEN},x,${LUMEN}`)).toMatchObject({
      accounts: [NORTHWIND, LUMEN],
      hasRange: true,
    });
    expect(sharedPage('/compare', '')?.accounts).toEqual([]);
  });

  it('is nothing else', () => {
    for (const path of ['/', '/media/123', '/settings/sharing', `/accounts/${NORTHWIND}/other`])
      expect(sharedPage(path, '')).toBeUndefined();
  });
});

describe('viewDays', () => {
  it("is the URL's range; earliest is the comparison's first day", () => {
    const days = viewDays(page(`/accounts/${NORTHWIND}?v=1&range=28d&compare=previous`), TODAY);
    expect(days.range).toEqual({ from: '2026-10-31', to: '2026-11-27' });
    expect(days.earliest).toBe('2026-10-03');
    expect(days.daysBack).toBe(56);
  });

  it('is the range itself without a comparison, and the default on pages without a range', () => {
    expect(viewDays(page(`/accounts/${NORTHWIND}?range=7d`), TODAY)).toMatchObject({
      earliest: '2026-11-21',
      daysBack: 7,
    });
    // The media page's URL holds no range: the account page's default (28 days) stands in.
    expect(
      viewDays(page(`/accounts/${NORTHWIND}/media?range=7d&compare=year`), TODAY),
    ).toMatchObject({ earliest: '2026-10-31', daysBack: 28 });
  });
});

describe('shareRequest', () => {
  const form = (over: Partial<ShareForm> = {}): ShareForm => ({
    ...defaultShareForm(page(`/accounts/${NORTHWIND}?v=1&range=28d&compare=year`), TODAY),
    label: '  Northwind Coffee ',
    ...over,
  });

  it('fixes the view as dates, with the days its comparison needs', () => {
    const request = shareRequest(
      form(),
      page(`/accounts/${NORTHWIND}?v=1&range=28d&compare=year`),
      TODAY,
    );
    expect(request).toEqual({
      label: 'Northwind Coffee',
      accounts: [NORTHWIND],
      scope: 'view',
      view_path: `/accounts/${NORTHWIND}?v=1&range=custom&from=2026-10-31&to=2026-11-27&compare=year`,
      range: { kind: 'fixed', from: '2026-10-31', to: '2026-11-27', earliest: '2025-11-01' },
      expires_in_days: 30,
      csv: false,
    });
  });

  it('keeps a moving range for a recent link, and a password only when one is given', () => {
    const request = shareRequest(
      form({ dates: 'recent', recentDays: 90, password: 'a long pass phrase', csv: true }),
      page(`/accounts/${NORTHWIND}?range=14d`),
      TODAY,
    );
    expect(request.view_path).toBe(`/accounts/${NORTHWIND}?v=1&range=14d`);
    expect(request.range).toEqual({ kind: 'recent', days: 90 });
    expect(request.password).toBe('a long pass phrase');
    expect(request.csv).toBe(true);
  });

  it('keeps the query of a page without a range, and compare accounts as they are', () => {
    expect(
      shareRequest(form(), page(`/accounts/${NORTHWIND}/media?view=table&sort=reach`), TODAY)
        .view_path,
    ).toBe(`/accounts/${NORTHWIND}/media?v=1&view=table&sort=reach`);
    expect(
      shareRequest(
        form({ accounts: [NORTHWIND, LUMEN] }),
        page(`/compare?accounts=${NORTHWIND},${LUMEN}&range=7d`),
        TODAY,
      ).view_path,
    ).toBe(
      `/compare?v=1&range=custom&from=2026-11-21&to=2026-11-27&accounts=${NORTHWIND},${LUMEN}`,
    );
  });
});

describe('shareFormProblems', () => {
  const accountPage = page(`/accounts/${NORTHWIND}?range=28d&compare=previous`);
  const base = { ...defaultShareForm(accountPage, TODAY), label: 'Client' };

  it('has none for the defaults with a label; the recent days default to what the view needs', () => {
    expect(base.recentDays).toBe(56);
    expect(shareFormProblems(base, accountPage, TODAY)).toEqual({});
    expect(shareFormProblems({ ...base, dates: 'recent' }, accountPage, TODAY)).toEqual({});
  });

  it('names each field that stops the link', () => {
    const problems = shareFormProblems(
      {
        ...base,
        label: ' ',
        accounts: [LUMEN],
        dates: 'recent',
        recentDays: 30,
        expiresInDays: 366,
      },
      accountPage,
      TODAY,
    );
    expect(Object.keys(problems).sort()).toEqual([
      'accounts',
      'expiresInDays',
      'label',
      'recentDays',
    ]);
    expect(problems.recentDays).toContain('56');
    expect(shareFormProblems({ ...base, accounts: [] }, accountPage, TODAY).accounts).toBe(
      'Choose at least one account.',
    );
    expect(
      shareFormProblems({ ...base, dates: 'recent', recentDays: 2.5 }, accountPage, TODAY)
        .recentDays,
    ).toContain('whole number');
    expect(shareFormProblems({ ...base, expiresInDays: 0 }, accountPage, TODAY)).toHaveProperty(
      'expiresInDays',
    );
  });
});
