/**
 * A small strict XML 1.0 well-formedness parser for tests: one root element, matched and properly
 * nested tags, unique quoted attributes, only the five predefined entities and numeric character
 * references, no raw `<` or `&` in text or attributes, no characters XML forbids. Throws on the
 * first violation with its offset; returns the element tree.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function forbiddenChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) return i;
    if (code === 0xfffe || code === 0xffff) return i;
  }
  return -1;
}

function decodeEntities(raw: string, at: number): string {
  if (raw.includes('<')) throw new Error(`raw "<" in text or attribute near offset ${at}`);
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`unterminated entity near offset ${at}`);
    if (body in ENTITIES) return ENTITIES[body] as string;
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
    if (numeric === null) throw new Error(`unknown entity &${body}; near offset ${at}`);
    const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

function appendText(stack: XmlElement[], text: string, pos: number): void {
  const parent = stack[stack.length - 1];
  if (parent !== undefined) parent.text += decodeEntities(text, pos);
  else if (text.trim() !== '') throw new Error(`text outside the root element at offset ${pos}`);
}

export function parseXmlStrict(xml: string): XmlElement {
  const bad = forbiddenChar(xml);
  if (bad >= 0) throw new Error(`character forbidden in XML at offset ${bad}`);
  let pos = 0;
  const declaration = /^<\?xml\s+version="1\.0"(\s+encoding="[^"]+")?\s*\?>\s*/.exec(xml);
  if (declaration !== null) pos = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = lt < 0 ? xml.slice(pos) : xml.slice(pos, lt);
    appendText(stack, text, pos);
    if (lt < 0) break;
    pos = lt;
    if (xml.startsWith('</', pos)) {
      const end = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(pos));
      const open = stack.pop();
      if (end === null || open === undefined || end[1] !== open.name) {
        throw new Error(`mismatched closing tag at offset ${pos}`);
      }
      pos += end[0].length;
      continue;
    }
    if (xml.startsWith('<!--', pos)) {
      const close = xml.indexOf('-->', pos + 4);
      if (close < 0) throw new Error(`unterminated comment at offset ${pos}`);
      pos = close + 3;
      continue;
    }
    pos = parseStartTag(xml, pos, stack, (element) => {
      if (stack.length === 0) {
        if (root !== undefined) throw new Error(`second root element at offset ${pos}`);
        root = element;
      } else stack[stack.length - 1]?.children.push(element);
    });
  }
  if (stack.length > 0) throw new Error(`unclosed element <${stack[stack.length - 1]?.name}>`);
  if (root === undefined) throw new Error('no root element');
  return root;
}

function parseStartTag(
  xml: string,
  start: number,
  stack: XmlElement[],
  attach: (e: XmlElement) => void,
): number {
  let pos = start + 1;
  const name = NAME.exec(xml.slice(pos));
  if (name === null) throw new Error(`bad tag name at offset ${start}`);
  pos += name[0].length;
  const element: XmlElement = { name: name[0], attributes: {}, children: [], text: '' };
  for (;;) {
    const rest = xml.slice(pos);
    const close = /^\s*(\/?)>/.exec(rest);
    if (close !== null) {
      attach(element);
      if (close[1] !== '/') stack.push(element);
      return pos + close[0].length;
    }
    const attribute = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
    if (attribute === null) throw new Error(`malformed attribute in <${element.name}> at offset ${pos}`);
    const key = attribute[1] as string;
    if (key in element.attributes) throw new Error(`duplicate attribute ${key} at offset ${pos}`);
    element.attributes[key] = decodeEntities(attribute[3] ?? attribute[4] ?? '', pos);
    pos += attribute[0].length;
  }
}
