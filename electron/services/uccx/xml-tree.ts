import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * An XML document kept exactly as the server sent it: every element in
 * document order, every attribute, every comment, including the ones the
 * console does not understand. Editors change the few elements they model
 * in place, and the whole tree goes back in the full-object PUT, so nothing
 * the server sent is lost on save.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { text: string } | { comment: string };

export function isElement(node: XmlNode | null | undefined): node is XmlElement {
  return node !== undefined && node !== null && 'name' in node;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  commentPropName: '#comment',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function convert(node: OrderedNode): XmlNode | null {
  for (const key of Object.keys(node)) {
    if (key === ':@') continue;
    const value = node[key];
    if (key === '#text') return { text: String(value) };
    if (key === '#comment') {
      const parts = value as OrderedNode[];
      return { comment: parts.map((part) => String(part['#text'] ?? '')).join('') };
    }
    const children = ((value as OrderedNode[]) ?? []).map(convert).filter((child): child is XmlNode => child !== null);
    // Indentation between child elements is layout, not data.
    const hasElements = children.some(isElement);
    return {
      name: key,
      attributes: { ...(node[':@'] ?? {}) },
      children: hasElements ? children.filter((child) => !('text' in child) || child.text.trim() !== '') : children,
    };
  }
  return null;
}

export class XmlParseError extends Error {}

/** Parse a document and return its root element. */
export function parseXml(text: string): XmlElement {
  const validation = XMLValidator.validate(text);
  if (validation !== true) throw new XmlParseError(`The server sent malformed XML: ${validation.err.msg} (line ${validation.err.line}).`);
  const nodes = (parser.parse(text) as OrderedNode[]).map(convert).filter(isElement);
  if (nodes.length !== 1) throw new XmlParseError('The server sent an XML document without a single root element.');
  return nodes[0]!;
}

function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function write(node: XmlNode, out: string[]): void {
  if ('text' in node) {
    out.push(escapeText(node.text));
    return;
  }
  if ('comment' in node) {
    out.push(`<!--${node.comment.replaceAll('--', '- -')}-->`);
    return;
  }
  const attributes = Object.entries(node.attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  if (node.children.length === 0) {
    out.push(`<${node.name}${attributes}/>`);
    return;
  }
  out.push(`<${node.name}${attributes}>`);
  for (const child of node.children) write(child, out);
  out.push(`</${node.name}>`);
}

export function serializeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'];
  write(root, out);
  return out.join('');
}

// ---- reading and editing helpers ------------------------------------------

export function element(name: string, children: XmlNode[] = [], attributes: Record<string, string> = {}): XmlElement {
  return { name, attributes, children };
}

export function textElement(name: string, value: string): XmlElement {
  return element(name, value === '' ? [] : [{ text: value }]);
}

export function childElements(parent: XmlElement | undefined, name?: string): XmlElement[] {
  if (!parent) return [];
  return parent.children.filter((child): child is XmlElement => isElement(child) && (name === undefined || child.name === name));
}

export function child(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  return parent?.children.find((node): node is XmlElement => isElement(node) && node.name === name);
}

/** Follow a path of element names: path(resource, 'skillMap', 'skillCompetency'). */
export function descend(parent: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let current = parent;
  for (const name of names) current = child(current, name);
  return current;
}

export function textOf(node: XmlElement | undefined): string {
  if (!node) return '';
  return node.children.map((c) => ('text' in c ? c.text : '')).join('');
}

export function childText(parent: XmlElement | undefined, name: string): string {
  return textOf(child(parent, name));
}

/**
 * Set the text of a child element. An existing element keeps its place and
 * attributes; a new one goes right after the last of `after` that exists
 * (the schema order the server returns), else at the end.
 */
export function setChildText(parent: XmlElement, name: string, value: string, after: readonly string[] = []): void {
  const existing = child(parent, name);
  if (existing) {
    existing.children = value === '' ? [] : [{ text: value }];
    return;
  }
  insertChild(parent, textElement(name, value), after);
}

/** Insert `node` after the last existing sibling named in `after` (schema order), else append. */
export function insertChild(parent: XmlElement, node: XmlElement, after: readonly string[] = []): void {
  let index = -1;
  parent.children.forEach((candidate, position) => {
    if (isElement(candidate) && after.includes(candidate.name)) index = position;
  });
  if (index === -1) parent.children.push(node);
  else parent.children.splice(index + 1, 0, node);
}

export function removeChildren(parent: XmlElement, predicate: (node: XmlElement) => boolean): void {
  parent.children = parent.children.filter((node) => !isElement(node) || !predicate(node));
}

/** Get or create a container child element. */
export function ensureChild(parent: XmlElement, name: string, after: readonly string[] = []): XmlElement {
  const existing = child(parent, name);
  if (existing) return existing;
  const created = element(name);
  insertChild(parent, created, after);
  return created;
}

export function cloneXml(root: XmlElement): XmlElement {
  return structuredClone(root);
}
