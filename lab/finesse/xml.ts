import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Finesse's XML in and out, for the lab. Writing builds elements from a small
 * tree; reading parses request bodies (a PUT on User, a POST of a
 * TeamMessage). The lab has its own small serializer so that a mistake in
 * the console's XML code cannot hide the same mistake here.
 */
export type XmlValue = string | number | null | XmlChild[];
export type XmlChild = [name: string, value: XmlValue];

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

function write(name: string, value: XmlValue, out: string[]): void {
  if (value === null || value === '') {
    out.push(`<${name}/>`);
    return;
  }
  if (!Array.isArray(value)) {
    out.push(`<${name}>${escape(String(value))}</${name}>`);
    return;
  }
  out.push(`<${name}>`);
  for (const [childName, childValue] of value) write(childName, childValue, out);
  out.push(`</${name}>`);
}

export function toXml(root: string, value: XmlValue): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'];
  write(root, value, out);
  return out.join('');
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true, isArray: (name) => name === 'team' });

export class XmlBodyError extends Error {}

/** Parse a request body: its root element name and content. */
export function parseBody(text: string): { root: string; value: Record<string, unknown> } {
  if (!text.trim()) throw new XmlBodyError('The request body is empty.');
  const validation = XMLValidator.validate(text);
  if (validation !== true) throw new XmlBodyError(`Malformed XML: ${validation.err.msg} (line ${validation.err.line}).`);
  const document = parser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(document).filter((key) => !key.startsWith('?'));
  if (roots.length !== 1) throw new XmlBodyError('The body must have exactly one root element.');
  const value = document[roots[0]!];
  return { root: roots[0]!, value: typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {} };
}
