import { describe, expect, it } from 'vitest';
import { boardTeamLink, callIdFromHash, journeyLink, MAX_DEEP_LINK_LENGTH, openTargetSchema, parseDeepLink } from '../../shared/domain/deep-link';
import { linkFromArgv } from '../../electron/shell/deep-links';
import { parseArgs } from '../../electron/cli/args';

describe('console links', () => {
  it('opens a call journey and the board of a team', () => {
    expect(parseDeepLink('supervisor-console://journey/16777302')).toEqual({ ok: true, target: { screen: 'journey', callId: '16777302' } });
    // The scheme is case-insensitive (some programs upper-case it); one trailing slash is tolerated.
    expect(parseDeepLink('Supervisor-Console://journey/42/')).toEqual({ ok: true, target: { screen: 'journey', callId: '42' } });
    expect(parseDeepLink('supervisor-console://board?team=Sales%20East')).toEqual({ ok: true, target: { screen: 'board', team: 'Sales East' } });
    expect(parseDeepLink('supervisor-console://board?team=Sales+East')).toEqual({ ok: true, target: { screen: 'board', team: 'Sales East' } });
    expect(parseDeepLink('supervisor-console://board?team=%C3%89quipe%20Nord')).toEqual({ ok: true, target: { screen: 'board', team: 'Équipe Nord' } });
    expect(parseDeepLink('supervisor-console://board')).toEqual({ ok: true, target: { screen: 'board' } });
    // The builders make links the parser opens.
    expect(parseDeepLink(journeyLink('16777302'))).toEqual({ ok: true, target: { screen: 'journey', callId: '16777302' } });
    expect(parseDeepLink(boardTeamLink('Help & Support / 2'))).toEqual({ ok: true, target: { screen: 'board', team: 'Help & Support / 2' } });
  });

  const refusals: Array<[string, unknown, RegExp]> = [
    ['not text', 42, /not text/],
    ['another scheme', 'https://evil.example/journey/1', /not a supervisor-console:\/\/ link/],
    ['javascript:', 'javascript:alert(1)', /not a supervisor-console:\/\/ link/],
    ['a scheme without slashes', 'supervisor-console:journey/1', /not a supervisor-console:\/\/ link/],
    ['a file URL', 'file:///etc/passwd', /not a supervisor-console/],
    ['an unknown place', 'supervisor-console://settings', /no “settings” to open/],
    ['a journey without a call', 'supervisor-console://journey', /journey\/ followed by the Call ID/],
    ['a journey with letters', 'supervisor-console://journey/abc', /digits only/],
    ['a journey with a script', 'supervisor-console://journey/<script>', /digits only/],
    ['a journey with extra parts', 'supervisor-console://journey/1/2', /nothing else/],
    ['a journey with a query', 'supervisor-console://journey/1?x=1', /nothing else/],
    ['a journey with an encoded id', 'supervisor-console://journey/%31', /digits only/],
    ['a call id too long', `supervisor-console://journey/${'1'.repeat(21)}`, /digits only/],
    ['a fragment', 'supervisor-console://journey/1#x', /# part/],
    ['a board path', 'supervisor-console://board/x?team=a', /no path after board/],
    ['another board setting', 'supervisor-console://board?agent=a', /one setting, team/],
    ['two settings', 'supervisor-console://board?team=a&team=b', /one setting, team/],
    ['a setting without a value sign', 'supervisor-console://board?team', /one setting, team/],
    ['an empty team', 'supervisor-console://board?team=', /team name is empty/],
    ['a blank team', 'supervisor-console://board?team=%20%20', /team name is empty/],
    ['bad percent-encoding', 'supervisor-console://board?team=%E0%A4', /not correctly percent-encoded/],
    ['an encoded control character', 'supervisor-console://board?team=a%0Ab', /control characters/],
    ['an encoded NUL', 'supervisor-console://board?team=a%00', /control characters/],
    ['a team name too long', `supervisor-console://board?team=${'a'.repeat(101)}`, /longer than 100/],
    ['a raw space', 'supervisor-console://board?team=a b', /spaces or control characters/],
    ['a raw control character', 'supervisor-console://journey/1\u0007', /spaces or control characters/],
    ['a newline', 'supervisor-console://journey/1\nsupervisor-console://journey/2', /spaces or control characters/],
    ['an overlong link', `supervisor-console://board?team=${'a'.repeat(MAX_DEEP_LINK_LENGTH)}`, /at most 512/],
    ['empty', '', /not a supervisor-console/],
  ];

  it.each(refusals)('refuses %s, saying why and which links work', (_name, raw, reason) => {
    const outcome = parseDeepLink(raw);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toMatch(reason);
    expect(outcome.message).toContain('supervisor-console://journey/<Call ID>');
    // The quoted link never carries control characters or runs long.
    expect(outcome.message).not.toMatch(/[\u0000-\u001f]/);
    expect(outcome.message.length).toBeLessThan(400);
  });

  it('checks targets sent between main and the page', () => {
    expect(openTargetSchema.safeParse({ screen: 'board', member: 'Jane Doe' }).success).toBe(true);
    expect(openTargetSchema.safeParse({ screen: 'journey' }).success).toBe(true);
    expect(openTargetSchema.safeParse({ screen: 'journey', callId: '1; drop' }).success).toBe(false);
    expect(openTargetSchema.safeParse({ screen: 'board', team: 'x'.repeat(101) }).success).toBe(false);
    expect(openTargetSchema.safeParse({ screen: 'board', team: 'a\u0000b' }).success).toBe(false);
    expect(openTargetSchema.safeParse({ screen: 'board', url: 'https://evil.example' }).success).toBe(false);
    expect(openTargetSchema.safeParse({ screen: 'shell' }).success).toBe(false);
  });

  it('reads a Call ID from the page address #/journey/<Call ID>', () => {
    expect(callIdFromHash('#/journey/16777302')).toEqual({ ok: true, callId: '16777302' });
    expect(callIdFromHash('#/journey')).toBeNull();
    expect(callIdFromHash('#/journey/')).toBeNull();
    expect(callIdFromHash('#/board')).toBeNull();
    expect(callIdFromHash('#/journey/abc')).toMatchObject({ ok: false, message: expect.stringMatching(/names no call.*digits only/) });
    expect(callIdFromHash('#/journey/%20123')).toMatchObject({ ok: false });
    expect(callIdFromHash('#/journey/%E0')).toMatchObject({ ok: false });
  });

  it('finds the link in a command line: --open, --open=, or the bare link the system passes', () => {
    expect(linkFromArgv(['/opt/console', '--demo', 'supervisor-console://journey/1'])).toBe('supervisor-console://journey/1');
    expect(linkFromArgv(['electron', 'main.mjs', '--open', 'supervisor-console://board?team=A'])).toBe('supervisor-console://board?team=A');
    expect(linkFromArgv(['electron', '--open=javascript:alert(1)'])).toBe('javascript:alert(1)');
    expect(linkFromArgv(['electron', '--open'])).toBe('');
    expect(linkFromArgv(['electron', '--demo'])).toBeNull();
    expect(parseArgs(['--open', 'supervisor-console://journey/7']).open).toBe('supervisor-console://journey/7');
    expect(parseArgs(['SUPERVISOR-CONSOLE://journey/7']).open).toBe('SUPERVISOR-CONSOLE://journey/7');
    expect(parseArgs([]).open).toBeNull();
    expect(() => parseArgs(['--open'])).toThrow(/--open needs a value/);
    expect(() => parseArgs(['https://example.com'])).toThrow(/Unknown option/);
  });
});
