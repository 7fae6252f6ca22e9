// The self-test workload: a ~100 µs dependent integer-hash chain (research/bench-scripts/workload.mjs),
// which the JIT can neither vectorise nor hoist. PERFGATE_REGRESSION_SCALE multiplies the loop
// (1.10 = a real 10 % slowdown); PERFGATE_REGRESSION_ROUNDS recalibrates it for another machine.
// The bench entry of the build, not the whole library: a lighter start for the 400-odd processes.
import { benchmark } from '../../dist/bench/api.js';

const rounds = Number(process.env.PERFGATE_REGRESSION_ROUNDS ?? 45_000);
const scale = Number(process.env.PERFGATE_REGRESSION_SCALE ?? 1);
const n = Math.round(rounds * scale);

function hashChain(count) {
  let acc = 0x9e3779b9 | 0;
  for (let i = 0; i < count; i++) acc = (Math.imul(acc ^ (acc >>> 15), 0x85ebca6b) + i) | 0;
  return acc;
}

benchmark('hash chain ~100 µs', () => hashChain(n), { iterations: 30, warmupIterations: 10 });
