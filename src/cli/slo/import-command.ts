import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { PerfgateError } from '../../core/errors.js';
import { formatImportIssue, importOpenSlo } from '../../slo/openslo/index.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface ImportOptions {
  output?: string;
}

/**
 * `perfgate slo import FILE [-o out.yaml]`: OpenSLO (v1, v1alpha, v2alpha) → a `slos:` section.
 * Notes on how things were read go to stderr; SLOs whose data is not in Prometheus are skipped
 * with the reason; any refusal exits 2, naming document, field and why.
 */
export async function sloImportCommand(
  context: CommandContext<ImportOptions>,
  args: unknown[],
): Promise<number> {
  const { io, options, output } = context;
  const file = String(args[0]);
  const path = resolve(io.cwd, file);
  if (!io.fileExists(path)) throw new PerfgateError('FILE_NOT_FOUND', `OpenSLO file not found: ${file}`);
  const documents = parseAllDocuments(io.readFile(path));
  const list = Array.isArray(documents) ? documents : [documents];
  const syntax = list.flatMap((doc, index) =>
    doc.errors.map((error) => `${file}: document ${index + 1}: ${error.message}`),
  );
  if (syntax.length > 0) {
    for (const line of syntax) output.error(line);
    return EXIT.badInput;
  }
  const result = importOpenSlo(list.map((doc) => doc.toJS()));
  for (const entry of result.notes) output.info(`note: ${formatImportIssue(file, entry)}`);
  for (const entry of result.skipped) output.warn(`skipped: ${formatImportIssue(file, entry)}`);
  for (const issue of result.issues) output.error(formatImportIssue(file, issue));
  if (result.issues.length > 0) return EXIT.badInput;
  if (result.slos.length === 0) {
    output.error(`${file}: no SLO to import: every SLO was skipped (see above)`);
    return EXIT.badInput;
  }
  const text = `# Imported from ${file} by \`perfgate slo import\` (OpenSLO).\n${stringify({ slos: result.slos }, { lineWidth: 0 })}`;
  if (options.output === undefined) io.stdout.write(text);
  else {
    writeFileSync(resolve(io.cwd, options.output), text);
    output.info(`wrote ${options.output} (${result.slos.length} SLOs)`);
  }
  return EXIT.ok;
}
