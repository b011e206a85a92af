/**
 * `npm run bench -- bundle`: what the languages cost the renderer's bundle.
 *
 * The baseline is built in the same run: the commit before the console had
 * catalogues (BUNDLE_BASELINE_REV, default below), checked out into a
 * temporary work tree that shares this checkout's node_modules. Both are
 * built with the same `node scripts/build.mjs --quiet`.
 *
 * For the product, the start-up chunk (`index-*.js`) is split by its source
 * map into what each source contributes: the English catalogue (compiled into
 * the chunk), Lingui's runtime, the language glue (`renderer/src/i18n/`) and
 * everything else. The other languages are chunks of their own, fetched only
 * when chosen. Figures are raw bytes and gzip -9.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

/** The last commit before `renderer/src/i18n/` existed. */
const BASELINE_REV = process.env.BUNDLE_BASELINE_REV ?? 'aebfd74^';
const root = process.cwd();

interface Chunk {
  file: string;
  bytes: number;
  gzip: number;
}

const gzipSize = (text: string | Buffer) => zlib.gzipSync(text, { level: 9 }).length;

function chunksOf(distDir: string): Chunk[] {
  const assets = path.join(distDir, 'renderer', 'assets');
  return fs
    .readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const content = fs.readFileSync(path.join(assets, file));
      return { file, bytes: content.length, gzip: gzipSize(content) };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one line's source-map segments: [generated column, source index][]. */
function* segments(mappings: string): Generator<{ line: number; column: number; source: number }> {
  let source = 0;
  let line = 0;
  for (const lineText of mappings.split(';')) {
    let column = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length >= 4) source += values[1]!;
      yield { line, column, source };
    }
    line++;
  }
}

type Part = 'English catalogue' | "Lingui's runtime" | 'language glue (renderer/src/i18n)' | 'everything else';

function partOf(source: string): Part {
  if (source.includes('catalogue:en') || source.includes('catalogues/en.json')) return 'English catalogue';
  if (source.includes('node_modules/@lingui/')) return "Lingui's runtime";
  if (source.includes('renderer/src/i18n/')) return 'language glue (renderer/src/i18n)';
  return 'everything else';
}

/**
 * Where the compiled English catalogue sits in the chunk: the build plugin
 * emits it as `JSON.parse("…")`, a module with no source map of its own, so
 * it is found by one of its ids.
 */
function catalogueRange(code: string): { line: number; start: number; end: number } {
  const lines = code.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line]!;
    const id = text.indexOf('frame.skipToContent');
    if (id < 0) continue;
    const start = text.lastIndexOf('JSON.parse(', id);
    const quote = text[start + 'JSON.parse('.length]!;
    let end = start + 'JSON.parse('.length + 1;
    while (end < text.length && text[end] !== quote) end += text[end] === '\\' ? 2 : 1;
    return { line, start, end: end + 2 };
  }
  throw new Error('The English catalogue was not found in the start-up chunk');
}

