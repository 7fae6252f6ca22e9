/**
 * PromQL function signatures, transcribed from Prometheus' own table (promql/parser/functions.go,
 * prometheus/prometheus @ d15adb9). lezer-promql is only the grammar: it accepts `rate(x)` and
 * `abs(x[5m])`, which Prometheus rejects while type-checking; this table lets check.ts do the same.
 *
 * Each entry is `ARGS>RETURN`: one letter per argument (v instant vector, m range vector, s scalar,
 * S string), then `?` per optional trailing argument or `*` for any number more; `!` marks the
 * functions Prometheus only accepts with `--enable-feature=promql-experimental-functions`.
 */
export type ValueType = 'vector' | 'matrix' | 'scalar' | 'string';

export interface FunctionSignature {
  args: ValueType[];
  /** Fewest arguments accepted. */
  min: number;
  /** Most arguments accepted (Infinity for label_join and the like). */
  max: number;
  returns: ValueType;
  experimental: boolean;
}

const LETTERS: Readonly<Record<string, ValueType>> = { v: 'vector', m: 'matrix', s: 'scalar', S: 'string' };

const SIGNATURES: Readonly<Record<string, string>> = {
  abs: 'v>v',
  absent: 'v>v',
  absent_over_time: 'm>v',
  acos: 'v>v',
  acosh: 'v>v',
  asin: 'v>v',
  asinh: 'v>v',
  atan: 'v>v',
  atanh: 'v>v',
  avg_over_time: 'm>v',
  ceil: 'v>v',
  changes: 'm>v',
  clamp: 'vss>v',
  clamp_max: 'vs>v',
  clamp_min: 'vs>v',
  cos: 'v>v',
  cosh: 'v>v',
  count_over_time: 'm>v',
  days_in_month: 'v?>v',
  day_of_month: 'v?>v',
  day_of_week: 'v?>v',
  day_of_year: 'v?>v',
  deg: 'v>v',
  end: '>s!',
  delta: 'm>v',
  deriv: 'm>v',
  exp: 'v>v',
  first_over_time: 'm>v',
  floor: 'v>v',
  histogram_avg: 'v>v',
  histogram_count: 'v>v',
  histogram_sum: 'v>v',
  histogram_stddev: 'v>v',
  histogram_stdvar: 'v>v',
  histogram_fraction: 'ssv>v',
  histogram_quantile: 'sv>v',
  histogram_quantiles: 'vSss?????????>v!',
  double_exponential_smoothing: 'mss>v!',
  hour: 'v?>v',
  idelta: 'm>v',
  increase: 'm>v',
  info: 'vv?>v!',
  irate: 'm>v',
  label_replace: 'vSSSS>v',
  label_join: 'vSSS*>v',
  max_of: 'ss>s!',
  last_over_time: 'm>v',
  min_of: 'ss>s!',
  ln: 'v>v',
  log10: 'v>v',
  log2: 'v>v',
  mad_over_time: 'm>v!',
  max_over_time: 'm>v',
  min_over_time: 'm>v',
  ts_of_first_over_time: 'm>v!',
  ts_of_max_over_time: 'm>v!',
  ts_of_min_over_time: 'm>v!',
  ts_of_last_over_time: 'm>v!',
  minute: 'v?>v',
  month: 'v?>v',
  pi: '>s',
  predict_linear: 'ms>v',
  present_over_time: 'm>v',
  quantile_over_time: 'sm>v',
  rad: 'v>v',
  range: '>s!',
  rate: 'm>v',
  resets: 'm>v',
  round: 'vs?>v',
  scalar: 'v>s',
  sgn: 'v>v',
  sin: 'v>v',
  sinh: 'v>v',
  sort: 'v>v',
  sort_desc: 'v>v',
  sort_by_label: 'vS*>v!',
  sort_by_label_desc: 'vS*>v!',
  sqrt: 'v>v',
  start: '>s!',
  start_timestamp: 'v>v!',
  step: '>s!',
  stddev_over_time: 'm>v',
  stdvar_over_time: 'm>v',
  sum_over_time: 'm>v',
  tan: 'v>v',
  tanh: 'v>v',
  time: '>s',
  timestamp: 'v>v',
  vector: 's>v',
  year: 'v?>v',
};

function decode(code: string): FunctionSignature {
  const [params = '', result = ''] = code.split('>');
  const letters = params.replace(/[?*]/g, '');
  const optional = (params.match(/\?/g) ?? []).length;
  const args = [...letters].map((letter) => LETTERS[letter] ?? 'vector');
  // Prometheus: a variadic function needs all but its last declared argument (functions.go `Variadic`).
  const variadic = optional > 0 || params.includes('*');
  const min = variadic ? args.length - 1 : args.length;
  const max = params.includes('*') ? Number.POSITIVE_INFINITY : min + (variadic ? optional : 0);
  return {
    args,
    min,
    max,
    returns: LETTERS[result.replace('!', '')] ?? 'vector',
    experimental: result.endsWith('!'),
  };
}

/** The signature of a PromQL function, or undefined for a name Prometheus does not know. */
export function functionSignature(name: string): FunctionSignature | undefined {
  const code = SIGNATURES[name];
  return code === undefined ? undefined : decode(code);
}
