/**
 * Switches: on/off announcements that UCCX IVR scripts read from one XML
 * document in the UCCX document repository ("outage": play outage.wav at
 * the start of every call), an alternative to Boolean script parameters
 * (format and script steps: docs/ivr.md, "Switches"). Pure rules shared by
 * the editor (as the supervisor types) and main (before a save is queued).
 */
import type { FieldMap, FieldValue } from './changes';
import type { FieldError } from './validation';
import type { MainMessage } from './main-message';
import { formatDateTime } from './time-words';
import type { RepositoryDocumentView } from './repository-documents';

/** One switch as the document holds it. Optional values are '' when not set, as the document writes them. */
export interface SwitchEntry {
  /** What scripts ask for: letters, digits, - and _ ("outage"). */
  name: string;
  enabled: boolean;
  /** The prompt the script plays while the switch is on, as a repository path ("en_US/outage.wav"), or ''. */
  prompt: string;
  /** When a timed switch turns off by itself, UTC "2026-12-02T15:30:00Z", or '' for no end. */
  until: string;
}

/** A switch the console will turn off by itself, as main keeps it (durably, in the profile folder). */
export interface SwitchTimer {
  name: string;
  /** When it turns off (epoch ms). */
  until: number;
  /** waiting: not due yet; reverted: the change turning it off is queued or written; failed: that change could not be queued. */
  state: 'waiting' | 'reverted' | 'failed';
  /** The console was not running at `until`: it turned the switch off at its next start. */
  late: boolean;
  /** When the console queued the change turning it off (null while waiting). */
  revertedAt: number | null;
  /** The journal change turning it off, to follow it in Pending changes. */
  changeId?: string;
  /** Why it failed, in words. */
  message?: string;
  /** `message` by message id (`main.switches.notTurnedOff`), for the renderer to say in the user's language. */
  said?: MainMessage;
}

/** The switches document as the editor loads it. */
export interface SwitchesView extends RepositoryDocumentView {
  /** Switches as UCCX holds them now, sorted by name. */
  switches: SwitchEntry[];
  /** Switches as they will be once the changes waiting in the queue are written, or null when none wait. */
  queued: SwitchEntry[] | null;
  /** Timed switches the console turns off by itself, and the recent ones it did. */
  timers: SwitchTimer[];
  /** The "On for …" choices, in seconds (30 min, 1 h, 2 h unless the console was started with others). */
  durations: number[];
}

export const SWITCH_LIMITS = {
  maxSwitches: 100,
  maxNameLength: 40,
  maxPromptLength: 200,
  /** A document larger than this is not read (100 switches with long prompts are about 25 KB). */
  maxDocumentBytes: 64 * 1024,
  /** The longest a timed switch may stay on. */
  maxTimedMs: 7 * 24 * 3600_000,
} as const;

/** The "On for …" choices unless the console is started with others (CONSOLE_SWITCH_DURATIONS_S). */
export const DEFAULT_SWITCH_DURATIONS_S: readonly number[] = [30 * 60, 3600, 2 * 3600];

/** Where the switches document lives unless the profile says otherwise (`uccx.switchesDocument`). */
export const DEFAULT_SWITCHES_DOCUMENT = '/en_US/lists/switches.xml';

/** The journal's change type for the switches document; its id is the document's path. */
export const SWITCHES_TYPE = 'switches';

/** The journal field of one switch: `switch/<name>`, holding `{enabled, prompt, until}` (null: no such switch). */
export function switchField(name: string): string {
  return `switch/${name}`;
}

/** A problem with a switch as typed: its words, and the same words by message id (docs/i18n.md, "Shared rules"). */
export interface SwitchProblem {
  message: string;
  said: MainMessage;
}

/** A switch name becomes part of the scripts' XPath: letters, digits, - and _ only. */
export function checkSwitchName(name: string): SwitchProblem | null {
  if (name === '') return { message: 'Enter a name for the switch.', said: { id: 'validation.switches.nameEmpty' } };
  if (name.length > SWITCH_LIMITS.maxNameLength) return tooLong(SWITCH_LIMITS.maxNameLength, name.length);
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return { message: 'Use only letters, digits, - and _ (scripts ask for the switch by this name).', said: { id: 'validation.switches.nameCharacters' } };
  return null;
}

