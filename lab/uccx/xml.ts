/**
 * XML in and out of the element-tree shape (see Tree in model.ts).
 * Reading uses fast-xml-parser with every value kept as text (the schema
 * types known elements afterwards); writing is a small serializer that puts
 * the answering node's URL in front of host-less refURL/self values.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Tree, type TreeValue, UccxApiError, isTree } from './model';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** Parse one XML document; malformed XML is a 400 like the product's. */
export function parseXmlDocument(text: string): { root: string; value: TreeValue } {
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw new UccxApiError(400, 'Malformed Request', `malformed XML: ${validation.err.msg} (line ${validation.err.line})`, 'body');
  }
  const document = parser.parse(text) as Tree;
  const roots = Object.keys(document).filter((key) => !key.startsWith('@') && !key.startsWith('?') && key !== '#text');
  if (roots.length !== 1) throw new UccxApiError(400, 'Malformed Request', 'the XML body must have exactly one root element', 'body');
  const root = roots[0]!;
  const value = document[root]!;
  // Namespace declarations on the root carry no data.
  if (isTree(value)) {
    for (const key of Object.keys(value)) if (key.startsWith('@xmlns') || key.startsWith('@xsi:')) delete value[key];
  }
  return { root, value };
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** Put the node's base URL in front of stored host-less adminapi URLs. */
export function absoluteAdminUrl(key: string, value: string, baseUrl: string): string {
  return (key === 'refURL' || key === 'self') && value.startsWith('/adminapi/') ? baseUrl + value : value;
}

function writeElement(name: string, value: TreeValue, baseUrl: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) writeElement(name, item, baseUrl, out);
    return;
  }
  if (value === null || value === '') {
    out.push(`<${name}/>`);
    return;
  }
  if (!isTree(value)) {
    out.push(`<${name}>${escapeXml(absoluteAdminUrl(name, String(value), baseUrl))}</${name}>`);
    return;
  }
  let attributes = '';
  let textContent = '';
  const children: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('@')) attributes += ` ${key.slice(1)}="${escapeXml(String(child))}"`;
    else if (key === '#text') textContent = escapeXml(String(child));
    else writeElement(key, child, baseUrl, children);
  }
  if (children.length === 0 && textContent === '') out.push(`<${name}${attributes}/>`);
  else out.push(`<${name}${attributes}>${textContent}${children.join('')}</${name}>`);
}

export function objectToXml(root: string, tree: Tree, baseUrl: string): string {
  const out: string[] = [XML_DECLARATION];
  writeElement(root, tree, baseUrl, out);
  return out.join('');
}

export function listToXml(listRoot: string, itemRoot: string, items: readonly Tree[], baseUrl: string): string {
  const out: string[] = [XML_DECLARATION];
  if (items.length === 0) {
    out.push(`<${listRoot}/>`);
    return out.join('');
  }
  out.push(`<${listRoot}>`);
  for (const item of items) writeElement(itemRoot, item, baseUrl, out);
  out.push(`</${listRoot}>`);
  return out.join('');
}
