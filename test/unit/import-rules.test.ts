import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder rules that keep the architecture honest: main-process services
 * run under plain Node (no 'electron'), shared code runs everywhere, and the
 * renderer reaches main only through the contract.
 */
const root = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function violations(dir: string, forbidden: (specifier: string, file: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) => importsOf(file).filter((s) => forbidden(s, file)).map((s) => `${file} imports ${s}`));
}

describe('import rules', () => {
  it('finds imports at all (the scanner works)', () => {
    expect(importsOf('electron/shell/main.ts')).toContain('electron');
  });

  it("main-process services, the core, the lab and the hosts' shared parts never import 'electron'", () => {
    for (const dir of ['electron/services', 'electron/core', 'electron/lab', 'electron/web', 'electron/cli']) {
      expect(violations(dir, (s) => s === 'electron' || s.startsWith('electron/'))).toEqual([]);
    }
  });

  it('shared code imports no electron, no node built-ins and no React', () => {
    expect(violations('shared', (s) => s === 'electron' || s.startsWith('node:') || s === 'react' || s === 'react-dom')).toEqual([]);
  });

  it('the renderer imports nothing from the main process, Node or Electron', () => {
    expect(violations('renderer/src', (s) => s === 'electron' || s.startsWith('node:') || /(^|\/)electron\//.test(s) || s === 'ws')).toEqual([]);
  });

  it('only renderer/src/api touches window.api', () => {
    const offenders = sourceFiles('renderer/src').filter((file) => !file.startsWith(path.join('renderer', 'src', 'api')) && /window\.api\b/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
