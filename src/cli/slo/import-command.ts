import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { PerfgateError } from '../../core/errors.js';
import { importOpenSlo } from '../../slo/openslo.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface ImportOptions {
  output?: string;
}

/** `perfgate slo import FILE [-o out.yaml]`: OpenSLO v1 → a `slos:` section; exit 2 listing every problem. */
export async function sloImportCommand(
  context: CommandContext<ImportOptions>,
  args: unknown[],
): Promise<number> {
  const { io, options, output } = context;
  const file = String(args[0]);
  const path = resolve(io.cwd, file);
  if (!io.fileExists(path)) throw new PerfgateError('FILE_NOT_FOUND', `OpenSLO file not found: ${file}`);
  const documents = parseAllDocuments(io.readFile(path));
  const syntax = (Array.isArray(documents) ? documents : [documents]).flatMap((doc) =>
    doc.errors.map((error) => `${file}: ${error.message}`),
  );
  const result =
    syntax.length > 0
      ? { slos: [], issues: syntax }
      : importOpenSlo((Array.isArray(documents) ? documents : [documents]).map((doc) => doc.toJS()));
  for (const issue of result.issues) output.error(issue);
  if (result.issues.length > 0) return EXIT.badInput;
  const text = `# Imported from ${file} by \`perfgate slo import\` (OpenSLO v1).\n${stringify({ slos: result.slos }, { lineWidth: 0 })}`;
  if (options.output === undefined) io.stdout.write(text);
  else {
    writeFileSync(resolve(io.cwd, options.output), text);
    output.info(`wrote ${options.output} (${result.slos.length} SLOs)`);
  }
  return EXIT.ok;
}
