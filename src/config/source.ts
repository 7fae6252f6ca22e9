import { parseYamlSource, type YamlSource } from '../core/yaml-source.js';
import type { ConfigIssue } from './issues.js';

/** A parsed config file that can say where any path of it sits in the text. */
export type ConfigSource = YamlSource;

/**
 * Parses YAML or JSON text. Syntax errors come back as issues; the source is still returned so
 * callers can stop there.
 */
export function parseConfigSource(
  text: string,
  file: string,
): { source: ConfigSource; issues: ConfigIssue[] } {
  const source = parseYamlSource(text, file);
  return { source, issues: source.syntaxIssues };
}
