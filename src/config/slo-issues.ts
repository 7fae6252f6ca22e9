/**
 * The SLO checks of `slo rules`, `slo check` and `monitor` (src/slo/spec), run on the config so
 * `validate` and every command report each problem at FILE:LINE:COL. SLOs from the spec's legacy
 * `sloTargets` are checked too, located at their target.
 */
import { sloFromSpec } from '../slo/spec.js';
import type { ConfigIssue } from './issues.js';
import { slosFromTargets } from './legacy.js';
import type { ConfigFile } from './schema/index.js';
import type { ConfigSource } from './source.js';

type Path = Array<string | number>;

interface Located {
  spec: ConfigFile['slos'][number];
  path: Path;
}

function sloEntries(file: ConfigFile): Located[] {
  const own = file.slos.map((spec, index) => ({ spec, path: ['slos', index] as Path }));
  const legacy = slosFromTargets(file.sloTargets ?? {}).map((spec) => ({
    spec,
    path: ['sloTargets', spec.service, spec.labels?.metric ?? ''] as Path,
  }));
  return [...own, ...legacy];
}

/** Every semantic problem of every SLO (duplicate ids are found on the raw file by cross-check.ts). */
export function sloIssues(file: ConfigFile, source: ConfigSource): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (path: Path, message: string, target: 'key' | 'value' = 'value'): ConfigIssue => ({
    file: source.file,
    ...source.locate(path, target),
    path,
    message,
  });
  for (const { spec, path } of sloEntries(file)) {
    const outcome = sloFromSpec(spec);
    if (outcome.state === 'invalid') {
      for (const issue of outcome.issues) {
        const full = [...path, ...issue.path];
        issues.push(at(full, issue.message, issue.path[0] === 'labels' ? 'key' : 'value'));
      }
    }
  }
  return issues;
}
