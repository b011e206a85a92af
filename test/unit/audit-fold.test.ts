import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/services/audit/audit-log';
import type { PendingChange } from '../../shared/domain/changes';
import { pendingChange } from '../support/pending-change';
import { tempDirs } from '../support/temp-dirs';

// A fresh temporary folder per call, removed after its test.
const tempDir = tempDirs('sc-audit-fold-');

/** A queued team change for agent jdoe, with the team names the change recorded. */
function change(overrides: Partial<PendingChange> = {}): PendingChange {
  return pendingChange('c1', {
    summary: 'Team',
    fieldLabels: { team: 'Team' },
    valueNames: { team: { '1': 'Default', '3': 'Sales' } },
    base: { team: '1' },
    mine: { team: '3' },
    createdAt: 1000,
    updatedAt: 1000,
    ...overrides,
  });
}

describe('audit log: one entry per change, naming people and names', () => {
  it('folds queued → failed → retried → applied into one "applied" entry with the steps as history', () => {
    const log = new AuditLog(tempDir(), undefined, { osUser: 'jdoe', operatorName: 'Jane Doe' });
    log.record(change(), 'queued', undefined, 1000);
    log.record(change(), 'failed', 'UCCX answered 500', 2000);
    log.record(change(), 'retried', undefined, 3000);
    log.record(change(), 'applied', undefined, 4000);
    const entries = log.search();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ result: 'applied', at: 4000, firstAt: 1000, osUser: 'jdoe', operatorName: 'Jane Doe', user: 'administrator', valueNames: { team: { '3': 'Sales' } } });
    expect(entries[0]!.history).toEqual([expect.stringContaining('failed: UCCX answered 500'), expect.stringContaining('tried again')]);
    // Searching by a name finds the change even though the file keeps the id.
    expect(log.search({ text: 'sales' })).toHaveLength(1);
    expect(log.search({ result: 'queued' })).toHaveLength(0);
    const csv = log.exportCsv();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv).toContain('Team=Sales');
    expect(csv).not.toContain('Team=3');
  });

  it('reads a file written before the actor fields existed, one entry per change', () => {
    const dir = tempDir();
    const old = (result: string, at: number) => JSON.stringify({ at, profile: 'Head office', user: 'cucadmin', system: 'cupi', objectType: 'listmember', objectId: 'x', label: 'Bob in list Sales', changeId: 'old-1', before: {}, after: { member: 'be663af0-0000-0000-0000-000000000000' }, result });
    fs.writeFileSync(path.join(dir, 'audit.jsonl'), `${old('queued', 10)}\n${old('applied', 20)}\n{"torn`);
    const log = new AuditLog(dir, undefined, { osUser: 'someone', operatorName: null });
    const [entry, ...rest] = log.search();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ result: 'applied', user: 'cucadmin', firstAt: 10 });
    // Old lines name nobody at the console; the reader does not invent the current user for them.
    expect(entry!.osUser ?? null).toBeNull();
    log.record(change({ id: 'c2' }), 'applied', undefined, 30);
    expect(log.search()[0]).toMatchObject({ changeId: 'c2', osUser: 'someone', operatorName: null });
  });
});
