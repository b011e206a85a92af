import { describe, expect, it } from 'vitest';
import { PowerCutError, PowerCutFiles, prng } from '../support/power-cut-files';
import { ensureDir } from '../../electron/services/storage/file-layer';
import { writeFileAtomic } from '../../electron/services/storage/atomic-file';

/** The simulated disk of the power-cut test forgets exactly what a real one may forget, and no more. */
function disk(): PowerCutFiles {
  const files = new PowerCutFiles();
  ensureDir('/d', files);
  return files;
}

function text(files: PowerCutFiles, file: string): string | undefined {
  return files.peek(file)?.toString('utf8');
}

describe('PowerCutFiles', () => {
  it('keeps fsync\'d data and loses, keeps or tears what was appended after', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const files = disk();
      const fd = files.open('/d/log', 'a');
      files.fsyncDir('/d');
      files.write(fd, Buffer.from('synced|'));
      files.fsync(fd);
      files.write(fd, Buffer.from('not '));
      files.write(fd, Buffer.from('synced'));
      const after = text(files.survivor(prng(seed)), '/d/log')!;
      expect(after.startsWith('synced|')).toBe(true);
      expect('synced|not synced'.startsWith(after)).toBe(true);
      seen.add(after.length === 7 ? 'lost' : after.length === 17 ? 'kept' : 'torn');
    }
    expect([...seen].sort()).toEqual(['kept', 'lost', 'torn']);
  });

  it('forgets a new name until its folder is fsync\'d, even when the data was', () => {
    const files = disk();
    const fd = files.open('/d/new', 'a');
    files.write(fd, Buffer.from('data'));
    files.fsync(fd);
    expect(files.survivor(prng(1)).exists('/d/new')).toBe(false);
    files.fsyncDir('/d');
    expect(text(files.survivor(prng(1)), '/d/new')).toBe('data');
    // A folder made but not fsync'd into its parent vanishes with everything in it.
    files.mkdir('/d/sub');
    const inner = files.open('/d/sub/f', 'a');
    files.fsync(inner);
    files.fsyncDir('/d/sub');
    expect(files.survivor(prng(1)).exists('/d/sub')).toBe(false);
  });

  it('undoes a rename whose folder was not fsync\'d: the old content comes back', () => {
    const files = disk();
    writeFileAtomic('/d/file', 'old', files);
    const fd = files.open('/d/file.tmp', 'wx');
    files.write(fd, Buffer.from('new'));
    files.fsync(fd);
    files.rename('/d/file.tmp', '/d/file');
    expect(text(files, '/d/file')).toBe('new');
    expect(text(files.survivor(prng(1)), '/d/file')).toBe('old');
    files.fsyncDir('/d');
    expect(text(files.survivor(prng(1)), '/d/file')).toBe('new');
  });

  it('refuses an exclusive create of an existing name', () => {
    const files = disk();
    files.open('/d/x', 'a');
    expect(() => files.open('/d/x', 'wx')).toThrow(/EEXIST/);
  });

  it('cuts at the chosen operation: it does not happen, nothing after it does', () => {
    const files = disk();
    const before = files.operations;
    const fd = files.open('/d/f', 'a');
    files.cutAt = before + 3;
    let cuts = 0;
    files.onCut = () => cuts++;
    files.write(fd, Buffer.from('one'));
    expect(() => files.fsync(fd)).toThrow(PowerCutError);
    expect(() => files.exists('/d')).toThrow(PowerCutError);
    expect(() => files.close(fd)).not.toThrow();
    expect(files.cut).toMatchObject({ index: before + 3, op: 'fsync', path: '/d/f' });
    expect(cuts).toBe(1);
  });
});
