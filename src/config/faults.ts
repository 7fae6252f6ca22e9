/** The config's `faults:` entries as the proxy's model (the schema lives beside the proxy). */
export { faultsFromConfig } from '../load/faults/spec.js';
