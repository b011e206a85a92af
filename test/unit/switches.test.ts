import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WriteJournal } from '../../electron/services/journal/journal';
import type { JournalHub } from '../../electron/services/journal/hub';
import { Switches, type SwitchesObject } from '../../electron/services/uccx/switches';
import { parseSwitches, serializeSwitches, SwitchesFormatError } from '../../electron/services/uccx/switch-document';
import {
  describeSwitchesSave,
  normalizePromptPath,
  switchDurationsFrom,
  touchedSwitchFields,
  validateSwitches,
  type SwitchEntry,
} from '../../shared/domain/switches';
import type { PendingChange } from '../../shared/domain/changes';
import { ValidationError } from '../../shared/ipc/result';
import { tempDirs } from '../support/temp-dirs';
import { MemoryRepository } from '../support/memory-repository';

const tempDir = tempDirs('switches-');

const outage: SwitchEntry = { name: 'outage', enabled: true, prompt: 'en_US/outage.wav', until: '' };
const weather: SwitchEntry = { name: 'weather', enabled: false, prompt: 'en_US/weather.wav', until: '' };

describe('the switches document', () => {
  it('is written deterministically, sorted by name, escaped, and reads back the same', () => {
    const odd: SwitchEntry = { name: 'x_1', enabled: true, prompt: 'en_US/a b-c.wav', until: '2026-12-02T15:30:00Z' };
    const bytes = serializeSwitches({ switches: [weather, odd, outage], updated: '2026-12-02T14:30:00Z', updatedBy: `sup&1 <'x'>` });
    expect(bytes.toString('utf8')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<switches updated="2026-12-02T14:30:00Z" updatedBy="sup&amp;1 &lt;&apos;x&apos;&gt;">',
        '  <switch name="outage" enabled="true" prompt="en_US/outage.wav" until=""/>',
        '  <switch name="weather" enabled="false" prompt="en_US/weather.wav" until=""/>',
        '  <switch name="x_1" enabled="true" prompt="en_US/a b-c.wav" until="2026-12-02T15:30:00Z"/>',
        '</switches>',
        '',
      ].join('\n'),
    );
    const parsed = parseSwitches(bytes);
    expect(parsed).toEqual({ updated: '2026-12-02T14:30:00Z', updatedBy: `sup&1 <'x'>`, switches: [outage, weather, odd], skipped: [], skippedMessages: [] });
    expect(serializeSwitches({ switches: parsed.switches, updated: parsed.updated, updatedBy: parsed.updatedBy }).equals(bytes)).toBe(true);
  });

  it('reads a hand-written document tolerantly and says what it left out', () => {
    const text = `<s:switches xmlns:s="urn:x"><s:switch name="outage" enabled="TRUE" prompt="/en_US/outage.wav" extra="1"/>
      <switch name="bad name" enabled="true"/><switch name="Outage" enabled="true"/><switch name="w" enabled="false" prompt="../x.wav" until="soon"/>
      <switch name="t" enabled="true" until="tomorrow"/><switch name="u" enabled="false" until="2026-12-02T15:30:00Z"/><note/></s:switches>`;
    const parsed = parseSwitches(Buffer.from(text));
    expect(parsed.switches).toEqual([
      { name: 'outage', enabled: false, prompt: 'en_US/outage.wav', until: '' },
      { name: 't', enabled: true, prompt: '', until: '' },
      { name: 'u', enabled: false, prompt: '', until: '' },
      { name: 'w', enabled: false, prompt: '', until: '' },
    ]);
    expect(parsed.skipped).toEqual([
      'outage: enabled="TRUE" reads as off (scripts compare with "true")',
      'switch 2: "bad name" is not a switch name',
      'switch 3: Outage is listed twice; the first is kept',
      'w: the prompt "../x.wav" is not a .wav path and is left out',
      'w: until="soon" is not a time (YYYY-MM-DDTHH:MM:SSZ) and is left out',
      't: until="tomorrow" is not a time (YYYY-MM-DDTHH:MM:SSZ) and is left out',
    ]);
  });

  it('refuses what is not a switches document, too large or with too many switches', () => {
    expect(() => parseSwitches(Buffer.from('<callers/>'))).toThrow(/not <switches>/);
    expect(() => parseSwitches(Buffer.from('<switches><switch'))).toThrow(SwitchesFormatError);
    expect(() => parseSwitches(Buffer.alloc(65 * 1024, 32))).toThrow(/at most 64 KB/);
    const many = `<switches>${Array.from({ length: 101 }, (_, i) => `<switch name="s${i}"/>`).join('')}</switches>`;
    expect(() => parseSwitches(Buffer.from(many))).toThrow(/101 switches; the console edits at most 100/);
  });
});

