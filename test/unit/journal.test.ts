import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplyError, WriteJournal, type ChangeApplier } from '../../electron/services/journal/journal';
import { readJournalFile } from '../../electron/services/journal/journal-file';
import { AuditLog, toCsv } from '../../electron/services/audit/audit-log';
import { NetworkError } from '../../electron/services/net/network-error';
import { UccxHttpError } from '../../electron/services/uccx/client';
import { httpFailureMessage, httpFailureSentence } from '../../shared/domain/error-words';
import type { FieldMap, PendingChange } from '../../shared/domain/changes';

/** A tiny in-memory "server": objects are field maps, writes are counted. */
class FakeServer implements ChangeApplier<FieldMap> {
  objects = new Map<string, FieldMap>();
  writes: Array<{ id: string; fields: FieldMap }> = [];
  paused: string | null = null;
  failNext: Error[] = [];
  concurrency = 4;
  inFlight = 0;
  maxInFlight = 0;
  async read(change: PendingChange) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const object = this.objects.get(change.ref.id);
    return object ? { ...object } : null;
  }
  fieldsOf(object: FieldMap) {
    return object;
  }
  async apply(change: PendingChange, current: FieldMap | null) {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const failure = this.failNext.shift();
      if (failure) throw failure;
      if (change.operation === 'delete') this.objects.delete(change.ref.id);
      else this.objects.set(change.ref.id, { ...(current ?? {}), ...change.mine });
      this.writes.push({ id: change.ref.id, fields: change.mine });
    } finally {
      this.inFlight--;
    }
  }
  pausedReason() {
    return this.paused;
  }
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function settle(journal: WriteJournal, until: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!until()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the journal');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await journal.idle();
}

function update(id: string, base: FieldMap, mine: FieldMap) {
  return { ref: { system: 'test', type: 'thing', id }, operation: 'update' as const, label: `Thing ${id}`, base, mine, user: 'tester' };
}

