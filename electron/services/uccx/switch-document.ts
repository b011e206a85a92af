import { attributeText, readFlatDocument, xmlAttribute as attribute } from './repository-document';
import type { MainMessage } from '../../../shared/domain/main-message';
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
  /** The same, each by id (`main.uccx.skipped.*`), for the renderer to say in the user's language. */
  skippedMessages: MainMessage[];
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
  const skippedMessages: MainMessage[] = [];
  const skip = (english: string, said: MainMessage) => {
    skipped.push(english);
    skippedMessages.push(said);
  };
  const seen = new Set<string>();
  elements.forEach((element, index) => {
    const text = (name: string) => attributeText(element, name);
    const name = text('name');
    const enabledText = text('enabled');
    const position = index + 1;
    if (checkSwitchName(name) !== null) {
      if (name === '') skip(`switch ${position}: no name`, { id: 'main.uccx.skipped.switchNoName', values: { position } });
      else skip(`switch ${position}: "${name.slice(0, 40)}" is not a switch name`, { id: 'main.uccx.skipped.switchBadName', values: { position, name: name.slice(0, 40) } });
      return;
    }
    if (seen.has(name.toLowerCase())) {
      skip(`switch ${position}: ${name} is listed twice; the first is kept`, { id: 'main.uccx.skipped.switchTwice', values: { position, name } });
      return;
    }
    seen.add(name.toLowerCase());
    if (enabledText !== '' && enabledText !== 'true' && enabledText !== 'false') {
      const value = enabledText.slice(0, 20);
      skip(`${name}: enabled="${value}" reads as off (scripts compare with "true")`, { id: 'main.uccx.skipped.switchEnabled', values: { name, value } });
    }
    const rawPrompt = text('prompt');
    const prompt = rawPrompt === '' ? '' : normalizePromptPath(rawPrompt);
    if (prompt === null) {
      const shown = rawPrompt.slice(0, 60);
      skip(`${name}: the prompt "${shown}" is not a .wav path and is left out`, { id: 'main.uccx.skipped.switchPrompt', values: { name, prompt: shown } });
    }
    const rawUntil = text('until');
    const until = rawUntil === '' || isDocumentTime(rawUntil) ? rawUntil : '';
    if (rawUntil !== until) {
      const value = rawUntil.slice(0, 40);
      skip(`${name}: until="${value}" is not a time (YYYY-MM-DDTHH:MM:SSZ) and is left out`, { id: 'main.uccx.skipped.switchUntil', values: { name, value } });
    }
    const enabled = enabledText === 'true';
    switches.push({ name, enabled, prompt: prompt ?? '', until: enabled ? until : '' });
  });
  return { updated: root.attributes.updated ?? '', updatedBy: root.attributes.updatedBy ?? '', switches: sortSwitches(switches), skipped, skippedMessages };
}
