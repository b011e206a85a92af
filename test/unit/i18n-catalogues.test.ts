import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { setupI18n } from '@lingui/core';
import { CATALOGUE_LANGUAGES, PSEUDO_LANGUAGE, compileCatalogue, readCatalogue } from '../../scripts/i18n/compile-catalogue';
import { PSEUDO_CHARACTERS, pseudoText } from '../../scripts/i18n/pseudo-locale';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeNode, type NodeCondition, type NodeConditionKind } from '../../shared/domain/status';
import type { MainSentence, MainValue } from '../../shared/domain/main-message';
import type { ConnectionOutcome, ConnectionTestResult } from '../../shared/domain/profile';
import type { UccxNodeState } from '../../shared/domain/uccx';
import { describeState } from '../../electron/services/uccx/service';
import { describeCupi } from '../../electron/services/cupi/service';
import { FinesseClient } from '../../electron/services/finesse/client';
import { finesseNodeStatuses } from '../../electron/services/finesse/service';
import { roleMessage, statusDetailFor, statusDetailMessageFor, testCupiNode, testFinesseNode, testUccxNode } from '../../electron/services/profiles/connection-tester';
import { PassphraseVault } from '../../electron/services/vault/passphrase-vault';
import { MemoryVault } from '../../electron/services/vault/vault';
import { validateCallId } from '../../shared/domain/board';
import { checkPrompt, checkSwitchName, validateSwitches } from '../../shared/domain/switches';
import { checkTimeZone, checkUccxName, validateHolidays, validateParameterValue, validateUccxCreate, validateUccxFields, validateWorkingDays } from '../../shared/domain/uccx';
import { checkOneOf, checkText, checkWholeNumber, type FieldError } from '../../shared/domain/validation';
import { MESSAGE_FORMATS } from '../../renderer/src/i18n/i18n';
import fs from 'node:fs';
import { failureMessage, failureSentence, httpFailureMessage, httpFailureSentence, type FailurePlace, type NetworkFailureKind } from '../../shared/domain/error-words';
import type { MainMessage } from '../../shared/domain/main-message';
import type { PendingChange } from '../../shared/domain/changes';
import { ConsoleError } from '../../shared/ipc/result';
import { NetworkError, describeNetworkFailure } from '../../electron/services/net/network-error';
import { finesseRefusal, type FinesseRequest } from '../../electron/services/finesse/client';
import { outcomeOf } from '../../electron/services/cupi/service';
import type { HttpResponse } from '../../electron/services/net/http-client';
import { busyNotice } from '../../electron/services/cupi/client';
import { notTurnedOff } from '../../electron/services/uccx/switches';
import { limitNoticeWords } from '../../electron/services/reports/board-state';
import { notReceivingWords, notRecordedWords } from '../../electron/services/history/queries';
import { readFailureProblems, timelessProblem, unknownStateProblem } from '../../electron/services/finesse/board-link';
import { RealtimeQueueSource } from '../../electron/services/queues/realtime-source';
import { QueueSourceError } from '../../electron/services/queues/source';
import { unavailableReason } from '../../electron/services/queues/service';
import type { HttpClient } from '../../electron/services/net/http-client';
import { decideAccess, UCCX_EDITOR_KEYS, type AccessEvidence, type UccxRole } from '../../shared/domain/uccx-access';
import { parseSwitches } from '../../electron/services/uccx/switch-document';
import { parseCallerList } from '../../electron/services/uccx/caller-list-document';
import { foldSteps } from '../../electron/services/audit/audit-log';
import type { AuditEntry, AuditResult } from '../../shared/domain/changes';

/**
 * The catalogues are complete and agree: every message id is in every
 * language, with the same placeholders of the same kinds, plural forms the
 * language has, and select choices like English's. Main's words sent by id
 * are all there. A gap here is a word left in English (or an id) on screen.
 */

interface Argument {
  name: string;
  kind: string;
}

/** Every placeholder of a message, with its kind (argument, number, date, time, plural, select), nested ones included. */
function argumentsOf(elements: MessageFormatElement[], out = new Map<string, string>()): Map<string, string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentsOf(element.children, out);
      continue;
    }
    out.set(`${element.value}:${TYPE[element.type]}`, element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, out);
    }
  }
  return out;
}

function placeholders(text: string): Argument[] {
  return [...argumentsOf(parse(text, { ignoreTag: true })).keys()].sort().map((key) => ({ name: key.split(':')[0]!, kind: key.split(':')[1]! }));
}

/** The choices of each plural and select, by argument name ("count:plural" → ["one", "other"]). */
function choicesOf(elements: MessageFormatElement[], out: Record<string, string[]> = {}): Record<string, string[]> {
  for (const element of elements) {
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const key = `${element.value}:${TYPE[element.type]}`;
      out[key] = [...new Set([...(out[key] ?? []), ...Object.keys(element.options)])].sort();
      for (const option of Object.values(element.options)) choicesOf(option.value, out);
    }
  }
  return out;
}

const english = readCatalogue('en');
const englishIds = Object.keys(english).sort();