describe('WriteJournal', () => {
  it('reopened, it holds exactly the state the live journal held after every kind of step', async () => {
    const dir = tempDir();
    const server = new FakeServer();
    server.objects.set('a', { alias: 'old' });
    server.objects.set('b', { alias: 'b0' });
    const journal = WriteJournal.open({ dir, profile: 'p', retryBaseMs: 60_000 });
    const reopened = () => {
      // A read-only look at the same file: a second journal would compact it, so read the records and replay them.
      const copy = tempDir();
      fs.copyFileSync(journal.path, path.join(copy, 'changes.jsonl'));
      const other = WriteJournal.open({ dir: copy, profile: 'p' });
      const list = other.list();
      void other.close();
      return list;
    };
    const live = () => journal.list().filter((c) => c.state !== 'applied' && c.state !== 'discarded');
    const a = journal.enqueue(update('a', { alias: 'old' }, { alias: 'new' }));
    const b = journal.enqueue(update('b', { alias: 'b0' }, { alias: 'b1' }));
    expect(reopened()).toEqual(live());
    // retry-later (a network failure), then failed (a refusal), then an edit, then a conflict.
    server.failNext.push(new NetworkError('connection-refused', 'connection refused'));
    journal.registerApplier('test', server);
    await settle(journal, () => journal.get(a.id)!.attempts === 1 && journal.get(a.id)!.state === 'queued');
    expect(journal.get(a.id)!.nextAttemptAt).toBeGreaterThan(Date.now());
    expect(reopened()).toEqual(live());
    server.failNext.push(new ApplyError('Alias is too long', false));
    journal.retry(a.id);
    await settle(journal, () => journal.get(a.id)!.state === 'failed');
    expect(journal.get(a.id)!.nextAttemptAt).toBeUndefined();
    expect(reopened()).toEqual(live());
    server.paused = 'paused for the test';
    journal.edit(a.id, { alias: 'newer' });
    expect(reopened()).toEqual(live());
    server.objects.set('a', { alias: 'someone else' });
    server.paused = null;
    journal.wake();
    await settle(journal, () => journal.get(a.id)!.state === 'conflicted');
    expect(reopened()).toEqual(live());
    journal.resolve(a.id, { kind: 'reapply-mine' });
    await settle(journal, () => journal.get(a.id)!.state === 'applied');
    expect(journal.get(b.id)!.state).toBe('applied');
    expect(reopened()).toEqual(live());
    await journal.close();
  });

  it("lets a system's waiting changes go at once when it accepts writes again, not after their back-off", async () => {
    const dir = tempDir();
    const server = new FakeServer();
    server.objects.set('a', { alias: 'old' });
    const journal = WriteJournal.open({ dir, profile: 'p', retryBaseMs: 60_000, maxRetryMs: 60_000 });
    server.failNext.push(new NetworkError('connection-refused', 'connection refused'));
    journal.registerApplier('test', server);
    const change = journal.enqueue(update('a', { alias: 'old' }, { alias: 'new' }));
    await settle(journal, () => journal.get(change.id)!.attempts === 1 && journal.get(change.id)!.state === 'queued');
    expect(journal.get(change.id)!.nextAttemptAt! - Date.now()).toBeGreaterThan(30_000);
    journal.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(journal.get(change.id)!.state).toBe('queued');
    journal.retryNow('test');
    await settle(journal, () => journal.get(change.id)!.state === 'applied', 1000);
    expect(server.objects.get('a')).toEqual({ alias: 'new' });
    await journal.close();
  });

  it('makes a change durable before returning and applies it in the background', async () => {
    const dir = tempDir();
    const server = new FakeServer();
    server.objects.set('a', { alias: 'old' });
    const journal = WriteJournal.open({ dir, profile: 'p' });
    const change = journal.enqueue(update('a', { alias: 'old' }, { alias: 'new' }));
    // On disk before anything was applied (no applier registered yet).
    const onDisk = readJournalFile(journal.path).records;
    expect(onDisk.some((r) => r.t === 'enqueued' && r.change.id === change.id)).toBe(true);
    journal.registerApplier('test', server);
    await settle(journal, () => journal.get(change.id)?.state === 'applied');
    expect(server.objects.get('a')).toEqual({ alias: 'new' });
    expect(server.writes).toHaveLength(1);
    await journal.close();
  });

  it('waits while the system is paused and drains when woken', async () => {
    const server = new FakeServer();
    server.objects.set('a', { n: 0 });
    server.paused = 'ccx-a unreachable';
    const journal = WriteJournal.open({ dir: tempDir(), profile: 'p' });
    journal.registerApplier('test', server);
    journal.enqueue(update('a', { n: 0 }, { n: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.writes).toHaveLength(0);
    expect(journal.counts().queued).toBe(1);
    server.paused = null;
    journal.wake();
    await settle(journal, () => journal.counts().waiting === 0);
    expect(server.objects.get('a')).toEqual({ n: 1 });
    await journal.close();
  });

  it('applies changes to one object in order, rebasing later changes on earlier ones', async () => {
    const server = new FakeServer();
    server.objects.set('a', { alias: 'v0' });
    const journal = WriteJournal.open({ dir: tempDir(), profile: 'p' });
    // Both made from the same screen state: the second must not conflict with the first.
    journal.enqueue(update('a', { alias: 'v0' }, { alias: 'v1' }));
    const second = journal.enqueue(update('a', { alias: 'v0' }, { alias: 'v2' }));
    expect(second.base).toEqual({ alias: 'v1' });
    journal.registerApplier('test', server);
    await settle(journal, () => journal.counts().waiting === 0);
    expect(server.writes.map((w) => w.fields.alias)).toEqual(['v1', 'v2']);
    await journal.close();
  });

  it('detects a conflict, does not overwrite, and resolves it three ways', async () => {
    const server = new FakeServer();
    server.objects.set('a', { alias: 'theirs', team: 't1' });
    server.objects.set('b', { alias: 'theirs' });
    server.objects.set('c', { alias: 'theirs' });
    const journal = WriteJournal.open({ dir: tempDir(), profile: 'p' });
    journal.registerApplier('test', server);
    const a = journal.enqueue(update('a', { alias: 'base' }, { alias: 'mine' }));
    const b = journal.enqueue(update('b', { alias: 'base' }, { alias: 'mine' }));
    const c = journal.enqueue(update('c', { alias: 'base' }, { alias: 'mine' }));
    await settle(journal, () => journal.counts().conflicted === 3);
    expect(server.writes).toHaveLength(0);
    expect(journal.get(a.id)?.theirs).toEqual({ alias: 'theirs' });

    journal.resolve(a.id, { kind: 'keep-theirs' });
    journal.resolve(b.id, { kind: 'reapply-mine' });
    journal.resolve(c.id, { kind: 'edit', mine: { alias: 'edited' } });
    await settle(journal, () => journal.counts().waiting === 0);
    expect(server.objects.get('a')?.alias).toBe('theirs');
    expect(server.objects.get('b')?.alias).toBe('mine');
    expect(server.objects.get('c')?.alias).toBe('edited');
    expect(journal.get(a.id)?.state).toBe('discarded');
    await journal.close();
  });

  it('a change to another field of the same object is not a conflict', async () => {
    const server = new FakeServer();
    server.objects.set('a', { alias: 'changed behind our back', team: 't1' });
    const journal = WriteJournal.open({ dir: tempDir(), profile: 'p' });
    journal.registerApplier('test', server);
    const change = journal.enqueue(update('a', { team: 't1' }, { team: 't2' }));
    await settle(journal, () => journal.get(change.id)?.state === 'applied');
    expect(server.objects.get('a')).toEqual({ alias: 'changed behind our back', team: 't2' });
    await journal.close();
  });

  it('retries network failures with back-off and fails refusals with the server message', async () => {
    const server = new FakeServer();
    server.objects.set('a', { n: 0 });
    server.objects.set('b', { n: 0 });
    server.failNext = [new NetworkError('connection-refused', 'ccx-a refused'), new NetworkError('timed-out', 'ccx-a timed out')];
    const journal = WriteJournal.open({ dir: tempDir(), profile: 'p', retryBaseMs: 20, maxRetryMs: 50 });
    journal.registerApplier('test', server);
    const a = journal.enqueue(update('a', { n: 0 }, { n: 1 }));
    await settle(journal, () => journal.get(a.id)?.state === 'applied');
    expect(journal.get(a.id)?.attempts).toBe(3);

    server.failNext = [new ApplyError('resource.alias must be at most 31 characters', false)];
    const b = journal.enqueue(update('b', { n: 0 }, { n: 2 }));
    // A later change to the same object waits behind the failed one.
    const b2 = journal.enqueue(update('b', { n: 2 }, { n: 3 }));
    await settle(journal, () => journal.get(b.id)?.state === 'failed');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(journal.get(b.id)?.lastError).toContain('at most 31');
    expect(journal.get(b2.id)?.state).toBe('queued');
    journal.retry(b.id);
    await settle(journal, () => journal.counts().waiting === 0);
    expect(server.objects.get('b')).toEqual({ n: 3 });
    await journal.close();
  });

  it("keeps a refusal's sentence by id beside its English, on reopening too, and none for an error without one", async () => {
    const dir = tempDir();
    const server = new FakeServer();
    server.objects.set('a', { n: 0 });
    server.objects.set('b', { n: 0 });
    const place = { system: 'UCCX', node: 'ccx-a' };
    server.failNext = [new UccxHttpError(400, httpFailureSentence(400, place, 'alias too long'), undefined, 'alias too long', httpFailureMessage(400, place, 'alias too long'))];
    const journal = WriteJournal.open({ dir, profile: 'p', retryBaseMs: 20, maxRetryMs: 50 });
    journal.registerApplier('test', server);
    const a = journal.enqueue(update('a', { n: 0 }, { n: 1 }));
    await settle(journal, () => journal.get(a.id)?.state === 'failed');
    expect(journal.get(a.id)?.lastError).toBe('UCCX node ccx-a refused the request as invalid (HTTP 400). It said: alias too long');
    expect(journal.get(a.id)?.lastErrorMessage).toEqual(httpFailureMessage(400, place, 'alias too long'));
    server.failNext = [new ApplyError('resource.alias must be at most 31 characters', false)];
    const b = journal.enqueue(update('b', { n: 0 }, { n: 2 }));
    await settle(journal, () => journal.get(b.id)?.state === 'failed');
    expect(journal.get(b.id)?.lastErrorMessage).toBeUndefined();
    await journal.close();

    const reopened = WriteJournal.open({ dir, profile: 'p', retryBaseMs: 20, maxRetryMs: 50 });
    expect(reopened.get(a.id)?.lastErrorMessage).toEqual(httpFailureMessage(400, place, 'alias too long'));
    expect(reopened.get(b.id)?.lastErrorMessage).toBeUndefined();
    await reopened.close();
  });

  it('records a change as applied without writing when the server already holds it (crash after send)', async () => {
    const dir = tempDir();
    const server = new FakeServer();
    server.objects.set('a', { alias: 'old' });
    const first = WriteJournal.open({ dir, profile: 'p' });
    const change = first.enqueue(update('a', { alias: 'old' }, { alias: 'new' }));
    await first.close();
    // Simulate "sent but not recorded": an attempt record, and the server already has the value.
    fs.appendFileSync(first.path, JSON.stringify({ t: 'attempt', at: Date.now(), id: change.id }) + '\n');
    server.objects.set('a', { alias: 'new' });
    // And a torn half line from the moment of the crash.
    fs.appendFileSync(first.path, '{"t":"applied","at":1,"id":"');

    const second = WriteJournal.open({ dir, profile: 'p' });
    expect(second.get(change.id)?.state).toBe('queued');
    second.registerApplier('test', server);
    await settle(second, () => second.get(change.id)?.state === 'applied');
    expect(second.get(change.id)?.alreadyApplied).toBe(true);
    expect(server.writes).toHaveLength(0);
    await second.close();
    // The file is whole again: every line parses.
    for (const line of fs.readFileSync(second.path, 'utf8').split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('survives reopening with every state, and compacts away finished changes', async () => {
    const dir = tempDir();
    const server = new FakeServer();
    for (const id of ['a', 'b', 'c']) server.objects.set(id, { n: 0 });
    server.failNext = [new ApplyError('refused', false)];
    const journal = WriteJournal.open({ dir, profile: 'p', compactAfterRecords: 5 });
    journal.registerApplier('test', server);
    const a = journal.enqueue(update('a', { n: 0 }, { n: 1 }));
    await settle(journal, () => journal.get(a.id)?.state === 'failed');
    const b = journal.enqueue(update('b', { n: 0 }, { n: 1 }));
    // Applied changes may be compacted away as soon as they are recorded.
    await settle(journal, () => [undefined, 'applied'].includes(journal.get(b.id)?.state));
    server.paused = 'paused';
    const c = journal.enqueue(update('c', { n: 0 }, { n: 1 }));
    await journal.close();

    const reopened = WriteJournal.open({ dir, profile: 'p' });
    expect(reopened.get(a.id)?.state).toBe('failed');
    expect(reopened.get(a.id)?.lastError).toBe('refused');
    expect(reopened.get(b.id)).toBeUndefined(); // applied: compacted away
    expect(reopened.get(c.id)?.state).toBe('queued');
    const records = readJournalFile(reopened.path).records;
    expect(records.every((r) => r.t === 'snapshot')).toBe(true);
    expect(records).toHaveLength(2);
    await reopened.close();
  });

  it('limits parallel applies per system and handles create and delete idempotently', async () => {
    const server = new FakeServer();
    server.concurrency = 2;
    for (let i = 0; i < 10; i++) server.objects.set(`o${i}`, { n: 0 });
    const journal = WriteJournal.open({ dir: tempDir(), profile: 'p' });
    journal.registerApplier('test', server);
    for (let i = 0; i < 10; i++) journal.enqueue(update(`o${i}`, { n: 0 }, { n: 1 }));
    journal.enqueue({ ref: { system: 'test', type: 'thing', id: 'new' }, operation: 'create', label: 'New', base: {}, mine: { name: 'new' }, user: 'u' });
    journal.enqueue({ ref: { system: 'test', type: 'thing', id: 'o0' }, operation: 'delete', label: 'o0', base: { n: 1 }, mine: {}, user: 'u' });
    // Deleting something already gone is not an error.
    journal.enqueue({ ref: { system: 'test', type: 'thing', id: 'never' }, operation: 'delete', label: 'never', base: {}, mine: {}, user: 'u' });
    await settle(journal, () => journal.counts().waiting === 0);
    expect(server.maxInFlight).toBeLessThanOrEqual(2);
    expect(server.objects.get('new')).toEqual({ name: 'new' });
    expect(server.objects.has('o0')).toBe(false);
    await journal.close();
  });

  it('reports outcomes to an audit log that can be searched and exported', async () => {
    const dir = tempDir();
    const server = new FakeServer();
    server.objects.set('jdoe', { alias: 'Jane' });
    const audit = new AuditLog(dir);
    const journal = WriteJournal.open({ dir, profile: 'Main site' });
    journal.on('outcome', (change, result, message) => audit.record(change, result, message));
    journal.registerApplier('test', server);
    journal.enqueue({ ...update('jdoe', { alias: 'Jane' }, { alias: '=Janie, "J"' }), label: 'Agent jdoe' });
    await settle(journal, () => journal.counts().waiting === 0);
    const found = audit.search({ text: 'jdoe' });
    // One entry per change, with its final outcome (the file keeps the "queued" step too).
    expect(found.map((e) => e.result)).toEqual(['applied']);
    expect(found[0]!.before).toEqual({ alias: 'Jane' });
    expect(audit.search({ text: 'nobody' })).toHaveLength(0);
    const csv = toCsv(found);
    expect(csv.split('\r\n')[0]).toContain('object id');
    // Quotes doubled inside quoted cells.
    expect(csv).toContain(`"alias==Janie, ""J"""`);
    // A cell that looks like a formula is neutralised.
    expect(toCsv([{ ...found[0]!, label: '=HYPERLINK("x")' }])).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('Main site');
    await journal.close();
  });

  it('keeps a change the account may not make as "not permitted": never retried, counted, audited, kept on reopening, cleared by Retry', async () => {
    const dir = tempDir();
    const server = new FakeServer();
    server.objects.set('q1', { name: 'Sales' });
    let attempts = 0;
    const refusing: ChangeApplier<FieldMap> = {
      read: (change) => server.read(change),
      fieldsOf: (object) => object,
      apply: async () => {
        attempts++;
        throw new ApplyError('UCCX does not allow this account to do that (HTTP 403). only administrators may change CSQs', false, true);
      },
    };
    const audit = new AuditLog(dir);
    const journal = WriteJournal.open({ dir, profile: 'p', retryBaseMs: 20, maxRetryMs: 40 });
    journal.on('outcome', (change, result, message) => audit.record(change, result, message));
    journal.registerApplier('test', refusing);
    const change = journal.enqueue(update('q1', { name: 'Sales' }, { name: 'Sales 2' }));
    await settle(journal, () => journal.get(change.id)!.state === 'failed');
    // Twenty retry periods later: still one attempt.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(attempts).toBe(1);
    expect(journal.get(change.id)).toMatchObject({ state: 'failed', notPermitted: true, attempts: 1, lastError: expect.stringContaining('HTTP 403') });
    expect(journal.counts()).toMatchObject({ failed: 1, notPermitted: 1, waiting: 1 });
    expect(audit.search({ result: 'not-permitted' }).map((entry) => [entry.result, entry.message])).toEqual([['not-permitted', expect.stringContaining('only administrators may change CSQs')]]);
    await journal.close();

    const reopened = WriteJournal.open({ dir, profile: 'p', retryBaseMs: 20 });
    expect(reopened.get(change.id)).toMatchObject({ state: 'failed', notPermitted: true });
    reopened.retry(change.id);
    expect(reopened.get(change.id)!.notPermitted).toBeUndefined();
    expect(reopened.counts()).toMatchObject({ failed: 0, notPermitted: 0 });
    await reopened.close();
  });
});