describe('switch rules', () => {
  it('checks names, prompts and times, naming the switch', () => {
    expect(validateSwitches([outage, weather])).toEqual([]);
    const messages = validateSwitches([
      { ...outage, name: 'out age' },
      { ...weather, name: 'Weather' },
      { ...weather, prompt: 'en_US/weather.mp3' },
      { ...outage, name: 'timed', until: '15:30' },
      { ...weather, name: 'offtimed', until: '2026-12-02T15:30:00Z' },
    ]).map((error) => `${error.field}: ${error.message}`);
    expect(messages).toEqual([
      'switches.0.name: out age: Use only letters, digits, - and _ (scripts ask for the switch by this name).',
      'switches.2.name: There is already a switch named Weather.',
      'switches.2.prompt: weather: Enter the prompt’s path in the prompt repository, ending in .wav, e.g. en_US/outage.wav.',
      'switches.3.until: timed: 15:30 is not a time (YYYY-MM-DDTHH:MM:SSZ).',
      'switches.4.until: offtimed: only a switch that is on can turn off at a time.',
    ]);
    expect(normalizePromptPath('\\en_US\\outage.wav')).toBe('en_US/outage.wav');
    expect(normalizePromptPath('en_US//outage.wav')).toBeNull();
    expect(normalizePromptPath('en_US/../outage.wav')).toBeNull();
    expect(normalizePromptPath('outage.WAV')).toBe('outage.WAV');
  });

  it('a save touches only the switches that differ, and says a rename in words', () => {
    const renamed = { ...weather, name: 'storm' };
    const touched = touchedSwitchFields([outage, weather], [outage, renamed]);
    expect(touched).toEqual({
      base: { 'switch/storm': null, 'switch/weather': { enabled: false, prompt: 'en_US/weather.wav', until: '' } },
      mine: { 'switch/storm': { enabled: false, prompt: 'en_US/weather.wav', until: '' }, 'switch/weather': null },
    });
    expect(describeSwitchesSave(touched.base, touched.mine)).toBe('Switches: weather renamed to storm');
    const on = touchedSwitchFields([weather], [{ ...weather, enabled: true, until: '2026-12-02T15:30:00Z' }]);
    expect(describeSwitchesSave(on.base, on.mine, (ms) => new Date(ms).toISOString())).toBe('Switches: weather: Off → On until 2026-12-02T15:30:00.000Z');
  });

  it('takes the "On for …" choices from the environment only when they make sense', () => {
    expect(switchDurationsFrom(undefined)).toEqual([1800, 3600, 7200]);
    expect(switchDurationsFrom('20, 1800')).toEqual([20, 1800]);
    expect(switchDurationsFrom('abc')).toEqual([1800, 3600, 7200]);
    expect(switchDurationsFrom('1')).toEqual([1800, 3600, 7200]);
  });
});

const T0 = Date.UTC(2026, 11, 2, 14, 0, 0);

function setUp(dir = tempDir(), journalDir = tempDir(), repository = new MemoryRepository()) {
  const journal = WriteJournal.open({ dir: journalDir, profile: 'test', retryBaseMs: 10, maxRetryMs: 20 });
  const hub = { journal, require: () => journal } as unknown as JournalHub;
  const switches = new Switches({ repository, hub, dir, account: 'administrator', now: Date.now });
  return { journal, repository, switches, dir, journalDir };
}

function applyWith(journal: WriteJournal, switches: Switches): void {
  journal.registerApplier<SwitchesObject>('uccx', {
    read: (change) => switches.read(change),
    fieldsOf: (object) => switches.fieldsOf(object),
    apply: (change, current) => switches.apply(change, current),
    validate: (_change, mine) => switches.validate(mine),
  });
}

async function settled(journal: WriteJournal, change: PendingChange): Promise<PendingChange> {
  await expect.poll(() => journal.get(change.id)?.state ?? 'applied', { timeout: 5000 }).not.toMatch(/^(queued|applying)$/);
  return journal.get(change.id) ?? { ...change, state: 'applied' };
}

