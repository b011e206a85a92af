import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';

const root = path.resolve(__dirname, '..', '..');

describe('electron-builder.yml', () => {
  const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  it("is valid against electron-builder's own JSON schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check really rejects a broken configuration', () => {
    expect(validate({ ...config, linux: { target: 42 }, notAnOption: true })).toBe(false);
  });

  it('builds Linux AppImage and deb, Windows nsis and macOS dmg from the bundled output', () => {
    const targets = (platform: string) => (config[platform] as { target: unknown[] }).target;
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
    expect(fs.existsSync(path.join(root, 'build', 'icon.png'))).toBe(true);
  });

  it('turns off every Electron fuse the app does not need', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('pins a supported Electron major', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.devDependencies.electron).toMatch(/^45\.\d+\.\d+$/);
  });
});

describe('npm scripts', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

  it('run files the build really produces (npm test builds before it tests)', () => {
    const targets = [pkg.main, ...Object.values(pkg.scripts).flatMap((script) => script.match(/dist\/[\w./-]+/g) ?? [])];
    expect(targets).toEqual(expect.arrayContaining(['dist/web/host.mjs', 'dist/lab/lab-cli.mjs', 'dist/electron/main.mjs']));
    for (const target of targets) expect(fs.existsSync(path.join(root, target)), `${target} is built`).toBe(true);
    expect(fs.existsSync(path.join(root, 'dist', 'electron', 'preload.cjs'))).toBe(true);
  });
});

