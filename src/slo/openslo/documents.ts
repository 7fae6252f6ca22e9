/**
 * OpenSLO objects from parsed YAML documents. A document is one object or, as OpenSLO's own
 * examples often write them, a list of objects. apiVersion says the version: `openslo/v1`,
 * `openslo/v1alpha`, `openslo.com/v2alpha` (also read without `.com`).
 */
import { type ImportIssue, isObject, type OpenSloObject, type OpenSloVersion, text } from './types.js';

const VERSIONS: Readonly<Record<string, OpenSloVersion>> = {
  'openslo/v1': 'v1',
  'openslo/v1alpha': 'v1alpha',
  'openslo.com/v2alpha': 'v2alpha',
  'openslo/v2alpha': 'v2alpha',
};

export const KNOWN_KINDS = [
  'SLO',
  'SLI',
  'DataSource',
  'Service',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
];

function objectOf(value: unknown, where: string, issues: ImportIssue[]): OpenSloObject | undefined {
  if (!isObject(value)) {
    issues.push({
      document: where,
      field: '(top level)',
      message: 'expected an OpenSLO object (a mapping with apiVersion, kind, metadata, spec)',
    });
    return undefined;
  }
  const apiVersion = text(value.apiVersion);
  const version = apiVersion === undefined ? undefined : VERSIONS[apiVersion];
  if (version === undefined) {
    issues.push({
      document: where,
      field: 'apiVersion',
      message: `${apiVersion === undefined ? 'missing' : `"${apiVersion}" is not supported`}: expected one of ${Object.keys(VERSIONS).join(', ')}`,
    });
    return undefined;
  }
  const kind = text(value.kind) ?? '';
  if (!KNOWN_KINDS.includes(kind)) {
    issues.push({
      document: where,
      field: 'kind',
      message: `"${kind}" is not an OpenSLO kind (${KNOWN_KINDS.join(', ')})`,
    });
    return undefined;
  }
  const name = isObject(value.metadata) ? text(value.metadata.name) : undefined;
  return { version, kind, where, data: value, ...(name === undefined ? {} : { name }) };
}

/** Every object of every document (lists flattened), with the refusals for what is not one. */
export function openSloObjects(documents: readonly unknown[]): {
  objects: OpenSloObject[];
  issues: ImportIssue[];
} {
  const objects: OpenSloObject[] = [];
  const issues: ImportIssue[] = [];
  documents.forEach((document, index) => {
    const where = `document ${index + 1}`;
    if (document === null || document === undefined) return;
    const items = Array.isArray(document) ? document : [document];
    items.forEach((item, position) => {
      const object = objectOf(
        item,
        Array.isArray(document) ? `${where}, item ${position + 1}` : where,
        issues,
      );
      if (object !== undefined) objects.push(object);
    });
  });
  return { objects, issues };
}

/** Objects by kind and name, for SLI and DataSource references. */
export class ObjectIndex {
  private readonly byKey = new Map<string, OpenSloObject>();
  constructor(objects: readonly OpenSloObject[]) {
    for (const object of objects)
      if (object.name !== undefined) this.byKey.set(`${object.kind}/${object.name}`, object);
  }
  find(kind: string, name: string): OpenSloObject | undefined {
    return this.byKey.get(`${kind}/${name}`);
  }
}
