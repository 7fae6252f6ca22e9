/**
 * A module resolution hook for benchmark child processes (registered by child.ts): a bench file's
 * `import { benchmark } from 'perfgate'` resolves to the perfgate that runs it when the file's own
 * project has none installed — perfgate run through npx or installed globally, or the starter
 * project `perfgate init` writes. A perfgate the project installed always wins.
 */
import type { ResolveHook } from 'node:module';

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (specifier !== 'perfgate' && !specifier.startsWith('perfgate/')) throw error;
    // Resolved from inside this package: Node's self-reference through package.json "exports".
    return nextResolve(specifier, { ...context, parentURL: import.meta.url });
  }
};
