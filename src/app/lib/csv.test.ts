import { describe, expect, it } from 'vitest';
import { readCsv } from '../testing/csv-reader';
import { CSV_BOM, csvField, csvFileContent, csvFileName, fileNamePart, toCsv } from './csv';

describe('csvField', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvField('2026-11-27')).toBe('2026-11-27');
    expect(csvField('Accounts reached')).toBe('Accounts reached');
    expect(csvField(12345)).toBe('12345');
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(0)).toBe('0');
  });

  it('writes no value as an empty field, never 0', () => {
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('quotes a field with a comma', () => {
    expect(csvField('Coffee, beans')).toBe('"Coffee, beans"');
  });

  it('quotes a field with a quote and doubles the quote', () => {
    expect(csvField('The "best" roast')).toBe('"The ""best"" roast"');
    expect(csvField('"')).toBe('""""');
  });

  it('quotes a field with a line break, LF or CRLF or CR', () => {
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });

  it('keeps emoji and other non-ASCII text as it is', () => {
    expect(csvField('New roast ☕️🔥 for the café')).toBe('New roast ☕️🔥 for the café');
    expect(csvField('👩‍👩‍👧, family, "brunch"')).toBe('"👩‍👩‍👧, family, ""brunch"""');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1 more')).toBe("'+1 more");
    expect(csvField('@friend thanks')).toBe("'@friend thanks");
    expect(csvField('- new menu')).toBe("'- new menu");
  });
});

describe('toCsv', () => {
  it('writes a header row and CRLF after every line (RFC 4180)', () => {
    expect(
      toCsv(
        ['day', 'reach'],
        [
          ['2026-11-01', 10],
          ['2026-11-02', undefined],
        ],
      ),
    ).toBe('day,reach\r\n2026-11-01,10\r\n2026-11-02,\r\n');
  });

  it('round-trips captions with commas, quotes, newlines and emoji', () => {
    const captions = [
      'Plain',
      'Commas, everywhere, really',
      'She said "hi" 👋',
      'Line one\nLine two\r\nLine three',
      '🎉🎉🎉',
      '',
    ];
    const csv = toCsv(
      ['id', 'caption'],
      captions.map((c, i) => [String(i), c]),
    );
    expect(parseCsv(csv)).toEqual([['id', 'caption'], ...captions.map((c, i) => [String(i), c])]);
  });

  it('gives the file a UTF-8 byte order mark before the text', () => {
    const content = csvFileContent(toCsv(['a'], [['é']]));
    expect(content.startsWith(CSV_BOM)).toBe(true);
    expect(new TextEncoder().encode(content).slice(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
  });
});

describe('csvFileName', () => {
  it('names the account, what is in the file and the range', () => {
    expect(
      csvFileName({
        accounts: ['northwind.coffee'],
        what: 'reach',
        range: { from: '2026-10-31', to: '2026-11-27' },
      }),
    ).toBe('northwind.coffee_reach_2026-10-31_2026-11-27.csv');
  });

  it('joins several accounts and leaves out what is not given', () => {
    expect(csvFileName({ accounts: ['a.b', 'c_d'], what: 'comparison' })).toBe(
      'a.b+c_d_comparison.csv',
    );
    expect(csvFileName({ accounts: [], what: 'posts' })).toBe('posts.csv');
  });

  it('keeps file names to safe characters', () => {
    expect(fileNamePart('Views by content type')).toBe('Views-by-content-type');
    expect(fileNamePart('café/../☕')).toBe('cafe-..');
    expect(fileNamePart('☕')).toBe('export');
  });
});

const parseCsv = (text: string) => readCsv(text).rows;
