export type { TemplateScope } from './builtins.js';
export { randomInteger, randomString, randomUuid } from './builtins.js';
export {
  type CompiledTemplate,
  compileTemplate,
  hasTemplate,
  renderSome,
  stringify,
  TemplateCache,
} from './compile.js';
export { lookupPath, parsePath } from './expression.js';
