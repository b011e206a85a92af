import { describe, expect, it } from 'vitest';
import { plaintextCredentials } from '../../electron/services/profiles/profile-service';
import { profileInputSchema } from '../../shared/ipc/areas/connections';

// The profile's realtime section: its bounds, and the rule that no credential
// travels over http:// unless the profile says so.

describe('the realtime profile section', () => {
  const base = { name: 'Site', uccx: { nodes: ['https://ccx-a.example.com'], username: 'admin' } };

  it('accepts a template, a port, whose credentials and a poll interval of 1 to 10 s; refuses the rest', () => {
    expect(profileInputSchema.safeParse({ ...base, realtime: { url: 'https://{host}:{port}/realtime/VoiceIAQStats', port: 8445, auth: 'finesse', pollSeconds: 2 } }).success).toBe(true);
    expect(profileInputSchema.safeParse({ ...base, realtime: { url: '{node}/realtime/VoiceIAQStats' } }).success).toBe(true);
    expect(profileInputSchema.safeParse({ ...base, realtime: { pollSeconds: 11 } }).success).toBe(false);
    expect(profileInputSchema.safeParse({ ...base, realtime: { auth: 'token' } }).success).toBe(false);
    expect(profileInputSchema.safeParse({ ...base, realtime: { url: 'ftp://x/realtime' } }).success).toBe(false);
    expect(profileInputSchema.safeParse({ ...base, realtime: { url: 'http://user:pw@x/realtime' } }).success).toBe(false);
    expect(profileInputSchema.safeParse({ ...base, realtime: { colour: 'red' } }).success).toBe(false);
  });

  it('names realtime.url when it would send a password over http://', () => {
    const secrets = { uccxPassword: 'pw', finessePassword: 'fpw' };
    // The default template is http:// on 9080: fine without credentials, refused with them.
    expect(plaintextCredentials({ ...base }, secrets)).toBeNull();
    expect(plaintextCredentials({ ...base, realtime: { auth: 'uccx' } }, secrets)).toBe('realtime.url');
    expect(plaintextCredentials({ ...base, realtime: { auth: 'uccx', url: 'https://{host}:9443/realtime/VoiceIAQStats' } }, secrets)).toBeNull();
    expect(plaintextCredentials({ ...base, realtime: { auth: 'uccx', url: '{node}/realtime/VoiceIAQStats' } }, secrets)).toBeNull();
    expect(plaintextCredentials({ ...base, uccx: { ...base.uccx, nodes: ['http://ccx-a'] }, realtime: { auth: 'none', url: '{node}/realtime/VoiceIAQStats' } }, {})).toBeNull();
    expect(plaintextCredentials({ ...base, realtime: { auth: 'finesse' } }, { uccxPassword: 'pw' })).toBeNull();
  });
});
