/**
 * Reading a response head in place, as latin1 text: character codes compared and numbers parsed
 * without substrings or lower-cased copies (the parser's hot path, once per response).
 */

/** The three-digit status code of a status line (`HTTP/1.1 200 OK`); -1 when it has none. */
export function statusOf(head: string, headEnd: number): number {
  let status = 0;
  for (let i = 9; i < 12; i++) {
    const digit = head.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    status = status * 10 + digit;
  }
  if (headEnd < 12) return -1;
  const after = headEnd === 12 ? 13 : head.charCodeAt(12);
  return after === 32 || after === 13 ? status : -1;
}

/** Whether `text` at `at` holds `lowerName` in any letter case. */
export function namedAt(text: string, at: number, lowerName: string): boolean {
  for (let i = 0; i < lowerName.length; i++) {
    // ASCII letters: setting bit 0x20 lower-cases them; '-' (0x2d) already has it.
    if ((text.charCodeAt(at + i) | 0x20) !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}

/** Where `from`…`to` starts without its leading spaces and tabs. */
export function trimStart(text: string, from: number, to: number): number {
  let start = from;
  while (start < to && isBlank(text.charCodeAt(start))) start++;
  return start;
}

/** Where `from`…`to` ends without its trailing spaces and tabs. */
export function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && isBlank(text.charCodeAt(end - 1))) end--;
  return end;
}

/** The decimal value between `from` and `to` (spaces and tabs around it allowed); NaN if not digits. */
export function contentLength(text: string, from: number, to: number): number {
  const start = trimStart(text, from, to);
  const end = trimEnd(text, start, to);
  if (start === end) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

export function headerValue(head: string, colon: number, end: number): string {
  return head
    .slice(colon + 1, end)
    .trim()
    .toLowerCase();
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