/** "There is already a switch named outage." (names are compared without case). */
export function switchNameTaken(name: string): SwitchProblem {
  return { message: `There is already a switch named ${name}.`, said: { id: 'validation.switches.taken', values: { name } } };
}

function tooLong(max: number, length: number): SwitchProblem {
  return { message: `At most ${max} characters; this has ${length}.`, said: { id: 'validation.switches.tooLong', values: { max, length } } };
}

/**
 * A prompt path as the document stores it: the path in the prompt repository
 * without the leading slash ("en_US/outage.wav"); backslashes become slashes.
 * Null when it is not a .wav path (empty segments, "..", characters a
 * repository file name cannot hold).
 */
export function normalizePromptPath(raw: string): string | null {
  const path = raw.trim().replace(/\\/g, '/').replace(/^\/+/, '');
  if (path === '' || path.length > SWITCH_LIMITS.maxPromptLength) return null;
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || !/^[A-Za-z0-9 _.-]+$/.test(segment) || segment !== segment.trim())) return null;
  return /\.wav$/i.test(path) ? path : null;
}

/** Problems with a prompt as typed ('' is no prompt, which is allowed). */
export function checkPrompt(raw: string): SwitchProblem | null {
  if (raw.trim() === '') return null;
  if (raw.length > SWITCH_LIMITS.maxPromptLength) return tooLong(SWITCH_LIMITS.maxPromptLength, raw.length);
  return normalizePromptPath(raw) === null ? { message: 'Enter the prompt’s path in the prompt repository, ending in .wav, e.g. en_US/outage.wav.', said: { id: 'validation.switches.promptPath' } } : null;
}

/** "2026-12-02T15:30:00Z": the document's time format. */
export function isDocumentTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text) && Number.isFinite(Date.parse(text));
}

/** The epoch ms of a switch's `until`, or null when it has none (or one the console cannot read). */
export function untilMs(entry: Pick<SwitchEntry, 'until'>): number | null {
  return entry.until !== '' && isDocumentTime(entry.until) ? Date.parse(entry.until) : null;
}

/** A timed switch whose time has passed (scripts may treat it as off; the console turns it off). */
export function isOverdue(entry: SwitchEntry, now: number): boolean {
  const until = untilMs(entry);
  return entry.enabled && until !== null && until <= now;
}

/**
 * A switch's problem in the document's list, after its name ("outage: At most
 * 40 characters; …", or "A switch: …" when it has none). Its id is the
 * problem's own under `validation.switches.inSwitch.` (with the name) or
 * `validation.switches.unnamed.`.
 */
function inSwitch(name: string, problem: SwitchProblem): Pick<FieldError, 'message' | 'said'> {
  const shown = name.slice(0, 60);
  const key = problem.said.id.slice('validation.switches.'.length);
  return {
    message: `${shown || 'A switch'}: ${problem.message}`,
    said: shown ? { id: `validation.switches.inSwitch.${key}`, values: { ...problem.said.values, name: shown } } : { id: `validation.switches.unnamed.${key}`, ...(problem.said.values ? { values: problem.said.values } : {}) },
  };
}

/** Check switches as the user has them; field keys are `switches.<index>.<field>`. */
export function validateSwitches(entries: readonly SwitchEntry[]): FieldError[] {
  const errors: FieldError[] = [];
  if (entries.length > SWITCH_LIMITS.maxSwitches)
    errors.push({
      field: 'switches',
      message: `The document holds at most ${SWITCH_LIMITS.maxSwitches} switches; this has ${entries.length}.`,
      said: { id: 'validation.switches.count', values: { max: SWITCH_LIMITS.maxSwitches, count: entries.length } },
    });
  const seen = new Map<string, string>();
  entries.forEach((entry, index) => {
    const at = (field: string) => `switches.${index}.${field}`;
    const nameProblem = checkSwitchName(entry.name);
    if (nameProblem) errors.push({ field: at('name'), ...inSwitch(entry.name, nameProblem) });
    else {
      // Scripts compare names exactly, but two names differing only in case would confuse people.
      const earlier = seen.get(entry.name.toLowerCase());
      if (earlier !== undefined) errors.push({ field: at('name'), ...switchNameTaken(earlier) });
      else seen.set(entry.name.toLowerCase(), entry.name);
    }
    const promptProblem = checkPrompt(entry.prompt);
    if (promptProblem) errors.push({ field: at('prompt'), ...inSwitch(entry.name, promptProblem) });
    if (entry.until !== '' && !isDocumentTime(entry.until)) {
      const until = entry.until.slice(0, 40);
      errors.push({ field: at('until'), message: `${entry.name}: ${until} is not a time (YYYY-MM-DDTHH:MM:SSZ).`, said: { id: 'validation.switches.untilNotTime', values: { name: entry.name, until } } });
    } else if (entry.until !== '' && !entry.enabled)
      errors.push({ field: at('until'), message: `${entry.name}: only a switch that is on can turn off at a time.`, said: { id: 'validation.switches.untilWhenOff', values: { name: entry.name } } });
  });
  return errors;
}