/** Bytes of the chunk attributed to each part, by the source map's segments (each segment runs to the next). */
function attribute(chunkPath: string): Map<Part, { bytes: number; text: string[] }> {
  const code = fs.readFileSync(chunkPath, 'utf8');
  const map = JSON.parse(fs.readFileSync(`${chunkPath}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const catalogue = catalogueRange(code);
  const parts = new Map<Part, { bytes: number; text: string[] }>();
  const add = (part: Part, text: string) => {
    const entry = parts.get(part) ?? { bytes: 0, text: [] };
    entry.bytes += Buffer.byteLength(text);
    entry.text.push(text);
    parts.set(part, entry);
  };
  const all = [...segments(map.mappings)];
  let covered = 0;
  for (let i = 0; i < all.length; i++) {
    const here = all[i]!;
    const next = all[i + 1];
    const lineText = lines[here.line] ?? '';
    const end = next && next.line === here.line ? next.column : lineText.length + 1;
    covered += Buffer.byteLength(lineText.slice(here.column, end));
    const part = partOf(map.sources[here.source] ?? '');
    if (here.line !== catalogue.line || end <= catalogue.start || here.column >= catalogue.end) {
      add(part, lineText.slice(here.column, end));
      continue;
    }
    // The segment that runs over the catalogue: its own code before and after, the catalogue between.
    add(part, lineText.slice(here.column, Math.max(here.column, catalogue.start)));
    add('English catalogue', lineText.slice(Math.max(here.column, catalogue.start), Math.min(end, catalogue.end)));
    add(part, lineText.slice(Math.min(end, catalogue.end), end));
  }
  // Bytes before a line's first segment (rare): counted as everything else.
  add('everything else', ' '.repeat(Math.max(0, Buffer.byteLength(code) - covered)));
  return parts;
}

function build(dir: string): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: dir, stdio: 'inherit' });
}

const kb = (bytes: number) => `${bytes.toLocaleString('en-US')} B`;

// The product: this checkout, built by `npm run bench` just before.
const product = chunksOf(path.join(root, 'dist'));

// The baseline, in a work tree of its own.
const baselineDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-baseline-'));
let baseline: Chunk[];
try {
  execFileSync('git', ['worktree', 'add', '--detach', '-q', baselineDir, BASELINE_REV], { cwd: root, stdio: 'inherit' });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(baselineDir, 'node_modules'));
  build(baselineDir);
  baseline = chunksOf(path.join(baselineDir, 'dist'));
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', baselineDir], { cwd: root, stdio: 'inherit' });
}

const revision = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
const baselineRevision = execFileSync('git', ['rev-parse', '--short', BASELINE_REV], { cwd: root }).toString().trim();
console.log(`baseline ${baselineRevision} (before the catalogues), product ${revision}`);
console.log('\nchunk                                   baseline                      product');
const start = (chunks: Chunk[]) => chunks.find((c) => /^index-.*\.js$/.test(c.file))!;
const [before, after] = [start(baseline), start(product)];
console.log(`start-up chunk (index-*.js)     ${kb(before.bytes).padStart(12)} (gzip ${kb(before.gzip)})   ${kb(after.bytes).padStart(12)} (gzip ${kb(after.gzip)})`);
for (const chunk of product.filter((c) => c !== after)) {
  console.log(`${chunk.file.padEnd(32)}${'—'.padStart(12)}                     ${kb(chunk.bytes).padStart(12)} (gzip ${kb(chunk.gzip)})`);
}

console.log('\nthe product\'s start-up chunk by source (source map)');
const parts = attribute(path.join(root, 'dist', 'renderer', 'assets', after.file));
for (const [part, { bytes, text }] of [...parts].sort((a, b) => b[1].bytes - a[1].bytes)) {
  console.log(`  ${part.padEnd(38)} ${kb(bytes).padStart(12)} (gzip alone ${kb(gzipSize(text.join('')))})`);
}
const language = ['English catalogue', "Lingui's runtime", 'language glue (renderer/src/i18n)'] as Part[];
const languageBytes = language.reduce((sum, part) => sum + (parts.get(part)?.bytes ?? 0), 0);
console.log(`  languages in all (catalogue + runtime + glue): ${kb(languageBytes)}`);
console.log(`  growth of everything else since the baseline (the screens added since, and ids in place of English): ${kb((parts.get('everything else')?.bytes ?? 0) - before.bytes)}`);

// What the ids cost the code against the English they replaced: had the
// English stayed in the components, the code would hold the English texts
// instead of the ids' string literals (found here where an id is written
// whole; ids built at run time, such as node.<kind>.word, are not counted).
const english = JSON.parse(fs.readFileSync(path.join(root, 'renderer', 'src', 'i18n', 'catalogues', 'en.json'), 'utf8')) as Record<string, string>;
const chunkCode = fs.readFileSync(path.join(root, 'dist', 'renderer', 'assets', after.file), 'utf8');
const range = catalogueRange(chunkCode);
const codeLines = chunkCode.split('\n');
codeLines[range.line] = codeLines[range.line]!.slice(0, range.start) + codeLines[range.line]!.slice(range.end);
const codeWithoutCatalogue = codeLines.join('\n');
let idBytes = 0;
let idsFound = 0;
// Only the English of ids the code writes whole: main's words (main.*, errors.*, node.*) were never in the renderer's code.
let englishBytes = 0;
for (const [id, text] of Object.entries(english)) {
  const uses = codeWithoutCatalogue.split(`"${id}"`).length - 1 + codeWithoutCatalogue.split(`'${id}'`).length - 1 + codeWithoutCatalogue.split(`\`${id}\``).length - 1;
  if (uses === 0) continue;
  idsFound++;
  idBytes += uses * (Buffer.byteLength(id) + 2);
  englishBytes += uses * Buffer.byteLength(text);
}
console.log(`\nids in the code: ${kb(idBytes)} (${idsFound} of ${Object.keys(english).length} ids written whole); the English texts they stand for, as often as used: ${kb(englishBytes)}`);
console.log(`languages' net cost to the start-up chunk (catalogue + runtime + glue + ids − English no longer in the code): about ${kb(languageBytes + idBytes - englishBytes)}, against an English catalogue of ${kb(parts.get('English catalogue')?.bytes ?? 0)}`);

