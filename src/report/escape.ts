/**
 * Escaping of untrusted text (scenario names, URLs, error messages, response snippets) for each
 * output format. Every writer passes user text through one of these; none builds markup from raw text.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * JSON safe inside `<script type="application/json">`: `<`, `>`, `&` and the JS line separators
 * become \u escapes, so no `</script>` or `<!--` can end the element early. JSON.parse reads it back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Whether XML 1.0 allows this code point: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and the
 * astral planes (so C0 controls, lone surrogates and U+FFFE/U+FFFF are out).
 */
function isXmlChar(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
  return codePoint !== 0xfffe && codePoint !== 0xffff;
}

function replaceInvalidXmlChars(text: string): string {
  let result = '';
  // for…of walks code points: a valid surrogate pair arrives whole, a lone surrogate alone.
  for (const char of text) result += isXmlChar(char.codePointAt(0) ?? 0) ? char : '\ufffd';
  return result;
}

/** Text for XML element content or a double-quoted attribute (invalid characters become U+FFFD). */
export function escapeXml(text: string): string {
  return replaceInvalidXmlChars(text)
    .replace(/[&<>"']/g, (char) => (char === "'" ? '&apos;' : (HTML_ESCAPES[char] ?? char)))
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Text for one Markdown table cell or inline run: no markup, HTML, pipes or line breaks survive. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~>]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}
