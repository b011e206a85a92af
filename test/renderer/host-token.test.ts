import { beforeEach, describe, expect, it } from 'vitest';
import { takeHostToken } from '../../renderer/src/api/host-token';

describe('the browser host token in the page', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('moves ?token= from the address bar into sessionStorage, keeping the rest of the address', () => {
    window.history.replaceState(null, '', '/?token=abc-123&view=tv#/board');
    expect(takeHostToken()).toBe('abc-123');
    expect(window.location.search).toBe('?view=tv');
    expect(window.location.hash).toBe('#/board');
    expect(window.location.href).not.toContain('abc-123');
    expect(sessionStorage.getItem('console.token')).toBe('abc-123');
    // A reload (no token in the address any more) finds it again.
    expect(takeHostToken()).toBe('abc-123');
  });

  it('answers an empty token when the page was opened without one', () => {
    window.history.replaceState(null, '', '/#/board');
    expect(takeHostToken()).toBe('');
    expect(window.location.hash).toBe('#/board');
  });
});
