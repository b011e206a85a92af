import { describe, expect, it } from 'vitest';
import { cupiBool, errorMessageFor, normaliseList, parseErrorBody, toFields } from '../../electron/services/cupi/json';
import { formatCupiTime, isRuleEnabled, parseCupiTime } from '../../shared/domain/cupi';

describe('CUPI JSON quirks', () => {
  it('reads zero results without an item key', () => {
    expect(normaliseList({ '@total': '0' }, 'User')).toEqual({ total: 0, items: [] });
  });

  it('wraps a single bare object into a list', () => {
    const list = normaliseList({ '@total': '1', User: { Alias: 'jdoe', Inactive: 'false' } }, 'User');
    expect(list.total).toBe(1);
    expect(list.items).toEqual([{ Alias: 'jdoe', Inactive: 'false' }]);
  });

  it('keeps many results and uses @total (which may exceed the page)', () => {
    const list = normaliseList({ '@total': '42', User: [{ Alias: 'a' }, { Alias: 'b' }] }, 'User');
    expect(list.total).toBe(42);
    expect(list.items.map((u) => u.Alias)).toEqual(['a', 'b']);
  });

  it('turns numbers and booleans into the strings CUPI uses and drops nested values', () => {
    expect(toFields({ TransferRings: 4, Inactive: false, Nested: { a: 1 }, Gone: null })).toEqual({ TransferRings: '4', Inactive: 'false' });
  });

  it('finds the item under a differently spelled key', () => {
    expect(normaliseList({ '@total': '1', CallHandler: { DisplayName: 'Main' } }, 'Callhandler').items).toEqual([{ DisplayName: 'Main' }]);
  });

  it('reads booleans in either spelling', () => {
    expect(cupiBool('true')).toBe(true);
    expect(cupiBool('0')).toBe(false);
    expect(cupiBool(undefined, true)).toBe(true);
  });
});

describe('CUPI error bodies', () => {
  it('reads the documented JSON shape', () => {
    expect(parseErrorBody('{"errors":{"code":"INVALID_PARAMETER","message":"DtmfAccessId 4012 is already in use"}}')).toEqual([
      { code: 'INVALID_PARAMETER', message: 'DtmfAccessId 4012 is already in use' },
    ]);
  });

  it('reads ErrorDetails wrapping and several errors', () => {
    const body = JSON.stringify({ ErrorDetails: { errors: [{ code: 'A', message: 'First.' }, { code: 'B', message: 'Second.' }] } });
    expect(errorMessageFor(400, body)).toBe('First. Second.');
  });

  it('reads the XML shape', () => {
    const body = '<?xml version="1.0"?><ErrorDetails><errors><code>CREDENTIAL_POLICY_VIOLATION</code><message>The PIN must be at least 6 digits long.</message></errors></ErrorDetails>';
    expect(errorMessageFor(400, body)).toBe('The PIN must be at least 6 digits long.');
  });

  it('explains a status when the body is not an error document', () => {
    expect(errorMessageFor(503, '<html>busy</html>')).toMatch(/busy/);
    expect(errorMessageFor(401, '')).toMatch(/user name and password/);
  });
});

describe('CUPI times', () => {
  it('formats GMT the way CUPI prints it and reads it back', () => {
    const ms = Date.UTC(2031, 0, 1, 0, 0, 0);
    expect(formatCupiTime(ms)).toBe('2031-01-01 00:00:00.0');
    expect(parseCupiTime('2031-01-01 00:00:00.0')).toBe(ms);
    expect(formatCupiTime(Date.UTC(2026, 10, 21, 17, 30, 5, 250))).toBe('2026-11-21 17:30:05.25');
  });

  it('judges enabled by the expiry date', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(isRuleEnabled('1972-01-01 00:00:00.0', now)).toBe(false);
    expect(isRuleEnabled('2031-01-01 00:00:00.0', now)).toBe(true);
    expect(isRuleEnabled(undefined, now)).toBe(true);
  });
});
