import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { setupI18n } from '@lingui/core';
import { CATALOGUE_LANGUAGES, PSEUDO_LANGUAGE, compileCatalogue, readCatalogue } from '../../scripts/i18n/compile-catalogue';
import { PSEUDO_CHARACTERS, pseudoText } from '../../scripts/i18n/pseudo-locale';
import { describeNode, type NodeConditionKind } from '../../shared/domain/status';
import { validateCallId } from '../../shared/domain/board';
import { MESSAGE_FORMATS } from '../../renderer/src/i18n/i18n';
import fs from 'node:fs';
import path from 'node:path';
import { failureMessage, failureSentence, httpFailureMessage, httpFailureSentence, type FailurePlace, type NetworkFailureKind } from '../../shared/domain/error-words';
import type { MainMessage } from '../../shared/domain/main-message';
import type { PendingChange } from '../../shared/domain/changes';
import { ConsoleError } from '../../shared/ipc/result';
import { NetworkError, describeNetworkFailure } from '../../electron/services/net/network-error';
import { finesseRefusal, type FinesseRequest } from '../../electron/services/finesse/client';
import { outcomeOf } from '../../electron/services/cupi/service';
import type { HttpResponse } from '../../electron/services/net/http-client';

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
