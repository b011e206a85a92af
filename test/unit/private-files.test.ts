import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// electron-store imports 'electron', which has no runtime here; this stand-in does what its constructor does
// (node_modules/electron-store/index.js: `name` becomes conf's configName, every other option goes to conf as given).
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class ElectronStoreStandIn extends Conf<Record<string, unknown>> {
      constructor({ name, ...options }: { name: string; cwd: string }) {
        super({ ...options, configName: name, projectName: 'supervisor-console', projectVersion: '1' });
      }
    },
  };
});

import { writeFileAtomic } from '../../electron/services/storage/atomic-file';
import { nodeFiles, type FileLayer } from '../../electron/services/storage/file-layer';
import { preparePrivateDir } from '../../electron/services/storage/private-files';
import { createConfStore } from '../../electron/services/storage/conf-store';
import { createElectronStore } from '../../electron/platform/electron-store';
import { configureLogFile, createLogger } from '../../electron/services/log/logger';
import { createConsoleCore } from '../../electron/core/console-core';
import type { KeyValueStoreFactory } from '../../electron/services/storage/key-value-store';
import { tempDirs } from '../support/temp-dirs';

/**
 * Every file the console writes is for the signed-in user only (0600, folders
 * 0700), an existing data folder is made private at start, and an atomic
 * write cannot be redirected through a symlink planted at its temporary name.
 * Modes do not exist on Windows; there these tests are skipped.
 */
const posix = process.platform !== 'win32';
const tempDir = tempDirs('private-');
afterEach(() => vi.useRealTimers());

function mode(target: string): string {
  return (fs.statSync(target).mode & 0o777).toString(8);
}

/** Make a file or folder readable by everyone, as an older version or another tool may have left it. */
function open(target: string, permissions: number): string {
  fs.chmodSync(target, permissions);
  return target;
}

describe.runIf(posix)('private files', () => {
  it('atomic writes create private files in private folders, replacing a readable file with a private one', () => {
    const root = tempDir();
    const file = path.join(root, 'a', 'b', 'state.json');
    writeFileAtomic(file, '{}');
    expect([mode(file), mode(path.join(root, 'a')), mode(path.join(root, 'a', 'b'))]).toEqual(['600', '700', '700']);
    open(file, 0o644);
    writeFileAtomic(file, '{"v":2}');
    expect(mode(file)).toBe('600');
  });

  it('an atomic write does not follow a symlink planted at its temporary name', () => {
    const root = tempDir();
    const victim = path.join(root, 'victim');
    fs.writeFileSync(victim, 'untouched');
    const file = path.join(root, 'state.json');
    // The attacker wins the race: a symlink appears at the exact temporary name just before it is opened.
    const planting: FileLayer = {
      ...nodeFiles,
      open(target, flags) {
        if (target.endsWith('.tmp')) fs.symlinkSync(victim, target);
        return nodeFiles.open(target, flags);
      },
    };
    expect(() => writeFileAtomic(file, 'secret', planting)).toThrow(/EEXIST/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('the temporary name cannot be predicted from the process id and the clock', () => {
    const root = tempDir();
    const victim = path.join(root, 'victim');
    fs.writeFileSync(victim, 'untouched');
    const file = path.join(root, 'state.json');
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    for (let ms = -5; ms <= 5; ms++) fs.symlinkSync(victim, `${file}.${process.pid}.${Date.now() + ms}.tmp`);
    writeFileAtomic(file, 'secret');
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched');
    expect(fs.readFileSync(file, 'utf8')).toBe('secret');
  });

  it('the log folder and file are private, an existing readable log is tightened', () => {
    const dir = path.join(tempDir(), 'logs');
    configureLogFile(dir);
    createLogger('test').info('first line');
    expect([mode(dir), mode(path.join(dir, 'console.log'))]).toEqual(['700', '600']);
    open(path.join(dir, 'console.log'), 0o644);
    configureLogFile(dir);
    createLogger('test').info('second line');
    expect(mode(path.join(dir, 'console.log'))).toBe('600');
  });

  for (const [name, factory] of [
    ['conf', createConfStore],
    ['electron-store', createElectronStore],
  ] as Array<[string, KeyValueStoreFactory]>) {
    it(`${name} stores are private, an existing readable one is tightened`, () => {
      const dir = path.join(tempDir(), 'profile');
      const store = factory({ dir, name: 'settings' });
      store.set('theme', 'dark');
      expect([mode(dir), mode(store.path)]).toEqual(['700', '600']);
      open(store.path, 0o644);
      factory({ dir, name: 'settings' });
      expect(mode(store.path)).toBe('600');
    });
  }

  it('an existing data folder is made private; one that cannot be answers a warning', () => {
    const dir = open(tempDir(), 0o755);
    expect(preparePrivateDir(dir)).toBeNull();
    expect(mode(dir)).toBe('700');
    if (fs.existsSync('/proc/1')) expect(preparePrivateDir('/proc/1')).toMatch(/\/proc\/1 is readable by other users and could not be made private/);
  });

  it('the console core makes an existing data folder private and writes nothing readable by others', async () => {
    const dataDir = open(tempDir(), 0o755);
    const core = await createConsoleCore({ dataDir, host: 'web', version: 'test', demo: false, storeFactory: createConfStore });
    expect((await core.dispatch('preferences:set', { theme: 'dark' })).ok).toBe(true);
    await core.stop();
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return [`${path.relative(dataDir, full)} ${mode(full)}`, ...(entry.isDirectory() ? walk(full) : [])];
    });
    const entries = walk(dataDir);
    expect(entries.length).toBeGreaterThan(1);
    expect(mode(dataDir)).toBe('700');
    for (const entry of entries) expect(entry).toMatch(/ (600|700)$/);
  });
});
