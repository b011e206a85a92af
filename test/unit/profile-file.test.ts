import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfileText, readProfileFile, ProfileFileError } from '../../electron/services/profiles/profile-file';
import { isStartupInputError } from '../../electron/cli/args';

const FULL = {
  name: 'Head office',
  uccx: { nodes: ['https://ccx-a.example.com', 'https://ccx-b.example.com:8443'], username: 'admin', password: '${UCCX_PASSWORD}' },
  cupi: { publisher: 'https://cuc-pub.example.com', subscriber: 'https://cuc-sub.example.com', username: 'cucadmin', password: '${CUPI_PASSWORD}' },
  reports: { url: 'wss://reports.example.com:9443/', agentId: 'jsmith', headers: { 'X-Api-Key': 'key-${API_KEY}' } },
  tls: { fingerprints: ['sha256 ' + 'AB:'.repeat(31) + 'AB'] },
};

function errorOf(fn: () => unknown): ProfileFileError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileFileError);
    return error as ProfileFileError;
  }
  throw new Error('expected a ProfileFileError');
}

describe('profile file', () => {
  it('reads every section and replaces ${NAME} with environment variables', () => {
    const input = parseProfileText(JSON.stringify(FULL), { UCCX_PASSWORD: 'uccx-Secret!1', CUPI_PASSWORD: 'cupi$ecret', API_KEY: '42' });
    expect(input.uccx).toEqual({ nodes: FULL.uccx.nodes, username: 'admin', password: 'uccx-Secret!1' });
    expect(input.cupi?.password).toBe('cupi$ecret');
    expect(input.cupi?.subscriber).toBe('https://cuc-sub.example.com');
    expect(input.reports).toEqual({ url: 'wss://reports.example.com:9443/', agentId: 'jsmith', headers: { 'X-Api-Key': 'key-42' } });
    expect(input.tls?.fingerprints).toHaveLength(1);
  });

  it('reads the optional finesse section, its password from the environment like every secret', () => {
    const text = JSON.stringify({
      name: 'With Finesse',
      reports: { url: 'wss://reports.example.com/', agentId: 'sup01' },
      finesse: { nodes: ['https://ccx-a.example.com:8445', 'https://ccx-b.example.com:8445'], username: 'sup01', password: '${FINESSE_PASSWORD}' },
    });
    expect(parseProfileText(text, { FINESSE_PASSWORD: 'fin-Secret!9' }).finesse).toEqual({
      nodes: ['https://ccx-a.example.com:8445', 'https://ccx-b.example.com:8445'],
      username: 'sup01',
      password: 'fin-Secret!9',
    });
    expect(errorOf(() => parseProfileText(text, {})).message).toMatch(/finesse\.password.*FINESSE_PASSWORD/);
    const tooMany = { name: 'x', finesse: { nodes: ['https://a:8445', 'https://b:8445', 'https://c:8445'], username: 'sup01' } };
    expect(errorOf(() => parseProfileText(JSON.stringify(tooMany), {})).message).toMatch(/finesse\.nodes.*at most two/);
    expect(errorOf(() => parseProfileText(JSON.stringify({ name: 'x', finesse: { nodes: ['ccx-a:8445'], username: 'sup01' } }), {})).message).toContain('finesse.nodes[0]');
    expect(errorOf(() => parseProfileText(JSON.stringify({ name: 'x', finesse: { nodes: ['https://a'], username: 'sup01', pasword: 'p' } }), {})).message).toContain('"pasword"');
  });

  it('reads the desktop presets of a roll-out, and refuses anything but true or false there', () => {
    const base = { name: 'Desk', reports: FULL.reports };
    expect(parseProfileText(JSON.stringify({ ...base, desktop: { startAtLogin: true, closeToTray: false } }), { API_KEY: '1' }).desktop).toEqual({ startAtLogin: true, closeToTray: false });
    expect(errorOf(() => parseProfileText(JSON.stringify({ ...base, desktop: { startAtLogin: 'yes' } }), { API_KEY: '1' })).message).toMatch(/desktop\.startAtLogin/);
    expect(errorOf(() => parseProfileText(JSON.stringify({ ...base, desktop: { autoUpdate: true } }), { API_KEY: '1' })).message).toMatch(/autoUpdate/);
  });

  it('accepts a board-only profile with just reports', () => {
    const input = parseProfileText(JSON.stringify({ name: 'Board', reports: { url: 'ws://10.0.0.5:9080/', agentId: 'sup1' } }), {});
    expect(input).toEqual({ name: 'Board', reports: { url: 'ws://10.0.0.5:9080/', agentId: 'sup1' } });
  });

  it('names the missing environment variable and the field, never a value', () => {
    const error = errorOf(() => parseProfileText(JSON.stringify(FULL), { CUPI_PASSWORD: 'x', API_KEY: 'y' }));
    expect(error.message).toContain('uccx.password');
    expect(error.message).toContain('UCCX_PASSWORD');
    expect(error.exitCode).toBe(2);
    expect(isStartupInputError(error)).toBe(true);
  });

  it('names the field of a wrong value', () => {
    const bad = { ...FULL, uccx: { ...FULL.uccx, nodes: ['ftp://ccx-a', 'https://b'], password: 'p' } };
    const error = errorOf(() => parseProfileText(JSON.stringify(bad), { CUPI_PASSWORD: 'x', API_KEY: 'y' }));
    expect(error.message).toMatch(/uccx\.nodes\[0\]/);
    expect(error.message).toContain('http');
  });

  it('names a required field that is missing, unknown fields and too many nodes', () => {
    expect(errorOf(() => parseProfileText('{"reports": {"url": "ws://x"}}', {})).message).toMatch(/"name".*required|name/);
    expect(errorOf(() => parseProfileText('{"name":"a","reports":{"url":"ws://x"}}', {})).message).toContain('reports.agentId');
    expect(errorOf(() => parseProfileText('{"name":"a","uccx":{"nodes":[],"username":"u"}}', {})).message).toContain('uccx.nodes');
    expect(errorOf(() => parseProfileText('{"name":"a","uccx":{"nodes":["http://a","http://b","http://c"],"username":"u"}}', {})).message).toMatch(/at most two/);
    expect(errorOf(() => parseProfileText('{"name":"a","colour":"red"}', {})).message).toContain('"colour"');
    expect(errorOf(() => parseProfileText('{"name":"a","tls":{"fingerprints":["abc"]}}', {})).message).toContain('tls.fingerprints[0]');
  });

  it('does not quote the file text when the JSON is broken (a password may be in it)', () => {
    const error = errorOf(() => parseProfileText('{"name": "x", "uccx": {"password": "hunter2-secret" ', {}));
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.message).not.toContain('hunter2');
  });

  it('does not quote a wrongly typed password', () => {
    const error = errorOf(() => parseProfileText('{"name":"a","uccx":{"nodes":["http://a"],"username":"u","password":123456789}}', {}));
    expect(error.message).toContain('uccx.password');
    expect(error.message).toContain('expected string');
    expect(error.message).not.toContain('123456789');
  });

  it('expands ${NAME} only in secret fields, so no variable can reach a name or a server address', () => {
    const env = { UCCX_PASSWORD: 'uccx-Secret!1', HOST: 'evil.example.com' };
    expect(errorOf(() => parseProfileText(JSON.stringify({ name: '${UCCX_PASSWORD}', reports: { url: 'ws://x', agentId: 'a' } }), env)).message).toMatch(/"name".*only in password and header fields/);
    const leak = { name: 'a', uccx: { nodes: ['https://${HOST}/?p=${UCCX_PASSWORD}'], username: 'u', password: '${UCCX_PASSWORD}' } };
    const error = errorOf(() => parseProfileText(JSON.stringify(leak), env));
    expect(error.message).toContain('uccx.nodes[0]');
    expect(error.message).not.toContain('uccx-Secret!1');
  });

  it('never reads the environment for text from the page (the Import button)', () => {
    const error = errorOf(() => parseProfileText(JSON.stringify(FULL), null, 'The imported profile'));
    expect(error.message).toMatch(/uccx\.password.*--profile at start/);
    // Without placeholders the same import works.
    const plain = { ...FULL, uccx: { ...FULL.uccx, password: 'typed' }, cupi: { ...FULL.cupi, password: 'typed' }, reports: { ...FULL.reports, headers: { 'X-Api-Key': 'k' } } };
    expect(parseProfileText(JSON.stringify(plain), null).uccx?.password).toBe('typed');
  });

  it('refuses user names and passwords inside server addresses', () => {
    for (const url of ['https://admin:secret@ccx-a.example.com', 'https://admin@ccx-a.example.com:8443/']) {
      const error = errorOf(() => parseProfileText(JSON.stringify({ name: 'a', uccx: { nodes: [url], username: 'u' } }), {}));
      expect(error.message).toMatch(/uccx\.nodes\[0\].*user name or password/);
      expect(error.message).not.toContain('secret');
    }
    expect(errorOf(() => parseProfileText(JSON.stringify({ name: 'a', reports: { url: 'wss://k:v@r.example.com/', agentId: 'a' } }), {})).message).toContain('reports.url');
  });

  it('reports an unreadable file by name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-file-'));
    const missing = path.join(dir, 'missing.json');
    expect(errorOf(() => readProfileFile(missing)).message).toContain(missing);
    const file = path.join(dir, 'p.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'Board', reports: { url: 'ws://x', agentId: 'a' } }));
    expect(readProfileFile(file).name).toBe('Board');
    fs.rmSync(dir, { recursive: true });
  });
});
