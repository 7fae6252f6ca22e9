/**
 * Checks dashboards against Grafana's own dashboard schema: the TypeScript types that Grafana
 * generates from its CUE schema (`@grafana/schema`, Grafana Labs, Apache-2.0), applied to the
 * JSON by the TypeScript compiler (excess properties and wrong types are errors). String enums
 * of the types are widened to their values (`ThresholdsMode.Absolute` is "absolute" in JSON).
 */
import { join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../helpers/cli.js';

const CHECK_FILE = join(REPO_ROOT, 'test', 'observability', '__grafana_schema_check__.ts');

const PRELUDE = `import type { Dashboard } from '@grafana/schema';
type Json<T> = T extends string ? \`\${T}\` : T extends number | boolean | null | undefined ? T
  : T extends readonly (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
`;

/** The compiler's complaints (empty: every dashboard conforms). `__requires` is the import wrapper, not the model. */
export function grafanaSchemaErrors(dashboards: readonly Record<string, unknown>[]): string[] {
  const models = dashboards.map(({ __requires: _requires, __inputs: _inputs, ...model }) => model);
  const text = `${PRELUDE}${models.map((m, i) => `export const d${i}: Json<Dashboard> = ${JSON.stringify(m, null, 1)};`).join('\n')}\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) =>
    file === CHECK_FILE ? ts.createSourceFile(file, text, language) : getSourceFile(file, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === CHECK_FILE || fileExists(file);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === CHECK_FILE ? text : readFile(file));
  const program = ts.createProgram([CHECK_FILE], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
