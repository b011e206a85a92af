import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { parseCallerList, serializeCallerList } from '../../electron/services/uccx/caller-list-document';
import { parseSwitches, serializeSwitches } from '../../electron/services/uccx/switch-document';

/**
 * An independent check of docs/ivr.md: the XPath expressions a script writer
 * copies from the page run with a standard XPath 1.0 engine (xpath +
 * @xmldom/xmldom, not the console's parser) against the document the console
 * writes. The expressions and the example document are read out of the page
 * itself, so the page cannot drift from what is tested.
 */
const page = fs.readFileSync(path.join(__dirname, '../../docs/ivr.md'), 'utf8');

/** The fenced block after `<!-- marker -->` in docs/ivr.md. */
function block(marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(page);
  if (!match) throw new Error(`docs/ivr.md has no block marked ${marker}`);
  return match[1]!;
}

/**
 * A UCCX string expression as the page writes it ("…'" + ani + "'…"):
 * string literals and variable names joined by +, evaluated with `variables`.
 */
function evaluateExpression(expression: string, variables: Record<string, string>): string {
  const tokens = expression.match(/"(?:[^"\\]|\\.)*"|[A-Za-z_]\w*|\+|\S/g) ?? [];
  let out = '';
  let expectOperand = true;
  for (const token of tokens) {
    if (expectOperand) {
      if (token.startsWith('"')) out += token.slice(1, -1).replace(/\\(.)/g, '$1');
      else if (token in variables) out += variables[token];
      else throw new Error(`unexpected ${token} in ${expression}`);
    } else if (token !== '+') throw new Error(`expected + before ${token}`);
    expectOperand = !expectOperand;
  }
  return out;
}

function select(document: Buffer, expression: string, variables: Record<string, string>): string {
  const dom = new DOMParser().parseFromString(document.toString('utf8'), 'text/xml');
  const nodes = xpath.select(evaluateExpression(expression, variables), dom as unknown as Node) as Node[];
  return nodes.map((node) => node.nodeValue ?? '').join('');
}

const written = serializeCallerList({
  name: 'vip',
  updated: '2026-12-02T09:15:00Z',
  updatedBy: 'sup1',
  entries: [
    { number: '+41441234567', label: 'Key account A', expires: '', route: 'CSQ_VIP' },
    { number: '+41445550000', label: `Mueller & Sons 'Bau'`, expires: '2026-12-01', route: '2001' },
    { number: '+41791234567', label: 'CEO mobile', expires: '2026-12-02', route: '' },
  ],
});
const today = '20261202';

describe('docs/ivr.md against a standard XPath engine', () => {
  it('the check finds a listed caller’s label and returns nothing for a caller not listed', () => {
    const check = block('xpath-check');
    expect(select(written, check, { ani: '+41441234567', today })).toBe('Key account A');
    expect(select(written, check, { ani: '+41440000000', today })).toBe('');
    expect(select(written, check, { ani: '41441234567', today })).toBe('');
  });

  it('the check ignores an entry after its last day and counts it on its last day', () => {
    const check = block('xpath-check');
    expect(select(written, check, { ani: '+41445550000', today })).toBe('');
    expect(select(written, check, { ani: '+41445550000', today: '20261201' })).toBe(`Mueller & Sons 'Bau'`);
    expect(select(written, check, { ani: '+41791234567', today })).toBe('CEO mobile');
    expect(select(written, check, { ani: '+41791234567', today: '20261203' })).toBe('');
  });

  it('the shorter check counts expired entries too, and the route step reads the route', () => {
    expect(select(written, block('xpath-check-any'), { ani: '+41445550000' })).toBe(`Mueller & Sons 'Bau'`);
    expect(select(written, block('xpath-check-any'), { ani: '+1' })).toBe('');
    const route = block('xpath-route');
    expect(select(written, route, { ani: '+41441234567', today })).toBe('CSQ_VIP');
    expect(select(written, route, { ani: '+41791234567', today })).toBe('');
    expect(select(written, route, { ani: '+41445550000', today: '20261130' })).toBe('2001');
  });

  it('the example document on the page is byte for byte what the console writes for its entries', () => {
    const example = Buffer.from(`${block('example-document')}\n`, 'utf8');
    const parsed = parseCallerList(example);
    expect(parsed.entries).toHaveLength(3);
    expect(serializeCallerList({ name: parsed.name, updated: parsed.updated, updatedBy: parsed.updatedBy, entries: parsed.entries }).equals(example)).toBe(true);
    expect(select(example, block('xpath-check'), { ani: '+41441234567', today })).toBe('Key account A');
  });
});

describe('docs/ivr.md switches against a standard XPath engine', () => {
  const switches = serializeSwitches({
    updated: '2026-12-02T14:30:00Z',
    updatedBy: 'sup1',
    switches: [
      { name: 'outage', enabled: true, prompt: 'en_US/outage.wav', until: '2026-12-02T15:30:00Z' },
      { name: 'outage-north', enabled: false, prompt: 'en_US/north.wav', until: '' },
      { name: 'weather', enabled: true, prompt: '', until: '' },
    ],
  });

  it('the switch check answers "true", "false" or nothing for a switch not in the document', () => {
    const check = block('switches-xpath').replace("'outage'", `'" + name + "'`);
    expect(check).toContain('" + name + "');
    expect(select(switches, check, { name: 'outage' })).toBe('true');
    expect(select(switches, check, { name: 'outage-north' })).toBe('false');
    expect(select(switches, check, { name: 'weather' })).toBe('true');
    expect(select(switches, check, { name: 'storm' })).toBe('');
    expect(select(switches, block('switches-xpath'), {})).toBe('true');
  });

  it('the prompt step reads the prompt path, empty when none is set', () => {
    expect(select(switches, block('switches-xpath-prompt'), {})).toBe('en_US/outage.wav');
    const forWeather = block('switches-xpath-prompt').replace("'outage'", "'weather'");
    expect(select(switches, forWeather, {})).toBe('');
  });

  it('the timed check is "true" only until the switch’s time, and for a switch without one', () => {
    const timed = block('switches-xpath-timed');
    expect(select(switches, timed, { nowUtc: '20261202152959' })).toBe('true');
    expect(select(switches, timed, { nowUtc: '20261202153000' })).toBe('');
    expect(select(switches, timed, { nowUtc: '20261203000000' })).toBe('');
    expect(select(switches, timed.replace("'outage'", "'weather'"), { nowUtc: '20301231235959' })).toBe('true');
  });

  it('the example document on the page is byte for byte what the console writes for its switches', () => {
    const example = Buffer.from(`${block('switches-document')}\n`, 'utf8');
    const parsed = parseSwitches(example);
    expect(parsed.switches).toHaveLength(3);
    expect(parsed.skipped).toEqual([]);
    expect(serializeSwitches(parsed).equals(example)).toBe(true);
    expect(select(example, block('switches-xpath'), {})).toBe('true');
    expect(select(example, block('switches-xpath-timed'), { nowUtc: '20261202160000' })).toBe('');
  });
});
