export type { TemplateScope } from './builtins.js';
export { type CompiledTemplate, compileTemplate, hasTemplate } from './compile.js';
