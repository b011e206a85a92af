import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The layering of docs/ARCHITECTURE.md, enforced: services are plain Node and
 * know nothing of the hosts that compose them; shared code runs everywhere;
 * the renderer reaches main only through the contract; the lab is a
 * stand-in for real servers that only the composition root may start.
 *
 * Each rule is also run against a made-up file with a back-edge of its kind,
 * so a rule that silently stopped matching would fail here too.
 */
const root = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|css)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Every module specifier in a source text: static and type imports, re-exports, import() and require(). */
function specifiersIn(text: string): string[] {
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|@import\s+['"]([^'"]+)['"]/g;
  return [...text.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]!);
}

/** What an import reaches: one of our folders (repo-relative path) or a package / Node built-in. */
type Target = { kind: 'ours'; path: string } | { kind: 'package'; name: string };

function resolveTarget(file: string, specifier: string): Target {
  if (specifier.startsWith('.')) return { kind: 'ours', path: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) };
  return { kind: 'package', name: specifier };
}

interface Rule {
  name: string;
  /** Files the rule applies to (repo-relative, forward slashes). */
  appliesTo: (file: string) => boolean;
  /** Why an import is not allowed, or null when it is. */
  refuse: (target: Target, file: string) => string | null;
}

const under = (folder: string) => (p: string) => p === folder || p.startsWith(`${folder}/`);
const isElectronPackage = (t: Target) => t.kind === 'package' && (t.name === 'electron' || t.name.startsWith('electron/'));
const COMPOSITION_ROOT = ['electron/core/console-core.ts', 'electron/core/core-options.ts'];

const RULES: Rule[] = [
  {
    name: 'services import only shared/, other services, node:* and packages',
    appliesTo: under('electron/services'),
    refuse: (t) => {
      if (isElectronPackage(t)) return "the 'electron' package";
      if (t.kind === 'package') return null;
      if (under('shared')(t.path) || under('electron/services')(t.path)) return null;
      return `${t.path} (outside shared/ and electron/services/)`;
    },
  },
  {
    name: "the core, the hosts' shared parts and the CLI never import 'electron'",
    appliesTo: (f) => ['electron/core', 'electron/web', 'electron/cli'].some((d) => under(d)(f)),
    refuse: (t) => (isElectronPackage(t) ? "the 'electron' package" : null),
  },
  {
    name: 'only the composition root imports the lab',
    appliesTo: (f) => under('electron')(f) || under('renderer')(f) || under('shared')(f),
    refuse: (t, file) => (t.kind === 'ours' && under('lab')(t.path) && !COMPOSITION_ROOT.includes(file) ? `${t.path} (the lab)` : null),
  },
  {
    name: 'the lab is a stand-in for real servers: it imports none of the console',
    appliesTo: under('lab'),
    refuse: (t) => {
      if (isElectronPackage(t)) return "the 'electron' package";
      if (t.kind === 'ours' && !under('lab')(t.path)) return `${t.path} (outside lab/)`;
      return null;
    },
  },
  {
    name: 'shared/ imports nothing of ours outside shared/, no Node built-ins, no Electron, no React',
    appliesTo: under('shared'),
    refuse: (t) => {
      if (t.kind === 'ours') return under('shared')(t.path) ? null : `${t.path} (outside shared/)`;
      if (isElectronPackage(t) || t.name.startsWith('node:') || t.name === 'react' || t.name === 'react-dom') return t.name;
      return null;
    },
  },
  {
    name: 'the renderer imports only shared/ and itself; no Node, Electron or ws',
    appliesTo: under('renderer'),
    refuse: (t) => {
      if (t.kind === 'ours') return under('renderer')(t.path) || under('shared')(t.path) ? null : `${t.path} (outside renderer/ and shared/)`;
      if (isElectronPackage(t) || t.name.startsWith('node:') || t.name === 'ws') return t.name;
      return null;
    },
  },
];

function violationsOf(file: string, specifiers: string[]): string[] {
  return RULES.filter((rule) => rule.appliesTo(file)).flatMap((rule) =>
    specifiers.flatMap((s) => {
      const reason = rule.refuse(resolveTarget(file, s), file);
      return reason ? [`${file} imports ${s}: ${reason} [${rule.name}]`] : [];
    }),
  );
}

const CHECKED_FOLDERS = ['electron', 'lab', 'shared', 'renderer'];

describe('import rules', () => {
  it('finds imports at all (the scanner works)', () => {
    expect(specifiersIn(fs.readFileSync(path.join(root, 'electron/shell/main.ts'), 'utf8'))).toContain('electron');
    expect(specifiersIn("import type { A } from '../a';\nexport { b } from './b';\nconst c = await import('../c');\nimport './d.css';")).toEqual(['../a', './b', '../c', './d.css']);
  });

  it('holds for every source file', () => {
    const found = CHECKED_FOLDERS.flatMap(sourceFiles).flatMap((file) => violationsOf(file, specifiersIn(fs.readFileSync(path.join(root, file), 'utf8'))));
    expect(found).toEqual([]);
  });

  // One made-up back-edge per rule: each must be refused.
  const BACK_EDGES: Array<[file: string, specifier: string]> = [
    ['electron/services/journal/hub.ts', '../../core/console-core'],
    ['electron/services/vault/create-vault.ts', '../../cli/args'],
    ['electron/services/uccx/service.ts', '../../shell/ipc'],
    ['electron/services/uccx/service.ts', '../../web/web-host'],
    ['electron/services/vault/os-vault.ts', '../../platform/safe-storage-cipher'],
    ['electron/services/reports/board-service.ts', '../../../lab'],
    ['electron/services/log/logger.ts', 'electron'],
    ['electron/core/dispatcher.ts', 'electron'],
    ['electron/web/web-host.ts', 'electron/main'],
    ['electron/core/handlers/board.ts', '../../../lab'],
    ['electron/web/host.ts', '../../lab/index'],
    ['lab/index.ts', '../electron/services/log/logger'],
    ['lab/uccx/http.ts', '../../shared/domain/uccx'],
    ['shared/domain/board.ts', '../../electron/services/reports/board-state'],
    ['shared/ipc/contract.ts', 'node:fs'],
    ['renderer/src/App.tsx', '../../electron/core/version'],
    ['renderer/src/features/board/board-store.ts', '../../../../electron/services/reports/protocol'],
    ['renderer/src/api/client.ts', 'ws'],
  ];

  it.each(BACK_EDGES)('refuses a back-edge from %s to %s', (file, specifier) => {
    expect(violationsOf(file, [specifier])).not.toEqual([]);
  });

  it('allows the edges the layering wants', () => {
    expect(violationsOf('electron/services/journal/hub.ts', ['../audit/audit-log', '../../../shared/ipc/result', 'node:path', 'zod'])).toEqual([]);
    expect(violationsOf('electron/core/console-core.ts', ['../../lab', '../services/site/site-manager'])).toEqual([]);
    expect(violationsOf('renderer/src/App.tsx', ['../../shared/ipc/contract', './api/client', 'react'])).toEqual([]);
  });

  it('only renderer/src/api touches window.api', () => {
    const offenders = sourceFiles('renderer/src').filter((file) => !file.startsWith('renderer/src/api/') && /window\.api\b/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
