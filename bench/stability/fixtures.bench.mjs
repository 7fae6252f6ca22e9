// Fixture benchmarks for the stability protocol (run.ts), shaped like the report: two
// small ones of 1–3 µs, one whose processes settle in two speeds, one of ~170 µs.
// PERFGATE_STABILITY_SLOWDOWN=1.3 makes every benchmark do exactly 30 % more work (a real
// slowdown of the code, not of the machine). Imports the light bench entry of the build.
import { benchmark } from '../../dist/bench/api.js';

const slowdown = Number(process.env.PERFGATE_STABILITY_SLOWDOWN ?? 1);
const scaled = (count) => Math.round(count * slowdown);

// ~2 µs: ten parses of a small JSON document.
const documents = Array.from({ length: 10 }, (_, i) =>
  JSON.stringify({ id: i, name: `item-${i}`, tags: ['a', 'b'], price: i * 1.25, ok: i % 2 === 0 }),
);
const parses = scaled(10);
benchmark('parse small JSON', () => {
  let last;
  for (let i = 0; i < parses; i++) last = JSON.parse(documents[i % documents.length]);
  return last;
});

// ~3 µs: a tiny template renderer over twenty fields.
const fields = Array.from({ length: 20 }, (_, i) => [`field${i}`, `value-${i}`]);
const renders = scaled(20);
benchmark('render a template', () => {
  let out = '';
  for (let i = 0; i < renders; i++) {
    const [key, value] = fields[i % fields.length];
    out += `<${key}>${value}</${key}>`;
  }
  return out.length;
});

// Bimodal: each process decides once which shapes its records take, as a JIT or memory-layout
// decision would: one shape in some processes (a monomorphic property load), four in others (a
// polymorphic one, about twice as slow). Per-process times settle around two values.
const polymorphic = Math.random() < 0.5;
const records = Array.from({ length: 64 }, (_, i) =>
  polymorphic ? { [`tag${i % 4}`]: true, value: i } : { tag0: true, value: i },
);
const reads = scaled(2_000);
benchmark('bimodal record scan', () => {
  let sum = 0;
  for (let i = 0; i < reads; i++) sum += records[i & 63].value;
  return sum;
});

// ~170 µs: sum 2.3 MB of floats (memory-bound: the kind of code a busy machine slows most).
const floats = new Float64Array(1 << 19).map((_, i) => (i % 97) * 0.5);
const length = Math.min(floats.length, scaled(290_000));
benchmark('sum 290k floats', () => {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += floats[i];
  return sum;
});
