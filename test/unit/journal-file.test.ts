import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalFile, readJournalFile, type JournalRecord } from '../../electron/services/journal/journal-file';
import { WriteJournal, type ChangeApplier } from '../../electron/services/journal/journal';
import { AuditLog } from '../../electron/services/audit/audit-log';
import { nodeFiles, type FileLayer } from '../../electron/services/storage/file-layer';
import type { FieldMap, PendingChange } from '../../shared/domain/changes';
import { tempDirs } from '../support/temp-dirs';

const tempDir = tempDirs('journal-file-');

const record = (id: string): JournalRecord => ({ t: 'discarded', at: 1, id });

/** nodeFiles, with a switch that makes writes or renames fail (a full or failing disk). */
function failingFiles() {
  const state = { writesFail: false, renamesFail: false, writeCalls: 0 };
  const files: FileLayer = {
    ...nodeFiles,
    write(fd, data) {
      state.writeCalls++;
      if (state.writesFail) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      nodeFiles.write(fd, data);
    },
    rename(from, to) {
      if (state.renamesFail) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      nodeFiles.rename(from, to);
    },
  };
  return { files, state };
}

class Server implements ChangeApplier<FieldMap> {
  objects = new Map<string, FieldMap>([['a', { v: '0' }]]);
  writes: string[] = [];
  async read(change: PendingChange) {
    return this.objects.get(change.ref.id) ?? null;
  }
  fieldsOf(object: FieldMap) {
    return object;
  }
  async apply(change: PendingChange) {
    this.objects.set(change.ref.id, { ...change.mine });
    this.writes.push(String(change.mine.v));
  }
}

function update(from: string, to: string) {
  return { ref: { system: 's', type: 't', id: 'a' }, operation: 'update' as const, label: 'A', base: { v: from }, mine: { v: to }, user: 'u' };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('journal file', () => {
  it('cuts a tail torn inside a multi-byte character at the exact byte, keeping the line before whole', () => {
    const file = path.join(tempDir(), 'changes.jsonl');
    const whole = JSON.stringify(record('größe')) + '\n';
    // The next record was torn after the first byte of "ü" (two bytes in UTF-8).
    const next = Buffer.from(JSON.stringify(record('über')), 'utf8');
    const cut = next.indexOf(0xc3) + 1;
    fs.writeFileSync(file, Buffer.concat([Buffer.from(whole, 'utf8'), next.subarray(0, cut)]));
    const journal = new JournalFile(file);
    expect(journal.open().records).toEqual([record('größe')]);
    journal.append(record('danach'));
    journal.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(whole + JSON.stringify(record('danach')) + '\n');
    expect(readJournalFile(file).records.map((r) => (r as { id: string }).id)).toEqual(['größe', 'danach']);
  });

  it('a record that cannot be written while draining is retried later, not in a tight loop, and the change is written once', async () => {
    const { files, state } = failingFiles();
    const server = new Server();
    const journal = WriteJournal.open({ dir: tempDir(), profile: 'p', files, retryBaseMs: 50, onError: () => {} });
    const paused = { reason: 'later' as string | null };
    let diskFillsDuringWrite = false;
    journal.registerApplier('s', {
      read: (c) => server.read(c),
      fieldsOf: (o) => o,
      apply: async (c) => {
        await server.apply(c);
        if (diskFillsDuringWrite) state.writesFail = true;
      },
      pausedReason: () => paused.reason,
    });
    const waitOut = async () => {
      const calls = state.writeCalls;
      await new Promise((resolve) => setTimeout(resolve, 200));
      // About one attempt per retry delay, not thousands.
      expect(state.writeCalls - calls).toBeLessThan(20);
      state.writesFail = false;
    };

    // The disk is full before the attempt is recorded: nothing is written to the server until it is not.
    const first = journal.enqueue(update('0', '1'));
    state.writesFail = true;
    paused.reason = null;
    journal.wake();
    await waitOut();
    expect(server.writes).toEqual([]);
    await until(() => journal.get(first.id)?.state === 'applied', 'the first change to apply once the disk is back');
    expect(server.writes).toEqual(['1']);

    // The disk fills while the server write is on its way: "applied" cannot be recorded; the re-read finds it done.
    diskFillsDuringWrite = true;
    const second = journal.enqueue(update('1', '2'));
    await until(() => state.writesFail, 'the second write');
    diskFillsDuringWrite = false;
    await waitOut();
    await until(() => journal.get(second.id)?.state === 'applied', 'the second change to be recorded once the disk is back');
    expect(journal.get(second.id)!.alreadyApplied).toBe(true);
    expect(server.writes).toEqual(['1', '2']);
    await journal.close();
  });

  it('keeps appending after a compaction that failed, and compacts later', async () => {
    const { files, state } = failingFiles();
    const dir = tempDir();
    const server = new Server();
    const journal = WriteJournal.open({ dir, profile: 'p', files, compactAfterRecords: 2, onError: () => {} });
    journal.registerApplier('s', server);
    state.renamesFail = true;
    const first = journal.enqueue(update('0', '1'));
    await until(() => journal.get(first.id)?.state === 'applied', 'the first change');
    await journal.idle();
    // The compaction after it failed; the log still takes new changes.
    state.renamesFail = false;
    const second = journal.enqueue(update('1', '2'));
    await until(() => server.writes.length === 2, 'the second change');
    await journal.idle();
    expect(server.writes).toEqual(['1', '2']);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await journal.close();
    expect(readJournalFile(journal.path).records.some((r) => r.t === 'enqueued' && r.change.id === second.id)).toBe(false);
  });
});

describe('audit log', () => {
  it('starts a new line after a line torn by a crash, so the next entry is readable', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'audit.jsonl'), '{"at":1,"res');
    const audit = new AuditLog(dir);
    const change = { id: 'c', ref: { system: 's', type: 't', id: 'a' }, profile: 'p', user: 'u', label: 'A', base: {}, mine: { v: '1' }, fieldLabels: {} } as unknown as PendingChange;
    audit.record(change, 'applied');
    expect(audit.search().map((entry) => entry.changeId)).toEqual(['c']);
  });
});
