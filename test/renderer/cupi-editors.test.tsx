import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { CupiEditors } from '../../renderer/src/features/config/cupi/CupiEditors';
import { ConsoleError } from '../../shared/ipc/result';
import { createFakeApi } from '../support/fake-api';
import type { CupiFields, CupiState } from '../../shared/domain/cupi';
import { busyNotice } from '../../electron/services/cupi/client';
import { applyLanguage } from '../../renderer/src/i18n/i18n';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const USER: CupiFields = {
  ObjectId: '0b6f7c2e-1d2a-4c55-9a77-2f1e8c0d4a11',
  Alias: 'jdoe',
  DisplayName: 'Jane Doe',
  FirstName: 'Jane',
  LastName: 'Doe',
  DtmfAccessId: '4011',
  TimeZone: '35',
  UseDefaultTimeZone: 'false',
};

/** A fake main process: answers the channels the editors use and records every request. */
function fakeApi(state: CupiState) {
  const api = createFakeApi({
    'cupi:state': () => state,
    'cupi:search': () => ({ total: 1, page: 1, pageSize: 100, items: [USER], source: 'publisher', fetchedAt: Date.now() }),
    'cupi:get': () => ({
      type: 'user',
      fields: USER,
      source: 'publisher',
      fetchedAt: Date.now(),
      pin: { kind: 'pin', locked: false, hacked: true, hackCount: 5, mustChange: false, cantChange: false, doesntExpire: false, timeChanged: null, timeLockout: '2024-01-15 09:00:00.0' },
      password: null,
    }),
    'cupi:update': () => ({ state: 'applied', message: 'User jdoe: saved.' }),
    'cupi:credential-reset': () => {
      throw new ConsoleError('rejected', 'The PIN must be at least 6 digits long.');
    },
  });
  return { api, requests: api.requests };
}

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

async function settle(ms = 50): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

function setInput(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const OK_STATE: CupiState = { configured: true, readOnly: false, readsFrom: 'publisher', busy: null, detail: 'Unity Connection publisher connected.', nodes: [] };

describe('Unity Connection editors', () => {
  it('shows the read-only sentence while the publisher is down', async () => {
    const { api } = fakeApi({ configured: true, readOnly: true, readsFrom: 'subscriber', busy: null, detail: 'Unity Connection read-only: the publisher is unreachable since 10:42; reading from the subscriber, changes are queued.', nodes: [] });
    setApi(api);
    act(() => root.render(<CupiEditors />));
    await settle();
    expect(container.querySelector('[data-testid="cupi-readonly"]')?.textContent).toMatch(/read-only: the publisher is unreachable/);
  });

  it("says Unity Connection's busy notice in German while a request waits to try again", async () => {
    const notice = busyNotice(2000, 2, 7);
    setApi(fakeApi({ ...OK_STATE, busy: notice.message, busyMessage: notice.said, detail: notice.message, detailMessage: notice.said }).api);
    await applyLanguage('de');
    try {
      act(() => root.render(<CupiEditors />));
      await settle();
      const banner = container.querySelector('.banner-info')!;
      expect(banner.textContent).toBe('↻ Unity Connection ist ausgelastet (Server ausgelastet); neuer Versuch in 2 s (Versuch 2 von 7).');
      expect(banner.hasAttribute('data-main-text')).toBe(false);
    } finally {
      await applyLanguage('en');
    }
  });

  it('asks the server for the first page of users when it opens', async () => {
    const { api, requests } = fakeApi(OK_STATE);
    setApi(api);
    act(() => root.render(<CupiEditors />));
    await settle();
    const search = requests.find((r) => r.channel === 'cupi:search');
    expect(search?.request).toMatchObject({ type: 'user', page: 1, pageSize: 100 });
    expect(container.querySelector('[data-testid="cupi-count-user"]')?.textContent).toMatch(/^1 match/);
  });

  it('edits a user: review shows before and after, save sends base and changes', async () => {
    const { api, requests } = fakeApi(OK_STATE);
    setApi(api);
    const { FieldForm } = await import('../../renderer/src/features/config/cupi/FieldForm');
    const { USER_FIELDS } = await import('../../shared/domain/cupi-fields');
    const saved: CupiFields[] = [];
    act(() =>
      root.render(
        <FieldForm
          idPrefix="user"
          name="User jdoe (Jane Doe)"
          fields={USER_FIELDS}
          base={USER}
          readOnly={false}
          onSave={async (changes) => {
            saved.push(changes);
            return true;
          }}
        />,
      ),
    );
    const display = container.querySelector<HTMLInputElement>('#user-DisplayName')!;
    act(() => setInput(display, 'Jane Q. Doe'));
    const review = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Review changes')!;
    expect(review.disabled).toBe(false);
    act(() => review.click());
    const diff = container.querySelector('[aria-label="Changes to save"]')!;
    expect(diff.textContent).toContain('Jane Doe');
    expect(diff.textContent).toContain('Jane Q. Doe');
    const save = [...diff.querySelectorAll('button')].find((b) => b.textContent === 'Save')!;
    await act(async () => save.click());
    expect(saved).toEqual([{ DisplayName: 'Jane Q. Doe' }]);
    expect(requests.length).toBe(0);
  });

  it('shows the policy message next to the PIN field when a reset is refused', async () => {
    const { api, requests } = fakeApi(OK_STATE);
    setApi(api);
    const { UserDetail } = await import('../../renderer/src/features/config/cupi/UsersEditor');
    act(() => root.render(<UserDetail objectId={USER.ObjectId!} readOnly={false} publisherDown={false} afterWrite={() => {}} />));
    await settle();
    expect(container.querySelector('[data-testid="pin-status"]')?.textContent).toMatch(/Locked out after 5 failed sign-ins/);
    const pin = container.querySelector<HTMLInputElement>(`#cred-pin-${USER.ObjectId}`)!;
    act(() => setInput(pin, '12'));
    const reset = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Reset PIN')!;
    await act(async () => reset.click());
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('The PIN must be at least 6 digits long.');
    const sent = requests.find((r) => r.channel === 'cupi:credential-reset')!.request as { value: string; mustChange: boolean };
    expect(sent).toMatchObject({ value: '12', mustChange: true });
  });
});