/** A switch with its prompt in the stored form (validate first). */
export function cleanSwitch(entry: SwitchEntry): SwitchEntry {
  return { name: entry.name, enabled: entry.enabled, prompt: entry.prompt.trim() === '' ? '' : (normalizePromptPath(entry.prompt) ?? entry.prompt), until: entry.enabled ? entry.until : '' };
}

/** Switches in the one order the document and every comparison use: by name. */
export function sortSwitches(entries: readonly SwitchEntry[]): SwitchEntry[] {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function fieldValue(entry: SwitchEntry): FieldValue {
  return { enabled: entry.enabled, prompt: entry.prompt, until: entry.until };
}

/** The journal's view of the document: one field per switch, so changes to different switches never conflict. */
export function switchFields(entries: readonly SwitchEntry[]): FieldMap {
  return Object.fromEntries(sortSwitches(entries).map((entry) => [switchField(entry.name), fieldValue(entry)]));
}

/** The switch a journal field holds (null: the switch does not exist, or the value is not a switch). */
export function switchOfField(field: string, value: FieldValue | undefined): SwitchEntry | null {
  if (!field.startsWith('switch/') || !value || typeof value !== 'object' || Array.isArray(value)) return null;
  const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : '');
  return { name: field.slice('switch/'.length), enabled: value.enabled === true, prompt: text('prompt'), until: text('until') };
}

/** The switches a field map describes (for a waiting change's overlay). */
export function switchesOfFields(fields: FieldMap): SwitchEntry[] {
  return sortSwitches(Object.entries(fields).flatMap(([field, value]) => switchOfField(field, value) ?? []));
}

/** Only the switches a save touches: base and mine of each (null for one that is added or removed). */
export function touchedSwitchFields(before: readonly SwitchEntry[], after: readonly SwitchEntry[]): { base: FieldMap; mine: FieldMap } {
  const old = switchFields(before);
  const next = switchFields(after);
  const base: FieldMap = {};
  const mine: FieldMap = {};
  for (const field of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (JSON.stringify(old[field] ?? null) === JSON.stringify(next[field] ?? null)) continue;
    base[field] = old[field] ?? null;
    mine[field] = next[field] ?? null;
  }
  return { base, mine };
}

/** "On", "On until 2 Dec 2026, 15:30", "Off". */
export function switchStateWords(entry: Pick<SwitchEntry, 'enabled' | 'until'> | null, formatTime: (epochMs: number) => string = formatDateTime): string {
  if (!entry) return 'no switch';
  if (!entry.enabled) return 'Off';
  const until = untilMs(entry);
  return until === null ? 'On' : `On until ${formatTime(until)}`;
}

/** One switch's change in words: "outage: Off → On until 2 Dec 2026, 15:30", "weather added (Off)", "prompt en_US/a.wav → en_US/b.wav". */
export function describeSwitchChange(name: string, before: SwitchEntry | null, after: SwitchEntry | null, formatTime?: (epochMs: number) => string): string {
  if (!before && after) return `${name} added (${switchStateWords(after, formatTime)}${after.prompt ? `, prompt ${after.prompt}` : ''})`;
  if (before && !after) return `${name} removed`;
  if (!before || !after) return `${name}: no change`;
  const parts: string[] = [];
  const was = switchStateWords(before, formatTime);
  const now = switchStateWords(after, formatTime);
  if (was !== now) parts.push(`${was} → ${now}`);
  if (before.prompt !== after.prompt) parts.push(`prompt ${before.prompt || '(none)'} → ${after.prompt || '(none)'}`);
  return `${name}: ${parts.join(', ') || 'no change'}`;
}

