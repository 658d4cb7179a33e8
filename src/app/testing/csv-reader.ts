/**
 * A small RFC 4180 reader (CRLF line ends, quoted fields), for the tests that check the files
 * lib/csv.ts writes. `unterminated` is what follows the last CRLF: empty for a well-ended file.
 */
export function readCsv(text: string): { rows: string[][]; unterminated: string } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return { rows, unterminated: field };
}
