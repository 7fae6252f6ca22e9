/**
 * Go's `%.4g` (what Prometheus' `humanizePercentage` prints), exactly: Go rounds the double's exact
 * decimal value half to even, where JavaScript's toPrecision rounds a tie up (98.125 → Go "98.12",
 * toPrecision "98.13"), so the digits are taken from the exact binary value with BigInt.
 */

/** |value| = digits × 10^-scale, exactly. */
function exactDecimal(value: number): { digits: string; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  if (exponent >= 0) return { digits: (mantissa << BigInt(exponent)).toString(), scale: 0 };
  return { digits: (mantissa * 5n ** BigInt(-exponent)).toString(), scale: -exponent };
}

/** `digits` rounded half to even to `precision` significant digits, and the power of ten of the first. */
function roundHalfEven(digits: string, scale: number, precision: number): { kept: string; power: number } {
  const trimmed = digits.replace(/^0+/, '');
  let power = trimmed.length - 1 - scale;
  if (trimmed.length <= precision) return { kept: trimmed.padEnd(precision, '0'), power };
  let kept = BigInt(trimmed.slice(0, precision));
  const rest = trimmed.slice(precision);
  const half = `5${'0'.repeat(rest.length - 1)}`;
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  let text = kept.toString();
  if (text.length > precision) {
    text = text.slice(0, precision);
    power += 1;
  }
  return { kept: text, power };
}

export function goFormat4g(value: number): string {
  if (value === 0) return '0';
  const sign = value < 0 ? '-' : '';
  const { digits, scale } = exactDecimal(value);
  const { kept, power } = roundHalfEven(digits, scale, 4);
  if (power < -4 || power >= 4) {
    const mantissa = `${kept[0]}.${kept.slice(1)}`.replace(/\.?0+$/, '');
    const exponent = `${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
    return `${sign}${mantissa}e${exponent}`;
  }
  const fixed =
    power >= 0
      ? `${kept.slice(0, power + 1)}.${kept.slice(power + 1)}`
      : `0.${'0'.repeat(-power - 1)}${kept}`;
  return `${sign}${fixed.replace(/0+$/, '').replace(/\.$/, '')}`;
}