/** One switch's part of a save, for saying it in words: a rename, an added or removed switch, or one whose state or prompt changed. */
export type SwitchSavePart =
  | { kind: 'renamed'; from: string; to: string }
  | { kind: 'added'; name: string; after: SwitchEntry }
  | { kind: 'removed'; name: string }
  | { kind: 'changed'; name: string; before: SwitchEntry; after: SwitchEntry }
  | { kind: 'unchanged'; name: string };

/**
 * A save, switch by switch, in the document's order; a rename (one removed,
 * one added with the same state and prompt) is one part.
 */
export function switchSaveParts(base: FieldMap, mine: FieldMap): SwitchSavePart[] {
  const fields = [...new Set([...Object.keys(base), ...Object.keys(mine)])].sort();
  const removed = fields.filter((field) => base[field] && !mine[field]);
  const added = fields.filter((field) => !base[field] && mine[field]);
  const parts: SwitchSavePart[] = [];
  const renamed = new Set<string>();
  if (removed.length === 1 && added.length === 1) {
    const from = switchOfField(removed[0]!, base[removed[0]!])!;
    const to = switchOfField(added[0]!, mine[added[0]!])!;
    if (from.enabled === to.enabled && from.prompt === to.prompt) {
      parts.push({ kind: 'renamed', from: from.name, to: to.name });
      renamed.add(removed[0]!).add(added[0]!);
    }
  }
  for (const field of fields) {
    if (renamed.has(field)) continue;
    const name = field.slice('switch/'.length);
    const before = switchOfField(field, base[field]);
    const after = switchOfField(field, mine[field]);
    parts.push(!before && after ? { kind: 'added', name, after } : before && !after ? { kind: 'removed', name } : before && after ? { kind: 'changed', name, before, after } : { kind: 'unchanged', name });
  }
  return parts;
}

/** One part of a save in words: "outage renamed to outage-north", "weather added (Off)", "outage removed", "weather: Off → On". */
function partWords(part: SwitchSavePart, formatTime?: (epochMs: number) => string): string {
  switch (part.kind) {
    case 'renamed':
      return `${part.from} renamed to ${part.to}`;
    case 'added':
      return describeSwitchChange(part.name, null, part.after, formatTime);
    case 'removed':
      return `${part.name} removed`;
    case 'changed':
      return describeSwitchChange(part.name, part.before, part.after, formatTime);
    case 'unchanged':
      return `${part.name}: no change`;
  }
}

/** A save in words, switch by switch: "Switches: outage renamed to outage-north", "Switches: weather: Off → On until …". */
export function describeSwitchesSave(base: FieldMap, mine: FieldMap, formatTime?: (epochMs: number) => string): string {
  return `Switches: ${switchSaveParts(base, mine).map((part) => partWords(part, formatTime)).join('; ') || 'no changes'}`;
}

/** "30 min", "1 h", "2 h 30 min", "45 s". */
export function durationWords(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return [hours ? `${hours} h` : '', minutes ? `${minutes} min` : ''].filter(Boolean).join(' ');
}

/** "On for …" choices from `CONSOLE_SWITCH_DURATIONS_S` ("20,1800"); the defaults when absent or unreadable. */
export function switchDurationsFrom(text: string | undefined): number[] {
  if (!text) return [...DEFAULT_SWITCH_DURATIONS_S];
  const values = text.split(',').map((part) => part.trim());
  if (values.length > 6 || values.some((value) => !/^\d{1,6}$/.test(value))) return [...DEFAULT_SWITCH_DURATIONS_S];
  const seconds = values.map(Number).filter((value) => value >= 5 && value * 1000 <= SWITCH_LIMITS.maxTimedMs);
  return seconds.length ? [...new Set(seconds)].sort((a, b) => a - b) : [...DEFAULT_SWITCH_DURATIONS_S];
}

/** A switch's `until` for an end time (epoch ms): UTC to the second, "2026-12-02T15:30:00Z". */
export function untilText(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The prompt's file name, for sentences ("outage.wav"). */
export function promptFileName(prompt: string): string {
  return prompt.slice(prompt.lastIndexOf('/') + 1);
}
