import { attributeText, readFlatDocument, xmlAttribute as attribute } from './repository-document';
import { SWITCH_LIMITS, checkSwitchName, isDocumentTime, normalizePromptPath, sortSwitches, type SwitchEntry } from '../../../shared/domain/switches';

/**
 * The XML document UCCX scripts read for announcement switches (docs/ivr.md,
 * "Switches"): flat, namespace-free, one `switch` element per switch with its
 * name in `name`, so one XPath step answers "is the outage switch on?".
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <switches updated="2026-12-02T09:00:00Z" updatedBy="sup1">
 *     <switch name="outage" enabled="true" prompt="en_US/outage.wav" until=""/>
 *   </switches>
 *
 * Written deterministically (attributes in a fixed order, switches sorted by
 * name, one element per line, LF line ends, UTF-8), like caller lists.
 */
export interface SwitchesContent {
  switches: readonly SwitchEntry[];
  /** When the console wrote it, "2026-12-02T09:00:00Z". */
  updated: string;
  /** Who wrote it (the account the console writes as). */
  updatedBy: string;
}

export function serializeSwitches(content: SwitchesContent): Buffer {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<switches${attribute('updated', content.updated)}${attribute('updatedBy', content.updatedBy)}>`];
  for (const entry of sortSwitches(content.switches)) {
    lines.push(`  <switch${attribute('name', entry.name)}${attribute('enabled', entry.enabled ? 'true' : 'false')}${attribute('prompt', entry.prompt)}${attribute('until', entry.until)}/>`);
  }
  lines.push('</switches>', '');
  return Buffer.from(lines.join('\n'), 'utf8');
}

export interface ParsedSwitches {
  updated: string;
  updatedBy: string;
  switches: SwitchEntry[];
  /** Elements the console cannot use, in words ("switch 3: "a b" is not a switch name"). */
  skipped: string[];
}

export class SwitchesFormatError extends Error {}

/**
 * Read a switches document tolerantly: `enabled` is on only for exactly
 * "true", which is what a script compares with (anything else reads as off
 * and the editor says so), missing attributes read as empty, unknown ones are ignored
 * (and not written back), a prompt or time the console cannot read is dropped
 * and named, a switch with a bad or repeated name is skipped and named.
 * Bounded: larger than `maxDocumentBytes`, or with more than `maxSwitches`
 * switches, it is refused whole (SwitchesFormatError).
 */
export function parseSwitches(bytes: Buffer): ParsedSwitches {
  const { root, items: elements } = readFlatDocument(bytes, {
    root: 'switches',
    item: 'switch',
    items: 'switches',
    maxBytes: SWITCH_LIMITS.maxDocumentBytes,
    maxItems: SWITCH_LIMITS.maxSwitches,
    documents: 'switches documents',
    aDocument: 'a switches document',
    editsAtMost: 'at most',
    error: SwitchesFormatError,
  });
  const switches: SwitchEntry[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  elements.forEach((element, index) => {
    const text = (name: string) => attributeText(element, name);
    const name = text('name');
    const enabledText = text('enabled');
    if (checkSwitchName(name) !== null) {
      skipped.push(`switch ${index + 1}: ${name === '' ? 'no name' : `"${name.slice(0, 40)}" is not a switch name`}`);
      return;
    }
    if (seen.has(name.toLowerCase())) {
      skipped.push(`switch ${index + 1}: ${name} is listed twice; the first is kept`);
      return;
    }
    seen.add(name.toLowerCase());
    if (enabledText !== '' && enabledText !== 'true' && enabledText !== 'false') skipped.push(`${name}: enabled="${enabledText.slice(0, 20)}" reads as off (scripts compare with "true")`);
    const rawPrompt = text('prompt');
    const prompt = rawPrompt === '' ? '' : normalizePromptPath(rawPrompt);
    if (prompt === null) skipped.push(`${name}: the prompt "${rawPrompt.slice(0, 60)}" is not a .wav path and is left out`);
    const rawUntil = text('until');
    const until = rawUntil === '' || isDocumentTime(rawUntil) ? rawUntil : '';
    if (rawUntil !== until) skipped.push(`${name}: until="${rawUntil.slice(0, 40)}" is not a time (YYYY-MM-DDTHH:MM:SSZ) and is left out`);
    const enabled = enabledText === 'true';
    switches.push({ name, enabled, prompt: prompt ?? '', until: enabled ? until : '' });
  });
  return { updated: root.attributes.updated ?? '', updatedBy: root.attributes.updatedBy ?? '', switches: sortSwitches(switches), skipped };
}
