import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redact, registerSecret, secretForms } from '../../electron/services/log/logger';
import { AuditLog } from '../../electron/services/audit/audit-log';

describe('secret redaction', () => {
  it('redacts a one-digit PIN where it stands alone, and leaves numbers that merely contain it', () => {
    registerSecret('7');
    expect(redact('PIN 7 refused: {"Credentials":"7"}')).toBe('PIN *** refused: {"Credentials":"***"}');
    expect(redact('retry 17 of 70 at 10:47')).toBe('retry 17 of 70 at 10:47');
  });

  it('forgets short secrets after a while, so small numbers in later lines survive', () => {
    const registeredAt = Date.now();
    registerSecret('4711', registeredAt);
    expect(redact('code 4711', registeredAt + 1000)).toBe('code ***');
    expect(redact('code 4711', registeredAt + 11 * 60_000)).toBe('code 4711');
  });

  it('redacts a long secret in every encoding it travels in', () => {
    const secret = 'p"a\\ss<w>rd &ok é+';
    registerSecret(secret);
    for (const form of secretForms(secret)) expect(redact(`before ${form} after`)).toBe('before *** after');
    expect(redact(JSON.stringify({ password: secret }))).toBe('{"password":"***"}');
    expect(redact(`<Credentials>${secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</Credentials>`)).toBe('<Credentials>***</Credentials>');
    expect(redact(`?${new URLSearchParams({ pw: secret })}`)).toBe('?pw=***');
    expect(redact(Buffer.from(secret).toString('base64url'))).toBe('***');
  });

  it('keeps a secret out of the audit log even when a server message echoes it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-redact-'));
    registerSecret('90210');
    const audit = new AuditLog(dir);
    audit.append({ at: Date.now(), profile: 'p', user: 'u', system: 'cupi', objectType: 'credential/pin', objectId: 'x', label: 'User x', changeId: 'c', before: {}, after: { PIN: 'new value refused' }, result: 'failed', message: 'PIN 90210 is too easy to guess' });
    const text = fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8');
    expect(text).not.toContain('90210');
    expect(text).toContain('PIN *** is too easy to guess');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
