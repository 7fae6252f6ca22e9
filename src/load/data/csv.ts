import { parse } from 'csv-parse';
import type { LocatedIssue, PayloadSpec } from '../script/model.js';

export type CsvCell = string | number | boolean;

export type CsvResult = { state: 'ok'; rows: CsvCell[][] } | { state: 'invalid'; issue: LocatedIssue };

/**
 * Parses one payload CSV as Artillery does: csv-parse (the same parser) with `cast` (numbers
 * become numbers, `true` stays text), `skip_empty_lines`, `from_line` and `delimiter`, then the
 * script's own `options` over them. Rows may have fewer cells than there are fields.
 */
export function parsePayloadCsv(text: string, spec: PayloadSpec): Promise<CsvResult> {
  return new Promise((resolve) => {
    const options = {
      relax_column_count: true,
      skip_empty_lines: spec.skipEmptyLines,
      cast: spec.cast,
      from_line: spec.skipHeader ? 2 : 1,
      delimiter: spec.delimiter,
      ...spec.csvOptions,
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