describe('switches through the journal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes only the touched switch into the document as UCCX holds it, and judges conflicts per switch', async () => {
    const { journal, repository, switches } = setUp();
    applyWith(journal, switches);
    switches.start();
    const first = switches.submit([], [outage, weather], 'sup1');
    expect(first).toMatchObject({ ref: { system: 'uccx', type: 'switches', id: '/en_US/lists/switches.xml' }, label: 'Switches (switches.xml)' });
    expect((await settled(journal, first)).state).toBe('applied');
    expect(repository.calls).toContain('createFolder /en_US/ lists');
    // Someone else changes the weather switch behind the console's back; turning outage off still goes through and keeps theirs.
    const theirs = { ...weather, enabled: true };
    repository.files.set('/en_US/lists/switches.xml', serializeSwitches({ switches: [outage, theirs], updated: '2026-12-02T14:00:00Z', updatedBy: 'other' }));
    const off = switches.submit([outage, weather], [{ ...outage, enabled: false }, weather], 'sup1');
    expect(off.base).toEqual({ 'switch/outage': { enabled: true, prompt: 'en_US/outage.wav', until: '' } });
    expect((await settled(journal, off)).state).toBe('applied');
    expect(parseSwitches(repository.files.get('/en_US/lists/switches.xml')!).switches).toEqual([{ ...outage, enabled: false }, theirs]);
    // A change to the switch they changed is a conflict and writes nothing.
    const before = repository.files.get('/en_US/lists/switches.xml')!;
    const conflicted = await settled(journal, switches.submit([{ ...outage, enabled: false }, weather], [{ ...outage, enabled: false }, { ...weather, prompt: 'en_US/rain.wav' }], 'sup1'));
    expect(conflicted.state).toBe('conflicted');
    expect(repository.files.get('/en_US/lists/switches.xml')!.equals(before)).toBe(true);
    expect(() => switches.submit([outage], [outage], 'sup1')).toThrow(/nothing to save/);
    expect(() => switches.submit([], [{ ...outage, name: 'a b' }], 'sup1')).toThrow(ValidationError);
    switches.stop();
    await journal.close();
  });

  it('turns a timed switch off by itself at its time: one change based on the switch as it was set', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
    const { journal, switches, dir } = setUp();
    switches.start();
    const until = new Date(T0 + 30 * 60_000).toISOString().replace('.000', '');
    const on = switches.submit([weather], [{ ...weather, enabled: true, until }], 'sup1');
    expect(on.mine).toEqual({ 'switch/weather': { enabled: true, prompt: 'en_US/weather.wav', until: '2026-12-02T14:30:00Z' } });
    expect(switches.timerViews()).toEqual([{ name: 'weather', until: T0 + 30 * 60_000, state: 'waiting', late: false, revertedAt: null }]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'switch-timers.json'), 'utf8')).timers).toHaveLength(1);

    vi.advanceTimersByTime(30 * 60_000 - 1);
    expect(journal.list().filter((change) => change.id !== on.id)).toEqual([]);
    vi.advanceTimersByTime(1);
    const ended = journal.list().filter((change) => change.id !== on.id);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({
      ref: { system: 'uccx', type: 'switches', id: '/en_US/lists/switches.xml' },
      base: { 'switch/weather': { enabled: true, prompt: 'en_US/weather.wav', until: '2026-12-02T14:30:00Z' } },
      mine: { 'switch/weather': { enabled: false, prompt: 'en_US/weather.wav', until: '' } },
    });
    expect(ended[0]!.summary).toMatch(/^Switches: weather: On until .+ → Off \(its time ended\)$/);
    expect(switches.timerViews()[0]).toMatchObject({ name: 'weather', state: 'reverted', late: false, revertedAt: T0 + 30 * 60_000, changeId: ended[0]!.id });
    switches.stop();
  });

  it('a timed switch whose time passed while the console was not running is ended at the next start and marked late', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
    const first = setUp();
    first.switches.start();
    first.switches.submit([weather], [{ ...weather, enabled: true, until: '2026-12-02T15:00:00Z' }], 'sup1');
    first.switches.stop();
    void first.journal.close();

    // Started again before its time, the timer still waits.
    vi.setSystemTime(T0 + 10 * 60_000);
    const early = setUp(first.dir);
    early.switches.start();
    expect(early.journal.list()).toEqual([]);
    expect(early.switches.timerViews()).toMatchObject([{ name: 'weather', state: 'waiting' }]);
    early.switches.stop();

    vi.setSystemTime(T0 + 2 * 3600_000);
    const again = setUp(first.dir);
    again.switches.start();
    const ended = again.journal.list();
    expect(ended).toHaveLength(1);
    expect(ended[0]!.summary).toMatch(/weather: On until .* → Off \(its time ended; the console was not running then, so it was turned off at its next start\)/);
    expect(again.switches.timerViews()).toEqual([{ name: 'weather', until: T0 + 3600_000, state: 'reverted', late: true, revertedAt: T0 + 2 * 3600_000, changeId: ended[0]!.id }]);
    // Started once more, nothing is ended twice.
    again.switches.stop();
    const third = setUp(first.dir);
    third.switches.start();
    expect(third.journal.list()).toEqual([]);
    third.switches.stop();
  });

  it('turning a timed switch off by hand drops its timer; an end time too close or too far is refused', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
    const { journal, switches } = setUp();
    switches.start();
    const timed = { ...weather, enabled: true, until: '2026-12-02T14:30:00Z' };
    switches.submit([weather], [timed], 'sup1');
    switches.submit([timed], [weather], 'sup1');
    expect(switches.timerViews()).toEqual([]);
    vi.advanceTimersByTime(3600_000);
    expect(journal.list()).toHaveLength(2);
    expect(() => switches.submit([weather], [{ ...weather, enabled: true, until: '2026-12-02T15:00:10Z' }], 'sup1')).toThrow(/at least 1 min from now/);
    expect(() => switches.submit([weather], [{ ...weather, enabled: true, until: '2026-12-20T15:00:00Z' }], 'sup1')).toThrow(/at most 7 days/);
    switches.stop();
  });
});
