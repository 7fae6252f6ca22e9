import { parse } from 'csv-parse';
import type { LocatedIssue, PayloadSpec } from '../script/model.js';

export type CsvCell = string | number | boolean;

export type CsvResult = { state: 'ok'; rows: CsvCell[][] } | { state: 'invalid'; issue: LocatedIssue };

/**
 * Parses one payload CSV with the script's options. `cast` turns unquoted numbers and
 * true/false into numbers and booleans (Artillery's default); quoted cells stay strings.
 */
export function parsePayloadCsv(text: string, spec: PayloadSpec): Promise<CsvResult> {
  return new Promise((resolve) => {
    const options = {
      delimiter: spec.delimiter,
      from_line: spec.skipHeader ? 2 : 1,
      skip_empty_lines: spec.skipEmptyLines,
      relax_column_count: true,
      cast: spec.cast ? castCell : false,
    };
    parse(text, options, (error, rows: CsvCell[][] | undefined) => {
      if (!error) {
        resolve({ state: 'ok', rows: rows ?? [] });
        return;
      }
      const lines = (error as { lines?: number }).lines;
      resolve({
        state: 'invalid',
        issue: {
          file: spec.resolvedPath,
          line: lines ?? 0,
          col: lines === undefined ? 0 : 1,
          path: [],
          message: `CSV error: ${error.message}`,
        },
      });
    });
  });
}

function castCell(value: string, context: { quoting: boolean }): CsvCell {
  if (context.quoting) return value;
  if (/^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}
