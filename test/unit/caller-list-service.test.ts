import { describe, expect, it } from 'vitest';
import { WriteJournal } from '../../electron/services/journal/journal';
import type { JournalHub } from '../../electron/services/journal/hub';
import { CallerLists, validateCallerField, type CallerListObject } from '../../electron/services/uccx/caller-lists';
import { parseCallerList, serializeCallerList } from '../../electron/services/uccx/caller-list-document';
import type { PendingChange } from '../../shared/domain/changes';
import { ValidationError } from '../../shared/ipc/result';
import { tempDirs } from '../support/temp-dirs';
import { MemoryRepository } from '../support/memory-repository';
import { UccxHttpError } from '../../electron/services/uccx/client';
import { ReplacementMarkers } from '../../electron/services/uccx/replacement-markers';
import path from 'node:path';

const tempDir = tempDirs('caller-lists-');

/** One run of the console: a journal, its caller lists and the applier, over a repository and folders that may outlive it. */
function setUp(options: { folder?: string; repository?: MemoryRepository; dir?: string } = {}) {
  const dir = options.dir ?? tempDir();
  const journal = WriteJournal.open({ dir, profile: 'test', retryBaseMs: 10, maxRetryMs: 20 });
  const hub = { journal, require: () => journal } as unknown as JournalHub;
  const repository = options.repository ?? new MemoryRepository();
  const lists = new CallerLists(repository, hub, options.folder, () => Date.UTC(2026, 11, 2, 9, 15), new ReplacementMarkers(path.join(dir, 'uploads')));
  // The same dispatch the UCCX applier does for caller lists.
  journal.registerApplier<CallerListObject>('uccx', {
    read: (change) => lists.read(change),
    fieldsOf: (object) => lists.fieldsOf(object),
    apply: (change, current) => lists.apply(change, current),
    validate: (_change, mine) => lists.validate(mine),
  });
  const settled = async (change: PendingChange) => {
    for (let i = 0; i < 200; i++) {
      const now = journal.list().find((c) => c.id === change.id);
      if (!now || !['queued', 'applying'].includes(now.state)) return now ?? { ...change, state: 'applied' as const };
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the change did not settle');
  };
  return { dir, journal, repository, lists, settled };
}

const key = { number: '+41441234567', label: 'Key account A', expires: '', route: 'CSQ_VIP' };
const ceo = { number: '+41791234567', label: 'CEO', expires: '2027-06-30', route: '' };

describe('caller lists through the journal', () => {
  it('queues a save as one change, creates the folder below the language folder and writes the document', async () => {
    const { journal, repository, lists, settled } = setUp();
    const change = lists.submit('vip', [], [{ ...key, number: '+41 44 123 45 67' }, ceo], 'administrator');
    expect(change).toMatchObject({ ref: { system: 'uccx', type: 'callerList', id: 'vip' }, operation: 'update', label: 'Caller list VIP (vip.xml)', summary: 'VIP: 2 added', base: { callers: [] } });
    expect((await settled(change)).state).toBe('applied');
    expect(repository.calls).toContain('createFolder /en_US/ lists');
    expect(repository.files.get('/en_US/lists/vip.xml')!.equals(serializeCallerList({ name: 'vip', entries: [key, ceo], updated: '2026-12-02T09:15:00Z', updatedBy: 'administrator' }))).toBe(true);
    expect(await lists.lists()).toEqual([{ name: 'vip', size: repository.files.get('/en_US/lists/vip.xml')!.length, dateModified: '2026-12-02T09:00:00.000Z', modifiedBy: 'administrator' }]);
    await journal.close();
  });

  it('replaces a document by deleting it first, and writes again after an upload that failed once the old file was gone', async () => {
    const { journal, repository, lists, settled } = setUp();
    await settled(lists.submit('vip', [], [key], 'administrator'));
    repository.calls.length = 0;
    repository.failNextUpload = true;
    const change = lists.submit('vip', [key], [key, ceo], 'administrator');
    expect((await settled(change)).state).toBe('applied');
    expect(repository.calls.filter((call) => !call.startsWith('list'))).toEqual(['remove /en_US/lists/vip.xml', 'upload /en_US/lists/vip.xml', 'upload /en_US/lists/vip.xml']);
    expect(parseCallerList(repository.files.get('/en_US/lists/vip.xml')!).entries).toEqual([key, ceo]);
    await journal.close();
  });

  it('a save stopped between deleting the old document and uploading the new one goes on after a restart (not a conflict)', async () => {
    const first = setUp();
    await first.settled(first.lists.submit('vip', [], [key], 'administrator'));
    first.repository.failUploads = true;
    const change = first.lists.submit('vip', [key], [key, ceo], 'administrator');
    await expect.poll(() => first.journal.get(change.id)?.lastError ?? '').toMatch(/reset the connection/);
    await first.journal.close();
    first.repository.failUploads = false;
    // The document is gone because of the save itself; the console starts again with nothing in memory.
    expect(first.repository.files.has('/en_US/lists/vip.xml')).toBe(false);
    const second = setUp({ repository: first.repository, dir: first.dir });
    const settled = await second.settled(change);
    expect(settled.state).toBe('applied');
    expect(parseCallerList(first.repository.files.get('/en_US/lists/vip.xml')!).entries).toEqual([key, ceo]);
    await second.journal.close();
  });

  it('a list folder deleted on UCCX after an earlier save is created again, not failed on every attempt', async () => {
    const { journal, repository, lists, settled } = setUp();
    await settled(lists.submit('vip', [], [key], 'administrator'));
    // An administrator removes the folder with its lists.
    repository.files.clear();
    repository.folders.delete('/en_US/lists/');
    const change = await settled(lists.submit('blocked', [], [ceo], 'administrator'));
    expect(change.state).toBe('applied');
    expect(parseCallerList(repository.files.get('/en_US/lists/blocked.xml')!).entries).toEqual([ceo]);
    await journal.close();
  });

  it('a refusal or failure of UCCX while listing or opening lists reaches the screen as a typed error with its sentence', async () => {
    const { journal, repository, lists } = setUp();
    repository.list = async () => {
      throw new UccxHttpError(403, 'UCCX refused: supervisor sup02 may not read documents.', 'HTTP 403 from GET https://ccx-a/adminapi/document/en_US/lists');
    };
    await expect(lists.lists()).rejects.toMatchObject({ name: 'ConsoleError', code: 'forbidden', message: 'UCCX refused: supervisor sup02 may not read documents.' });
    repository.download = async () => {
      throw new UccxHttpError(500, 'UCCX node ccx-a answered 500.');
    };
    await expect(lists.load('vip')).rejects.toMatchObject({ name: 'ConsoleError', code: 'unavailable' });
    await journal.close();
  });

  it('opens a list with what the folder lists about it, and refuses in words a document that is not a caller list', async () => {
    const { journal, repository, lists, settled } = setUp();
    expect(await lists.load('vip')).toMatchObject({ exists: false, entries: [], size: null, modifiedBy: null });
    await settled(lists.submit('vip', [], [key], 'administrator'));
    const bytes = repository.files.get('/en_US/lists/vip.xml')!;
    expect(await lists.load('vip')).toMatchObject({ name: 'vip', path: '/en_US/lists/vip.xml', exists: true, entries: [key], updated: '2026-12-02T09:15:00Z', updatedBy: 'administrator', size: bytes.length, modifiedBy: 'administrator', skipped: [], queued: null });
    repository.files.set('/en_US/lists/vip.xml', Buffer.from('<switches/>'));
    await expect(lists.load('vip')).rejects.toMatchObject({ name: 'ConsoleError', code: 'rejected', message: expect.stringMatching(/^vip\.xml on UCCX cannot be read as a caller list: .*root element is <switches>/) });
    await journal.close();
  });

  it('a document changed behind the console’s back is a conflict and is not overwritten; one already holding mine is not written again', async () => {
    const { journal, repository, lists, settled } = setUp();
    await settled(lists.submit('vip', [], [key], 'administrator'));
    const theirs = serializeCallerList({ name: 'vip', entries: [{ ...key, label: 'Theirs' }], updated: '2026-01-01T00:00:00Z', updatedBy: 'other' });
    repository.files.set('/en_US/lists/vip.xml', theirs);
    const conflicted = await settled(lists.submit('vip', [key], [key, ceo], 'administrator'));
    expect(conflicted.state).toBe('conflicted');
    expect(conflicted.theirs).toEqual({ callers: [{ ...key, label: 'Theirs' }] });
    expect(repository.files.get('/en_US/lists/vip.xml')!.equals(theirs)).toBe(true);
    journal.discard(conflicted.id);

    repository.calls.length = 0;
    repository.files.set('/en_US/lists/vip.xml', serializeCallerList({ name: 'vip', entries: [key, ceo], updated: '2026-01-01T00:00:00Z', updatedBy: 'other' }));
    const done = await settled(lists.submit('vip', [{ ...key, label: 'Theirs' }], [key, ceo], 'administrator'));
    expect(done.state).toBe('applied');
    expect(repository.calls.filter((call) => !call.startsWith('list'))).toEqual([]);
    await journal.close();
  });

  it('checks the listing after the upload: a size that differs is tried again, not called written', async () => {
    const { journal, repository, lists } = setUp();
    repository.reportedSize = 3;
    const change = lists.submit('vip', [], [key], 'administrator');
    await expect.poll(() => journal.get(change.id)?.lastError ?? '').toMatch(/UCCX lists vip\.xml with 3 bytes; the console wrote \d+\. Checking again\./);
    repository.reportedSize = null;
    await expect.poll(() => journal.get(change.id)?.state ?? 'applied', { timeout: 5000 }).toBe('applied');
    await journal.close();
  });

  it('refuses a folder without its language, invalid rows by name, bad list names and a save that changes nothing', async () => {
    const { journal, lists, settled } = setUp({ folder: '/de_DE/lists' });
    const failed = await settled(lists.submit('vip', [], [key], 'administrator'));
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/no language folder \/de_DE\//);
    expect(() => lists.submit('vip', [], [key, { number: '044 12x', label: 'x', expires: '', route: '' }], 'a')).toThrow(ValidationError);
    expect(() => lists.submit('vip', [], [key, { number: '044 12x', label: 'x', expires: '', route: '' }], 'a')).toThrow(/Row 2: 044 12x is not a phone number/);
    expect(() => lists.submit('../vip', [], [key], 'a')).toThrow(/only letters, digits/);
    expect(() => lists.submit('vip', [key], [key], 'a')).toThrow(/nothing to save/);
    await journal.close();
  });

  it('checks values edited in Pending changes like the editor does', () => {
    expect(validateCallerField([key, ceo])).toEqual([]);
    expect(validateCallerField('x')).toEqual([{ field: 'callers', message: 'Callers must be a list of entries.' }]);
    expect(validateCallerField([{ ...key, number: '+41 44 123 45 67' }]).map((e) => e.message)).toEqual(['Row 1: write the number as digits with an optional leading +']);
    expect(validateCallerField([key, { ...ceo, number: key.number }]).map((e) => e.message)).toEqual(['Row 2: +41441234567 is already in row 1']);
  });
});
