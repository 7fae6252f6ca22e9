// The layering of shared/DESIGN.md, enforced: `npm run layers` fails CI on any violation.
// Layers, lowest first. A module may import only from its own layer or a lower one;
// load, bench and slo share a rank but are siblings that never import each other.
const LAYERS = [
  ['core'],
  ['stats'],
  ['load', 'bench', 'slo'],
  ['config'],
  ['report'],
  ['notify'],
  ['pipeline'],
  ['cli', 'testing'],
  // The library's public functions (src/api): a composition root like cli/, reusing its file edges.
  ['api'],
];

// Folders (regex under src/) allowed to touch the file system, processes or the network directly.
const IO_EDGES = {
  fs: '^src/(api|cli|pipeline/services|report/history)/',
  process: '^src/(cli|pipeline/services)/',
  network: '^src/(cli|pipeline/services|load/http|load/engines|notify|slo/prometheus)/',
};

const rank = (name) => LAYERS.findIndex((layer) => layer.includes(name));
const all = LAYERS.flat();

const layerRules = all
  .map((name) => {
    const above = all.filter((other) => rank(other) > rank(name));
    const siblings = LAYERS[rank(name)].filter((other) => other !== name);
    const forbiddenTargets = [...above, ...siblings];
    return {
      name: `layer-${name}`,
      severity: 'error',
      comment: `src/${name} may not import ${forbiddenTargets.join(', ')} (shared/DESIGN.md: dependencies point down).`,
      from: { path: `^src/${name}/` },
      to: { path: `^src/(${forbiddenTargets.join('|')})/` },
    };
  })
  .filter((rule) => !rule.to.path.includes('()'));

const edgeRule = (name, modules, allowed) => ({
  name: `io-edge-${name}`,
  severity: 'error',
  comment: `Only ${allowed} may use ${modules.join(', ')}: elsewhere take it as a parameter (STYLE.md #5).`,
  from: { path: '^src/', pathNot: [allowed, '\\.test\\.ts$'] },
  to: { dependencyTypes: ['core'], path: `^(node:)?(${modules.join('|')})$` },
});

module.exports = {
  forbidden: [
    ...layerRules,
    edgeRule('fs', ['fs', 'fs/promises'], IO_EDGES.fs),
    edgeRule('process', ['child_process', 'worker_threads', 'cluster'], IO_EDGES.process),
    edgeRule('network', ['net', 'http', 'https', 'http2', 'dgram', 'tls', 'dns'], IO_EDGES.network),
    {
      name: 'io-edge-network-clients',
      severity: 'error',
      comment: `Only ${IO_EDGES.network} may use network client packages: elsewhere take a client as a parameter (STYLE.md #5).`,
      from: { path: '^src/', pathNot: [IO_EDGES.network, '\\.test\\.ts$'] },
      to: {
        dependencyTypes: ['npm'],
        path: '^node_modules/(undici|ws|socket\\.io-client|https-proxy-agent)/',
      },
    },
    {
      name: 'io-edge-kubernetes',
      severity: 'error',
      comment: 'Only src/pipeline/distributed/kubernetes talks to the Kubernetes API (an I/O edge).',
      from: { path: '^src/', pathNot: ['^src/pipeline/distributed/kubernetes/', '\\.test\\.ts$'] },
      to: { path: '@kubernetes/client-node' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular imports hide the direction of dependencies.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.d\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // Resolve packages as Node does (the "exports" map, ESM conditions), e.g. `tsx/esm/api`.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