describe('message catalogues', () => {
  it('English has messages, and every one is valid ICU MessageFormat', () => {
    expect(englishIds.length).toBeGreaterThan(100);
    for (const [id, text] of Object.entries(english)) expect(() => parse(text, { ignoreTag: true }), id).not.toThrow();
  });

  it('names only number and date styles the runtime knows (ICU\'s own or MESSAGE_FORMATS)', () => {
    const known = new Set(['integer', 'percent', 'currency', 'short', 'medium', 'long', 'full', ...Object.keys(MESSAGE_FORMATS)]);
    const unknown: string[] = [];
    const visit = (elements: MessageFormatElement[], where: string) => {
      for (const element of elements) {
        if ((element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) && typeof element.style === 'string' && !known.has(element.style)) {
          unknown.push(`${where}: ${element.style}`);
        }
        if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) visit(option.value, where);
      }
    };
    for (const language of CATALOGUE_LANGUAGES) for (const [id, text] of Object.entries(readCatalogue(language))) visit(parse(text, { ignoreTag: true }), `${language} ${id}`);
    expect(unknown).toEqual([]);
  });

  for (const language of CATALOGUE_LANGUAGES.filter((l) => l !== 'en')) {
    describe(language, () => {
      const catalogue = readCatalogue(language);

      it('has every message id English has, and no other', () => {
        const ids = Object.keys(catalogue).sort();
        expect(englishIds.filter((id) => !(id in catalogue)), 'missing').toEqual([]);
        expect(ids.filter((id) => !(id in english)), 'not in English').toEqual([]);
      });

      it('uses the same placeholders, of the same kinds, as English', () => {
        const differing = englishIds.filter((id) => id in catalogue && JSON.stringify(placeholders(catalogue[id]!)) !== JSON.stringify(placeholders(english[id]!)));
        expect(differing.map((id) => `${id}: ${JSON.stringify(placeholders(catalogue[id]!))} ≠ ${JSON.stringify(placeholders(english[id]!))}`)).toEqual([]);
      });

      it("offers the plural forms the language has (and always 'other'), and select's choices as English does", () => {
        const forms = new Set<string>(new Intl.PluralRules(language).resolvedOptions().pluralCategories);
        const problems: string[] = [];
        for (const id of englishIds) {
          const mine = choicesOf(parse(catalogue[id]!, { ignoreTag: true }));
          const theirs = choicesOf(parse(english[id]!, { ignoreTag: true }));
          for (const [key, choices] of Object.entries(mine)) {
            if (key.endsWith(':select')) {
              if (JSON.stringify(choices) !== JSON.stringify(theirs[key])) problems.push(`${id}: ${key} ${choices} ≠ ${theirs[key]}`);
              continue;
            }
            if (!choices.includes('other')) problems.push(`${id}: ${key} has no 'other'`);
            const unknown = choices.filter((choice) => !choice.startsWith('=') && !forms.has(choice));
            if (unknown.length) problems.push(`${id}: ${key} has forms ${language} does not use: ${unknown}`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('is not English left untranslated (beyond names that are the same in every language)', () => {
        const same = englishIds.filter((id) => catalogue[id] === english[id] && /[a-z]{3,}/.test(english[id]!));
        // Product names, "Details", "Server", "Standby"... are the words a German or Spanish supervisor reads too.
        expect(same.length, same.join(', ')).toBeLessThan(englishIds.length * 0.06);
      });
    });
  }

  it('every catalogue compiles with Lingui, and a message reads back as written (apostrophes included)', () => {
    for (const language of CATALOGUE_LANGUAGES) {
      const i18n = setupI18n({ locale: language, messages: { [language]: compileCatalogue(language) } });
      expect(i18n._('connections.cert.untrusted')).toBe(readCatalogue(language)['connections.cert.untrusted']);
      expect(i18n._('frame.pendingCount.attention', { count: 1 })).toMatch(/^1 \S/);
    }
    const german = setupI18n({ locale: 'de', messages: { de: compileCatalogue('de') } });
    expect(german._('frame.pendingCount.attention', { count: 2 })).toBe('2 brauchen Aufmerksamkeit');
    expect(german._('connections.summary.trusts', { count: 3 })).toContain('diesen 3 Zertifikaten');
  });

  it("has every word main sends by id (each node condition's chip word and tooltip), using only values main sends", () => {
    const kinds: Record<NodeConditionKind, true> = {
      checking: true, ok: true, standby: true, slow: true, errors: true, 'not-answering': true, refused: true, unreachable: true, island: true, 'not-master': true,
    };
    const catalogues = Object.fromEntries(CATALOGUE_LANGUAGES.map((l) => [l, readCatalogue(l)]));
    for (const kind of Object.keys(kinds) as NodeConditionKind[]) {
      const described = describeNode({ kind, since: 0, latencyMs: 1500, httpStatus: 503, waitedMs: 3000, reason: 'name not found', standby: true });
      for (const message of [described.wordMessage, described.detailMessage]) {
        for (const language of CATALOGUE_LANGUAGES) {
          const text = catalogues[language]![message.id];
          expect(text, `${language}: ${message.id}`).toBeDefined();
          for (const { name } of placeholders(text!)) expect(Object.keys(message.values ?? {}), `${language}: ${message.id} uses {${name}}`).toContain(name);
        }
      }
    }
  });
});

describe('words a shared rule says by id', () => {
  it("reads in English exactly as the rule's own English, and exists in every language", () => {
    const english = setupI18n({ locale: 'en', messages: { en: compileCatalogue('en') } });
    for (const typed of ['', 'abc-123', '"; DROP']) {
      const [problem] = validateCallId(typed);
      expect(problem?.said, typed).toBeDefined();
      expect(english._(problem!.said!.id, problem!.said!.values)).toBe(problem!.message);
      for (const language of CATALOGUE_LANGUAGES) expect(readCatalogue(language)[problem!.said!.id], `${language} ${problem!.said!.id}`).toBeDefined();
    }
  });

  it("says every problem of the switches' rules as the rules' own English", () => {
    const english = setupI18n({ locale: 'en', messages: { en: compileCatalogue('en') } });
    const entry = { name: 'outage', enabled: false, prompt: '', until: '' };
    const problems = [
      checkSwitchName(''),
      checkSwitchName('x'.repeat(41)),
      checkSwitchName('out age'),
      checkPrompt('p'.repeat(201)),
      checkPrompt('outage.mp3'),
      ...validateSwitches([
        { ...entry, name: '' },
        { ...entry, name: '', prompt: 'a.mp3' },
        { ...entry, name: '', prompt: 'p'.repeat(201) },
        { ...entry, name: 'out age', prompt: 'p'.repeat(201) },
        { ...entry, name: 'x'.repeat(41) },
        { ...entry, prompt: 'a.mp3' },
        { ...entry, name: 'Outage' },
        { ...entry, name: 'late', until: '15:30' },
        { ...entry, name: 'offtimed', until: '2026-12-02T15:30:00Z' },
        ...Array.from({ length: 100 }, (_, index) => ({ ...entry, name: `s${index}` })),
      ]),
    ];
    const ids = new Set<string>();
    for (const problem of problems) {
      expect(problem?.said, problem?.message).toBeDefined();
      expect(english._(problem!.said!.id, problem!.said!.values)).toBe(problem!.message);
      ids.add(problem!.said!.id);
      for (const language of CATALOGUE_LANGUAGES) expect(readCatalogue(language)[problem!.said!.id], `${language} ${problem!.said!.id}`).toBeDefined();
    }
    expect(ids.size).toBe(14);
  });
});

describe("the UCCX field rules' words", () => {
  const english = setupI18n({ locale: 'en', messages: { en: compileCatalogue('en') } });
  const catalogues = Object.fromEntries(CATALOGUE_LANGUAGES.map((language) => [language, readCatalogue(language)]));
  const day = (name: string, startTime: string, endTime: string) => ({ day: name, startTime, endTime });
  /** Every problem the UCCX field rules and the generic checks can find, each at least once. */
  const problems: FieldError[] = [
    ...checkWholeNumber('a', 'x', 0, 10),
    ...checkWholeNumber('a', 1.5, 0, 3600, 'seconds'),
    ...checkWholeNumber('a', 101, 1, 100, 'percent'),
    ...checkWholeNumber('a', 'x', 0, 100_000, 'callers'),
    ...checkText('a', 5, { max: 10 }),
    ...checkText('a', ' ', { required: true, max: 10 }),
    ...checkText('a', 'x'.repeat(11), { max: 10 }),
    ...checkOneOf('a', 'SOMETIMES', ['SKILL_GROUP', 'RESOURCE_GROUP']),
    ...validateUccxFields('resource', { alias: 'a'.repeat(32), 'skill/1': 11 }),
    ...validateUccxFields('csq', { name: ' Sales', resourcePoolType: 'X', resourceGroup: '', serviceLevel: 5000, serviceLevelPercentage: 70.5, wrapupTime: 'x', selectionCriteria: 'Random' }),
    ...validateUccxFields('application', { maxsession: null, description: 'd'.repeat(256) }),
    ...validateUccxFields('application', { maxsession: 0 }),
    ...validateUccxFields('calendar', { name: 'Tab\there', timeZone: 'Mars/Olympus', calendarType: '', workingDays: 'every day', holidays: 'none' }),
    ...validateParameterValue('param/p', 'java.lang.String', null),
    ...validateParameterValue('param/p', 'java.lang.Integer', 'ten'),
    ...validateParameterValue('param/p', 'java.lang.Integer', '9999999999'),
    ...validateParameterValue('param/p', 'java.lang.Long', '1.5'),
    ...validateParameterValue('param/p', 'java.lang.Long', '99999999999999999999'),
    ...validateParameterValue('param/p', 'java.lang.Double', '2,5'),
    ...validateParameterValue('param/p', 'java.lang.Boolean', 'yes'),
    ...validateParameterValue('param/p', 'java.lang.Character', 'ab'),
    ...validateParameterValue('param/p', 'java.lang.String', 't'.repeat(1001)),
    ...checkUccxName('name', '', 30),
    ...checkTimeZone('timeZone', 'Europe/Atlantis'),
    ...validateWorkingDays([
      day('MONDAY', '8:00', '24:01'),
      day('MONDAY', '18:00', '09:00'),
      day('TUESDAY', '08:00', '12:00'),
      day('TUESDAY', '11:00', '13:00'),
      day('TUESDAY', '14:00', '15:00'),
      day('TUESDAY', '16:00', '17:00'),
      day('TUESDAY', '18:00', '19:00'),
      day('SOMEDAY', '08:00', '09:00'),
    ]),
    ...validateHolidays([{ date: '2026-02-30', description: '' }, { date: '2026-12-25', description: 'x'.repeat(256) }, { date: '2026-12-25', description: '' }]),
    ...validateHolidays(Array.from({ length: 41 }, (_, index) => ({ date: `2027-01-${String((index % 28) + 1).padStart(2, '0')}`, description: '' }))),
    ...validateUccxCreate('calendar', { holidays: [{ date: '2020-01-01', description: '' }] }, { config: null, today: '2026-12-02' }),
  ];

  it("reads in English exactly as each rule's own English, and every problem is said by id", () => {
    for (const problem of problems) {
      expect(problem.said, `${problem.field}: ${problem.message}`).toBeDefined();
      expect(english._(problem.said!.id, problem.said!.values)).toBe(problem.message);
    }
  });

  it('has every id the rules send in every language, using only the values they send', () => {
    for (const problem of problems) {
      for (const language of CATALOGUE_LANGUAGES) {
        const text = catalogues[language]![problem.said!.id];
        expect(text, `${language}: ${problem.said!.id}`).toBeDefined();
        for (const { name } of placeholders(text!)) expect(Object.keys(problem.said!.values ?? {}), `${language}: ${problem.said!.id} uses {${name}}`).toContain(name);
      }
    }
  });

  it('sends every id of the field rules in the catalogues: none is left unsaid', () => {
    const sent = new Set(problems.map((problem) => problem.said!.id));
    const rules = englishIds.filter((id) => id.startsWith('validation.field.') || (id.startsWith('validation.uccx.') && !id.startsWith('validation.uccx.create.')));
    expect(rules.filter((id) => !sent.has(id))).toEqual([]);
    expect(sent.has('validation.uccx.create.pastHoliday')).toBe(true);
  });
});

describe('the pseudo-locale', () => {
  const pseudo = compileCatalogue(PSEUDO_LANGUAGE);
  const i18n = setupI18n({ locale: 'pseudo', messages: { pseudo } });

  it('has every English message, accented and about a third longer, with placeholders and plural keys intact', () => {
    expect(Object.keys(pseudo).sort()).toEqual(englishIds);
    const title = i18n._('connections.title');
    expect(title).toBe(pseudoText('Connections'));
    expect(title).not.toMatch(/[A-Za-z]/);
    expect(title.length / 'Connections'.length).toBeGreaterThan(1.3);
    // Values pass through untouched; only our words change.
    expect(i18n._('connections.profile.label', { name: 'Lab site' })).toBe(`${pseudoText('Profile ')}Lab site`);
    expect(i18n._('frame.pendingCount.attention', { count: 1 })).toBe(`1 ${pseudoText('needs attention')}`);
    expect(i18n._('frame.pendingCount.attention', { count: 4 })).toBe(`4 ${pseudoText('need attention')}`);
  });

  it('lengthens the whole English catalogue by about a third, as German runs', () => {
    const englishLength = englishIds.reduce((sum, id) => sum + english[id]!.length, 0);
    const pseudoLength = englishIds.reduce((sum, id) => sum + pseudoText(english[id]!).length, 0);
    expect(pseudoLength / englishLength).toBeGreaterThan(1.25);
    expect(pseudoLength / englishLength).toBeLessThan(1.5);
    for (const char of pseudoText('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')) expect(PSEUDO_CHARACTERS).toContain(char);
  });
});

/**
 * Main's sentences about state (docs/i18n.md, "Words from main"): each goes
 * out in English and by id. Every id main can send is in every catalogue,
 * every placeholder is a value main sends, and the English catalogue reads
 * exactly as main's English (with the 24-hour clock main writes, en-GB).
 */
describe("main's sentences by id", () => {
  const catalogues = Object.fromEntries(CATALOGUE_LANGUAGES.map((l) => [l, readCatalogue(l)]));
  const englishGB = setupI18n({ locale: 'en', locales: ['en-GB'], messages: { en: compileCatalogue('en') } });

  function say(message: MainSentence): string {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(message.values ?? {})) values[name] = sayValue(value);
    return englishGB._(message.id, values, { formats: MESSAGE_FORMATS });
  }
  function sayValue(value: MainValue): string | number {
    if (typeof value === 'string' || typeof value === 'number') return value;
    if (Array.isArray(value)) return new Intl.ListFormat('en', { type: 'unit', style: 'short' }).format(value.map(say));
    return say(value);
  }

  /** The id and every part's id in every catalogue, using only values main sends; and, given main's English, reading the same. */
  function check(message: MainSentence | undefined, english?: string): void {
    expect(message, english).toBeDefined();
    for (const language of CATALOGUE_LANGUAGES) {
      const text = catalogues[language]![message!.id];
      expect(text, `${language}: ${message!.id}`).toBeDefined();
      for (const { name } of placeholders(text!)) expect(Object.keys(message!.values ?? {}), `${language}: ${message!.id} uses {${name}}`).toContain(name);
    }
    for (const value of Object.values(message!.values ?? {})) {
      if (Array.isArray(value)) value.forEach((part) => check(part));
      else if (typeof value === 'object') check(value);
    }
    if (english !== undefined) expect(say(message!), message!.id).toBe(english);
  }

  const since = new Date(2026, 2, 4, 10, 42).getTime();
  const condition = (kind: NodeConditionKind, extra: Partial<NodeCondition> = {}): NodeCondition => ({ kind, since, latencyMs: 2093, httpStatus: 500, waitedMs: 3000, reason: 'name not found', ...extra });
  const KINDS: NodeConditionKind[] = ['checking', 'ok', 'standby', 'slow', 'errors', 'not-answering', 'refused', 'unreachable', 'island', 'not-master'];

  it("says each node's phrase as main's summaries write it", () => {
    for (const kind of KINDS) {
      for (const standby of [false, true]) {
        const described = describeNode(condition(kind, { standby }));
        check(described.phraseMessage, described.phrase);
      }
    }
  });

  it("says UCCX's summary in every topology", () => {
    const node = (name: string, kind: NodeConditionKind, master = false): UccxNodeState => ({
      name, url: `https://${name}:8443`, reachable: kind !== 'refused', master, since, problem: null, condition: condition(kind),
    });
    const config = (name: string) => ({ name, url: `https://${name}:8443` }) as never;
    const cases = [
      { topology: 'unknown', master: null, nodes: [node('ccx-a', 'checking'), node('ccx-b', 'checking')] },
      { topology: 'master', master: config('ccx-a'), nodes: [node('ccx-a', 'ok', true), node('ccx-b', 'standby')] },
      { topology: 'master', master: config('ccx-a'), nodes: [node('ccx-a', 'slow', true), node('ccx-b', 'refused'), node('ccx-c', 'errors')] },
      { topology: 'two-masters', master: null, nodes: [node('ccx-a', 'island', true), node('ccx-b', 'island', true)] },
      { topology: 'no-master', master: null, nodes: [node('ccx-a', 'not-answering'), node('ccx-b', 'not-master')] },
      { topology: 'no-master', master: null, nodes: [node('ccx-a', 'not-master'), node('ccx-b', 'not-master')] },
      { topology: 'unreachable', master: null, nodes: [node('ccx-a', 'refused'), node('ccx-b', 'unreachable')] },
      { topology: 'unreachable', master: null, nodes: [node('ccx-a', 'errors'), node('ccx-b', 'refused')] },
    ] as const;
    for (const health of cases) {
      for (const waiting of [0, 1, 3]) {
        for (const cachedAt of [null, since]) {
          const state = describeState(health as never, waiting, cachedAt);
          check(state.detailMessage, state.detail);
        }
      }
    }
  });

  it("says Unity Connection's summary for every publisher and subscriber", () => {
    const nodes = (publisher: NodeConditionKind, subscriber: NodeConditionKind | null) => [
      { node: 'publisher' as const, name: 'cuc-pub', url: 'https://cuc-pub', condition: condition(publisher) },
      ...(subscriber ? [{ node: 'subscriber' as const, name: 'cuc-sub', url: 'https://cuc-sub', condition: condition(subscriber) }] : []),
    ];
    for (const publisher of KINDS) {
      for (const subscriber of [null, ...KINDS]) {
        for (const reachable of [true, false]) {
          const state = describeCupi(nodes(publisher, subscriber), reachable, reachable ? 0 : 2);
          check(state.detailMessage, state.detail);
        }
      }
    }
  });

  it("says Finesse's node tooltips and why no node is in service", () => {
    const client = new FinesseClient({ nodes: ['https://fin-a:8445', 'https://fin-b:8445'], username: 'sup1', password: '', http: {} as never });
    check(client.unavailableMessage());
    const problems: Array<[string, MainSentence | null]> = [['not in service (HTTP 503)', { id: 'main.finesse.problem.notInService' }], ['IN_SERVICE_WARNING', null]];
    for (const status of ['in-service', 'out-of-service', 'unreachable', 'unknown'] as const) {
      for (const [problem, problemMessage] of [[null, null] as const, ...problems]) {
        const [line] = finesseNodeStatuses({ nodes: [{ url: 'https://fin-a', name: 'fin-a', status, problem, problemMessage, since }] } as never);
        // Only a problem main words in English alone leaves the tooltip in English.
        if (problem !== null && !problemMessage && (status === 'unreachable' || status === 'unknown')) expect(line!.detailMessage).toBeUndefined();
        else check(line!.detailMessage, line!.detail);
      }
    }
    const kinds: Record<NetworkFailureKind, true> = {
      'name-not-found': true, 'connection-refused': true, 'timed-out': true, 'connection-reset': true, 'certificate-untrusted': true, 'certificate-changed': true, protocol: true,
    };
    for (const kind of Object.keys(kinds)) check({ id: `main.failure.${kind}` });
  });

  it('says the connection test: each outcome in the status bar, each role, and the sentences of the probes', async () => {
    const outcomes: Record<ConnectionOutcome, true> = {
      ok: true, 'name-not-found': true, 'connection-refused': true, 'timed-out': true, 'connection-reset': true, 'certificate-untrusted': true,
      'certificate-changed': true, 'credentials-rejected': true, 'not-db-master': true, 'out-of-service': true, 'no-credentials': true, 'unexpected-reply': true,
    };
    for (const outcome of Object.keys(outcomes) as ConnectionOutcome[]) {
      const result = { outcome } as ConnectionTestResult;
      check(statusDetailMessageFor(result), statusDetailFor(result));
    }
    for (const role of ['node 1', 'node 2', 'publisher', 'subscriber', 'report server']) check(roleMessage(role), role);

    // A server answering each path with a chosen status and body.
    const server = (answers: Record<string, [number, string?]>) => ({
      request: async ({ url }: { url: string }) => {
        const [status, body] = Object.entries(answers).find(([path]) => url.includes(path))?.[1] ?? [404];
        return { status, headers: {}, body: Buffer.from(body ?? ''), text: () => body ?? '' };
      },
    });
    const options = (answers: Record<string, [number, string?]>) => ({ http: server(answers) as never, trust: {} as never, nameOf: () => 'ccx-a' });
    const results: ConnectionTestResult[] = [];
    for (const master of ['<isDBMaster>true</isDBMaster>', '<isDBMaster>false</isDBMaster>']) {
      for (const status of [200, 401, 500]) results.push(await testUccxNode('https://ccx-a', 'node 1', 'admin', 'pw', options({ isDBMaster: [200, master], '/adminapi/skill': [status, '[]'] })));
    }
    results.push(await testUccxNode('https://ccx-a', 'node 1', 'admin', 'pw', options({ isDBMaster: [500], '/adminapi/skill': [200, '[]'] })));
    results.push(await testUccxNode('https://ccx-a', 'node 1', 'admin', undefined, options({ isDBMaster: [200] })));
    for (const [status, body] of [[200, '{"version":"14.0.1"}'], [200, '{}'], [401], [503], [500]] as Array<[number, string?]>) {
      results.push(await testCupiNode('https://cuc', 'publisher', 'admin', 'pw', options({ '/vmrest/version/product/': [status, body] })));
    }
    results.push(await testCupiNode('https://cuc', 'publisher', 'admin', undefined, options({ '/vmrest/': [200] })));
    const info = '<SystemInfo><status>IN_SERVICE</status><currentTimestamp>2026-03-04T10:42:00.000Z</currentTimestamp></SystemInfo>';
    const standby = (status: string, reason: string) => `<SystemInfo><status>${status}</status><statusReason>${reason}</statusReason></SystemInfo>`;
    const user = (role: string, teams: number) =>
      `<User><roles><role>Agent</role><role>${role}</role></roles><teams>${'<Team><id>1</id><name>T</name><uri>/finesse/api/Team/1</uri></Team>'.repeat(teams)}</teams></User>`;
    for (const answers of [
      { SystemInfo: [503] }, { SystemInfo: [401] }, { SystemInfo: [500] },
      { SystemInfo: [200, standby('OUT_OF_SERVICE', 'The other node is in service.')] }, { SystemInfo: [200, standby('PARTIAL_SERVICE', '')] }, { SystemInfo: [200, standby('STARTING', '')] },
      { SystemInfo: [200, info], '/User/': [401] }, { SystemInfo: [200, info], '/User/': [404] }, { SystemInfo: [200, info], '/User/': [500] },
      { SystemInfo: [200, info], '/User/': [200, user('Supervisor', 1)] }, { SystemInfo: [200, info], '/User/': [200, user('Supervisor', 3)] }, { SystemInfo: [200, info], '/User/': [200, user('Agent', 1)] },
    ] as Array<Record<string, [number, string?]>>) {
      results.push(await testFinesseNode('https://fin', 'node 1', 'sup1', 'pw', options(answers)));
      results.push(await testFinesseNode('https://fin', 'node 1', 'sup1', undefined, options(answers)));
    }
    for (const result of results) if (result.said) check(result.said, result.message);
    // Every probe sentence above is said by id: only network failures stay English.
    expect(results.filter((result) => !result.said).map((result) => result.message)).toEqual([]);
  });

  it("says the vault's state", () => {
    const memory = new MemoryVault().status();
    check(memory.detailMessage, memory.detail);
    const none = new PassphraseVault(path.join(mkdtempSync(path.join(tmpdir(), 'vault-')), 'vault.json')).status();
    check(none.detailMessage, none.detail);
  });

  it('has every id main names in its code, in every language', () => {
    const ids = new Set<string>();
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (file.endsWith('.ts')) for (const match of readFileSync(file, 'utf8').matchAll(/\bid: '((?:main|node)\.[\w.-]+)'/g)) ids.add(match[1]!);
      }
    };
    visit('electron');
    visit('shared');
    expect(ids.size).toBeGreaterThan(40);
    for (const id of ids) for (const language of CATALOGUE_LANGUAGES) expect(catalogues[language]![id], `${language}: ${id}`).toBeDefined();
  });
});

describe("main's error sentences and notices by id", () => {
  const catalogues = Object.fromEntries(CATALOGUE_LANGUAGES.map((l) => [l, readCatalogue(l)]));
  const english = setupI18n({ locale: 'en', messages: { en: compileCatalogue('en') } });

  /** The id is in every language, each language uses only values main sent, and (given main's English) English reads exactly as main wrote it. */
  function expectSaid(said: MainMessage | undefined, mainEnglish?: string): void {
    expect(said, mainEnglish).toBeDefined();
    const { id, values = {} } = said!;
    for (const language of CATALOGUE_LANGUAGES) {
      const text = catalogues[language]![id];
      expect(text, `${language}: ${id}`).toBeDefined();
      for (const { name } of placeholders(text!)) expect(Object.keys(values), `${language}: ${id} uses {${name}}`).toContain(name);
    }
    if (mainEnglish !== undefined) expect(english._(id, values), id).toBe(mainEnglish);
    // Main's own sentences inside: each a value too (its English), and said the same way.
    for (const [name, sentence] of Object.entries(said!.sentences ?? {})) {
      expect(values, `${id}: sentence {${name}}`).toHaveProperty(name);
      expectSaid(sentence, String(values[name]));
    }
  }

  const places: FailurePlace[] = [
    { system: 'UCCX', node: 'ccx-a' },
    { system: 'Unity Connection', node: 'cuc-pub' },
    { system: 'Unity Connection' },
    { system: 'Finesse', node: 'fin-b' },
    { system: 'Report server', node: 'lab', single: true },
  ];

  it('says every network failure at every kind of place as failureSentence does', () => {
    const kinds: Record<NetworkFailureKind, true> = {
      'name-not-found': true, 'connection-refused': true, 'timed-out': true, 'connection-reset': true, 'certificate-untrusted': true, 'certificate-changed': true, protocol: true,
    };
    for (const kind of Object.keys(kinds) as NetworkFailureKind[]) {
      for (const place of places) expectSaid(failureMessage(kind, place), failureSentence(kind, place));
    }
    // A certificate failure names the fingerprints it saw, and the one trusted before.
    for (const pinnedFingerprint of [undefined, 'AA:BB']) {
      const certificate = { endpoint: 'https://ccx-a:8443', subject: 'CN=ccx-a', fingerprint: 'CC:DD', ...(pinnedFingerprint ? { pinnedFingerprint } : {}) };
      const error = describeNetworkFailure(new NetworkError(pinnedFingerprint ? 'certificate-changed' : 'certificate-untrusted', 'raw', certificate), 'https://ccx-a:8443', places[0]);
      expectSaid(error.said, error.message);
    }
    // Without a place the sentence names the address and has no id: the connection test shows it as it is.
    expect(describeNetworkFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'https://ccx-a:8443').said).toBeUndefined();
  });

  it('says every HTTP status, with and without the server\'s own reason, as httpFailureSentence does', () => {
    for (const status of [400, 401, 403, 404, 409, 418, 429, 500, 502, 503]) {
      for (const place of places) {
        for (const reason of [null, 'alias too long']) expectSaid(httpFailureMessage(status, place, reason), httpFailureSentence(status, place, reason));
      }
    }
  });

  it("says Finesse's refusals of every request as main writes them", () => {
    const requests: FinesseRequest[] = [
      { kind: 'teams', subject: 'sup1' },
      { kind: 'team', subject: 'Billing' },
      { kind: 'change', subject: 'Ann Agent' },
      { kind: 'messages', subject: 'Billing' },
      { kind: 'message' },
      { kind: 'deleteMessage' },
    ];
    const answer = (status: number, text: string): HttpResponse => ({ status, headers: {}, body: Buffer.from(text), text: () => text });
    const apiErrors = '<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType><ErrorMessage>Agent is on a call</ErrorMessage></ApiError></ApiErrors>';
    for (const request of requests) {
      for (const response of [answer(400, apiErrors), answer(500, '')]) {
        const error = finesseRefusal(response, request);
        expectSaid(error.said, error.message);
      }
    }
  });

  it("says every outcome of a Unity Connection write (written, queued, conflict, failed) as main writes it", () => {
    const change = (over: Partial<PendingChange>): PendingChange => ({
      id: 'c1', seq: 1, ref: { system: 'cupi', type: 'user', id: 'u1' }, operation: 'update', label: 'User jdoe', summary: '', fieldLabels: { FirstName: 'First name' },
      base: { FirstName: 'Ann' }, mine: { FirstName: 'Anna' }, user: 'sup', profile: 'Site', createdAt: 0, updatedAt: 0, state: 'queued', attempts: 0, ...over,
    }) as PendingChange;
    const outcomes = [
      change({ state: 'applied' }),
      change({ state: 'applied', alreadyApplied: true } as Partial<PendingChange>),
      change({ state: 'discarded' }),
      change({ state: 'queued' }),
      change({ state: 'queued', lastError: 'Unity Connection node cuc-pub did not answer in time.' }),
      change({ state: 'failed' }),
      change({ state: 'failed', lastError: 'Unity Connection node cuc-pub refused the request as invalid (HTTP 400).' }),
      change({
        state: 'failed',
        lastError: httpFailureSentence(400, { system: 'Unity Connection', node: 'cuc-pub' }, 'Alias too long'),
        lastErrorMessage: httpFailureMessage(400, { system: 'Unity Connection', node: 'cuc-pub' }, 'Alias too long'),
      }),
      change({
        state: 'queued',
        lastError: failureSentence('timed-out', { system: 'Unity Connection', node: 'cuc-pub' }),
        lastErrorMessage: failureMessage('timed-out', { system: 'Unity Connection', node: 'cuc-pub' }),
      }),
      change({ state: 'conflicted', theirs: { FirstName: 'Anne' } }),
      change({ state: 'conflicted', theirs: { FirstName: 'Ann' } }),
    ];
    for (const pending of outcomes) {
      try {
        const outcome = outcomeOf(pending);
        expectSaid(outcome.said, outcome.message);
      } catch (error) {
        expect(error).toBeInstanceOf(ConsoleError);
        expectSaid((error as ConsoleError).said, (error as ConsoleError).message);
      }
    }
  });

  it('says why the queue figures are unavailable, for every answer and failure of the real-time source, as main writes it', async () => {
    const answer = (status: number, text: string): HttpResponse => ({ status, headers: {}, body: Buffer.from(text), text: () => text });
    const failure = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
    const outcomes: Array<HttpResponse | Error> = [
      answer(404, ''), answer(401, ''), answer(403, ''), answer(500, ''), answer(200, ''), answer(200, '<html>Sign in</html>'), answer(200, 'hello'), answer(200, '{"a":1}'), answer(200, '[{}]'),
      failure('ENOTFOUND'), failure('ECONNREFUSED'), failure('ETIMEDOUT'), failure('ECONNRESET'), new NetworkError('timed-out', 'ccx-a:9080: no answer within 800 ms.'),
    ];
    const nodes = () => [{ url: 'http://ccx-a:9080', master: true, answering: true }];
    const read = async (outcome: HttpResponse | Error, credentials: { username: string; password: string } | null): Promise<QueueSourceError> => {
      const http = { request: async () => { if (outcome instanceof Error) throw outcome; return outcome; } } as unknown as HttpClient;
      return new RealtimeQueueSource({ http, nodes, credentials }).read().then(() => { throw new Error('read'); }, (error: QueueSourceError) => error);
    };
    for (const outcome of outcomes) {
      for (const credentials of [null, { username: 'sup', password: 'x' }]) {
        const error = await read(outcome, credentials);
        const reason = unavailableReason(error);
        expectSaid(reason.said, reason.message);
      }
    }
    const none = await new RealtimeQueueSource({ http: {} as HttpClient, nodes: () => [], credentials: null }).read().then(() => { throw new Error('read'); }, (error: QueueSourceError) => error);
    expectSaid(unavailableReason(none).said, unavailableReason(none).message);
    const other = unavailableReason(new Error('socket hang up'));
    expectSaid(other.said, other.message);
  });

  it("says what was wrong with Finesse's answers on the board, sentence by sentence, as main writes it", () => {
    const answer = (status: number, text: string): HttpResponse => ({ status, headers: {}, body: Buffer.from(text), text: () => text });
    const refusal = finesseRefusal(answer(500, ''), { kind: 'team', subject: 'Billing' });
    const sentences = [
      ...readFailureProblems([refusal, refusal]),
      unknownStateProblem(['Ann Agent (“ON_A_BREAK_MAYBE”)']),
      unknownStateProblem(['A (“X”)', 'B (“Y”)', 'C (“Z”)', 'D (“W”)', 'E (“V”)']),
      timelessProblem(1),
      timelessProblem(4),
    ];
    // The same refusal twice is said once, then what the board does meanwhile.
    expect(sentences.slice(0, 2).map((sentence) => sentence.said?.id)).toEqual([refusal.said!.id, 'main.finesse.problem.ownTimes']);
    for (const sentence of sentences) expectSaid(sentence.said, sentence.english);
  });

  it("says Unity Connection's busy notice, in milliseconds and in seconds, as main writes it", () => {
    for (const [wait, attempt] of [[500, 2], [2000, 3], [8000, 7]] as const) {
      const notice = busyNotice(wait, attempt, 7);
      expectSaid(notice.said, notice.message);
    }
  });

  it("says why a timed switch was not turned off, with the journal's reason by its own id where it has one", () => {
    for (const error of [new ConsoleError('unavailable', 'The change journal is closed.', undefined, { id: 'errors.changes.journalClosed' }), new Error('disk full')]) {
      const failure = notTurnedOff('Holiday', error);
      expectSaid(failure.said, failure.message);
    }
    expect(notTurnedOff('Holiday', new Error('disk full')).said.sentences).toBeUndefined();
  });

  it("says the board's limit notice for teams, members and both, as main writes it", () => {
    const limits = { maxTeams: 2, maxMembers: 5 };
    for (const [teams, members] of [[1, 0], [3, 0], [0, 1], [0, 4], [1, 1], [2, 7]] as const) {
      const notice = limitNoticeWords(teams, members, limits)!;
      expectSaid(notice.said, notice.message);
    }
    expect(limitNoticeWords(0, 0, limits)).toBeNull();
  });

  it('says why the board at a moment is empty (not recorded, not receiving), as main writes it', () => {
    const first = new Date(2026, 2, 4, 8, 5, 9).getTime();
    const last = new Date(2026, 2, 4, 17, 30).getTime();
    for (const at of [new Date(2026, 2, 4, 7, 0).getTime(), new Date(2026, 2, 4, 21, 15, 30).getTime()]) {
      const words = notRecordedWords(at, '2026-03-04', first, last);
      expectSaid(words.said, words.message);
    }
    const gap = notReceivingWords(first, last);
    expectSaid(gap.said, gap.message);
  });

  it("says what the profile's UCCX account may do, for every role, capability and refusal, as decideAccess writes it", () => {
    const capabilitySets = [[], ['QUEUE_MGMT'], ['APPLICATION_MGMT', 'CALENDAR_MGMT', 'CAMPAIGN_MGMT']];
    const everyEditor = (refusal: string) => Object.fromEntries(UCCX_EDITOR_KEYS.map((key) => [key, refusal]));
    const refusals: Array<Partial<AccessEvidence>> = [
      {},
      { forbiddenReads: everyEditor('not allowed') },
      { refusedWrites: everyEditor('only administrators may change this') },
      { refusedCreates: everyEditor('only administrators may create this') },
    ];
    let reasons = 0;
    for (const role of ['supervisor', 'administrator', 'unknown'] as UccxRole[]) {
      for (const capabilities of capabilitySets) {
        for (const refusal of refusals) {
          const access = decideAccess({ username: 'sup02', role, capabilities, basis: '', forbiddenReads: {}, refusedWrites: {}, agentCount: 12, ...refusal });
          for (const key of UCCX_EDITOR_KEYS) {
            const editor = access.editors[key];
            if (editor.reason) {
              reasons++;
              expectSaid(editor.reasonMessage, editor.reason);
            } else expect(editor.reasonMessage, key).toBeUndefined();
            if (editor.createDelete) expectSaid(editor.createDeleteMessage, editor.createDelete);
            else expect(editor.createDeleteMessage, key).toBeUndefined();
          }
        }
      }
    }
    expect(reasons).toBeGreaterThan(100);
  });

  it('says every part of a caller list or switches document the console skips, as the reader writes it', () => {
    const switches = parseSwitches(
      Buffer.from(
        `<switches><switch name="outage" enabled="TRUE" prompt="/en_US/outage.wav"/><switch name="bad name" enabled="true"/><switch name="" enabled="true"/><switch name="Outage"/>` +
          `<switch name="w" enabled="false" prompt="../x.wav" until="soon"/></switches>`,
      ),
    );
    const callers = parseCallerList(Buffer.from(`<callers><caller ani="+41 44 123 45 67"/><caller ani="12ab"/><caller label="none"/><caller ani="+41441234567"/></callers>`));
    for (const parsed of [switches, callers]) {
      expect(parsed.skippedMessages).toHaveLength(parsed.skipped.length);
      parsed.skipped.forEach((english, index) => expectSaid(parsed.skippedMessages[index], english));
    }
    // Every kind of skipped part is among them.
    expect(new Set([...switches.skippedMessages, ...callers.skippedMessages].map((said) => said.id)).size).toBe(9);
  });

  it("says the vault's refusals as the vault writes them: an empty or wrong passphrase, a damaged entry, a file it cannot read", async () => {
    const fast = { N: 1024, r: 8, p: 1, keyLength: 32 };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'vault-')), 'vault.json');
    const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ConsoleError);
    const created = new PassphraseVault(file, fast);
    await created.unlock('correct horse battery');
    created.set('profile:a', 'secret');
    const refusals = [
      await refusal(new PassphraseVault(file, fast).unlock('')),
      await refusal(new PassphraseVault(file, fast).unlock('wrong horse battery')),
      await refusal(Promise.resolve().then(() => new PassphraseVault(file, fast).get('profile:a'))),
    ];
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.secrets['profile:b'] = doc.secrets['profile:a'];
    fs.writeFileSync(file, JSON.stringify(doc));
    refusals.push(await refusal(new PassphraseVault(file, fast).unlock('correct horse battery')));
    fs.writeFileSync(file, JSON.stringify({ ...doc, version: 9 }));
    refusals.push(await refusal(new PassphraseVault(file, fast).unlock('correct horse battery')));
    fs.writeFileSync(file, '{ not json');
    refusals.push(await refusal(new PassphraseVault(file, fast).unlock('correct horse battery')));
    for (const error of refusals) {
      expect(error).toBeInstanceOf(ConsoleError);
      expectSaid(error!.said, error!.message);
    }
    expect(new Set(refusals.map((error) => error!.said!.id)).size).toBe(6);
  });

  it("says every earlier step of a change in the audit log, with and without its message, as the log writes it after the time", () => {
    const step = (result: AuditResult, at: number, message?: string): AuditEntry => ({
      at, profile: 'Site', user: 'administrator', system: 'uccx', objectType: 'csq', objectId: '1', label: 'CSQ Billing', changeId: 'c1', before: {}, after: {}, result, ...(message ? { message } : {}),
    });
    const results: AuditResult[] = ['failed', 'not-permitted', 'conflicted', 'kept-theirs', 'edited', 'retried'];
    const steps = [
      ...results.map((result, index) => step(result, 1000 + index)),
      step('failed', 2000, 'UCCX answered 500'),
      step('not-permitted', 2001, 'UCCX answered 403 Forbidden'),
      step('applied', 3000),
    ];
    const [entry] = foldSteps(steps);
    expect(entry!.history).toHaveLength(8);
    expect(entry!.historyMessages).toHaveLength(8);
    entry!.history!.forEach((text, index) => expectSaid(entry!.historyMessages![index], text.replace(/^\S+ /, '')));
  });

  it('has every id main names in its code, each using only the values sent beside it', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) files.push(full);
      }
    };
    walk('electron');
    walk('shared');
    const seen = new Set<string>();
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      // Every id literal; where it is written `{ id: '…', values: { … } }` or `{ id: '…' }`, the values it is sent with.
      for (const match of source.matchAll(/'((?:errors|main)\.[\w.-]+)'(\s*\}|,\s*values:\s*\{([^{}]*)\})?/g)) {
        const id = match[1]!;
        seen.add(id);
        for (const language of CATALOGUE_LANGUAGES) expect(catalogues[language]![id], `${language}: ${id} (${file})`).toBeDefined();
        // Values built elsewhere or spread in (`{ ...values, words }`) are checked by the tests above, which call the code.
        if (!match[2] || match[3]?.includes('...')) continue;
        const sent = match[3] === undefined ? [] : [...match[3].matchAll(/(?:^|,)\s*(\w+)\s*(?=[:,]|$)/g)].map((key) => key[1]!);
        for (const language of CATALOGUE_LANGUAGES) {
          for (const { name } of placeholders(catalogues[language]![id]!)) expect(sent, `${language}: ${id} (${file}) uses {${name}}`).toContain(name);
        }
      }
    }
    // The scan found main's ids (a change to how they are written would otherwise pass unseen).
    expect(seen.size).toBeGreaterThan(40);
  });
});
