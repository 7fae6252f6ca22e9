import { isMapping } from './merge.js';
import { didYouMean } from './suggest.js';

export interface CrossIssue {
  path: Array<string | number>;
  message: string;
}

const keysOf = (value: unknown): string[] => (isMapping(value) ? Object.keys(value) : []);
const itemsOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const stringAt = (value: unknown, key: string): string | undefined => {
  const field = isMapping(value) ? value[key] : undefined;
  return typeof field === 'string' ? field : undefined;
};

/**
 * Checks that need the whole file: references between sections and unique names. Works on the raw
 * data, so it reports alongside schema errors instead of waiting for them to be fixed.
 */
export function crossCheck(raw: Record<string, unknown>, builtinProfiles: readonly string[]): CrossIssue[] {
  const services = keysOf(raw.services);
  const profiles = [
    ...builtinProfiles,
    ...keysOf(raw.loadTestingProfiles),
    ...keysOf(isMapping(raw.load) ? raw.load.profiles : undefined),
  ];
  const issues: CrossIssue[] = [];
  const checkService = (name: string | undefined, path: Array<string | number>) => {
    if (name !== undefined && services.length > 0 && !services.includes(name)) {
      issues.push({
        path,
        message: `unknown service "${name}"${didYouMean(name, services)} (services: ${services.join(', ')})`,
      });
    }
  };
  const checkProfile = (name: string | undefined, path: Array<string | number>) => {
    if (name !== undefined && !profiles.includes(name)) {
      issues.push({
        path,
        message: `unknown load profile "${name}"${didYouMean(name, profiles)} (profiles: ${profiles.join(', ')})`,
      });
    }
  };
  // An SLO is identified by service and name (or its `id`) in every series and alert of its rules.
  const firstIndexOfId = new Map<string, number>();
  itemsOf(raw.slos).forEach((slo, index) => {
    const service = stringAt(slo, 'service');
    checkService(service, ['slos', index, 'service']);
    const name = stringAt(slo, 'name');
    const id =
      stringAt(slo, 'id') ?? (name === undefined || service === undefined ? undefined : `${service}-${name}`);
    if (id === undefined) return;
    const first = firstIndexOfId.get(id);
    if (first === undefined) firstIndexOfId.set(id, index);
    else
      issues.push({
        path: ['slos', index, stringAt(slo, 'id') === undefined ? 'name' : 'id'],
        message: `duplicate SLO id "${id}" (also slos[${first}]): SLOs are told apart by service and name, or by \`id\``,
      });
  });
  const load = isMapping(raw.load) ? raw.load : {};
  itemsOf(load.scripts).forEach((script, index) => {
    checkService(stringAt(script, 'service'), ['load', 'scripts', index, 'service']);
  });
  checkProfile(stringAt(load, 'profile'), ['load', 'profile']);
  for (const name of keysOf(raw.environments)) {
    checkProfile(stringAt((raw.environments as Record<string, unknown>)[name], 'loadProfile'), [
      'environments',
      name,
      'loadProfile',
    ]);
  }
  return issues;
}
