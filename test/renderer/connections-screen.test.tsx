import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { ConnectionsScreen } from '../../renderer/src/features/connections/ConnectionsScreen';
import { useConnectionsStore } from '../../renderer/src/features/connections/connections-store';
import { ConsoleError } from '../../shared/ipc/result';
import { createFakeApi } from '../support/fake-api';
import type { ConnectionTestResult, ProfileList, VaultStatus } from '../../shared/domain/profile';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { roleMessage } from '../../electron/services/profiles/connection-tester';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LIST: ProfileList = {
  demo: false,
  activeId: 'head-office-1a2b3c',
  profiles: [
    {
      id: 'head-office-1a2b3c',
      name: 'Head office',
      uccx: { nodes: ['https://ccx-a.example.com', 'https://ccx-b.example.com'], username: 'admin', passwordSet: true },
      reports: { url: 'wss://reports.example.com/', agentId: 'sup01', passwordSet: false, headerNames: [] },
    },
  ],
};
const UNLOCKED: VaultStatus = { kind: 'passphrase', state: 'unlocked', exists: true, detail: 'Vault unlocked.' };
const FINGERPRINT = `sha256 ${'AB:'.repeat(31)}CD`;

/** A fake main process that records every request. */
function fakeApi(vault: VaultStatus = UNLOCKED) {
  const results: ConnectionTestResult[] = [
    { server: 'uccx', node: 'https://ccx-a.example.com', role: 'node 1', outcome: 'ok', message: 'ccx-a accepted admin.' },
    {
      server: 'uccx',
      node: 'https://ccx-b.example.com',
      role: 'node 2',
      outcome: 'certificate-untrusted',
      message: 'not trusted',
      certificate: { endpoint: 'ccx-b.example.com:443', subject: 'CN=ccx-b', fingerprint: FINGERPRINT },
    },
  ];
  const api = createFakeApi({
    'profiles:list': () => LIST,
    'vault:status': () => vault,
    'connections:trusted': () => [],
    'connections:test': () => results,
    'connections:trust': () => [{ endpoint: 'ccx-b.example.com:443', subject: 'CN=ccx-b', fingerprint: FINGERPRINT }],
    'profiles:save': (request) => ({ ...LIST.profiles[0]!, name: request.profile.name }),
    'profiles:import': (request) => {
      if (!request.replace) throw new ConsoleError('conflict', 'A profile named "Head office" already exists. Import again and choose to replace it, or rename the profile in the file.');
      return { ...LIST.profiles[0]!, tls: { fingerprints: [FINGERPRINT] } };
    },
    'vault:unlock': (request) => {
      if (request.passphrase === 'right passphrase') return UNLOCKED;
      throw new ConsoleError('rejected', 'The vault passphrase is wrong. Nothing was changed; try again.', undefined, { id: 'errors.vault.wrongPassphrase' });
    },
    'app:info': () => ({ name: 'Supervisor Console', version: '0', host: 'web', demo: false, profileName: 'Head office', systems: null }),
  });
  return { api, requests: api.requests };
}

let container: HTMLDivElement;
let root: Root;

async function render() {
  await act(async () => {
    root.render(<ConnectionsScreen />);
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

async function click(element: Element | null | undefined) {
  expect(element).toBeTruthy();
  await act(async () => {
    (element as HTMLElement).click();
    await new Promise((r) => setTimeout(r, 0));
  });
}

function button(text: string, scope: ParentNode = container): HTMLButtonElement | undefined {
  return [...scope.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
}

function setInput(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(() => {
  useConnectionsStore.setState({ list: null, vault: null, trusted: [], results: {}, testing: null, loadError: null });
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('Connections screen', () => {
  it('lists profiles with "password set", never a password, and marks the one in use', async () => {
    const { api } = fakeApi();
    setApi(api);
    await render();
    const card = container.querySelector('[aria-label="Profile Head office"]');
    expect(card?.textContent).toContain('In use');
    expect(card?.textContent).toContain('password set');
    expect(card?.textContent).toContain('ccx-a.example.com');
    expect(container.querySelectorAll('input[type="password"]')).toHaveLength(0);
  });

  it('shows a certificate to confirm with subject and fingerprint, and trusts exactly that one', async () => {
    const { api, requests } = fakeApi();
    setApi(api);
    await render();
    await click(button('Test connections'));
    const results = container.querySelector('[aria-label="Connection test results"]');
    expect(results?.textContent).toContain('Certificate not trusted');
    expect(results?.textContent).toContain(FINGERPRINT);
    expect(results?.textContent).toContain('CN=ccx-b');
    expect(results?.querySelector('[data-outcome="ok"]')?.textContent).toContain('Connected');
    await click(button('Trust this certificate'));
    expect(requests.find((r) => r.channel === 'connections:trust')?.request).toEqual({ endpoint: 'ccx-b.example.com:443', fingerprint: FINGERPRINT });
  });

  it('the editor keeps a saved password when the field is left empty, and removes it only when asked', async () => {
    const { api, requests } = fakeApi();
    setApi(api);
    await render();
    await click(button('Edit'));
    await click(button('Save profile'));
    const kept = requests.find((r) => r.channel === 'profiles:save')?.request as { id: string; profile: { uccx: Record<string, unknown> } };
    expect(kept.id).toBe('head-office-1a2b3c');
    expect(kept.profile.uccx).toEqual({ nodes: ['https://ccx-a.example.com', 'https://ccx-b.example.com'], username: 'admin' });
    expect('password' in kept.profile.uccx).toBe(false);

    await click(button('Edit'));
    const remove = [...container.querySelectorAll('label.check')].find((l) => l.textContent?.includes('Remove saved password'))!.querySelector('input')!;
    await click(remove);
    await click(button('Save profile'));
    const removed = requests.filter((r) => r.channel === 'profiles:save').at(-1)?.request as { profile: { uccx: { password?: string } } };
    expect(removed.profile.uccx.password).toBe('');
  });

  it('the editor has an optional Finesse section: off for a profile without it, and sent as the "finesse" section when filled in', async () => {
    const { api, requests } = fakeApi();
    setApi(api);
    await render();
    await click(button('Edit'));
    const form = container.querySelector('form.profile-editor')!;
    const toggle = [...form.querySelectorAll('legend label.check')].find((l) => l.textContent?.includes('Finesse'))!.querySelector('input')!;
    expect(toggle.checked).toBe(false);
    expect(form.textContent).toContain('Not used by this profile.');
    await click(toggle);
    const field = (label: string) => [...form.querySelectorAll('.profile-section')].find((f) => f.textContent?.includes('Finesse'))!.querySelectorAll('label') as NodeListOf<HTMLLabelElement>;
    const input = (label: string) => [...field(label)].find((l) => l.textContent?.startsWith(label))!.querySelector('input')!;
    await act(async () => setInput(input('Node 1 URL'), 'https://ccx-a.example.com:8445'));
    await act(async () => setInput(input('Your Finesse user name'), 'sup01'));
    await act(async () => setInput(input('Your Finesse password'), 'typed-finesse-pw'));
    await click(button('Save profile'));
    const saved = requests.filter((r) => r.channel === 'profiles:save').at(-1)?.request as { profile: { finesse?: unknown } };
    expect(saved.profile.finesse).toEqual({ nodes: ['https://ccx-a.example.com:8445'], username: 'sup01', password: 'typed-finesse-pw' });
    expect(container.innerHTML).not.toContain('typed-finesse-pw');
  });

  it('asks before an imported file replaces a saved profile of the same name: Esc keeps it, "Replace profile" replaces it', async () => {
    const { api, requests } = fakeApi();
    setApi(api);
    await render();
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    const chooseFile = async () => {
      // jsdom's File has no text(); the screen needs nothing else of it.
      const file = { name: 'site.json', text: async () => '{"name":"Head office"}' };
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      await act(async () => {
        input.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 10));
      });
    };
    const dialog = () => container.querySelector('[role="alertdialog"]');
    await chooseFile();
    expect(dialog()?.textContent).toContain('Replace the profile “Head office”?');
    // The safe choice has the focus.
    expect(document.activeElement?.textContent).toBe('Keep the saved profile');
    await act(async () => {
      dialog()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(dialog()).toBeNull();
    expect(requests.filter((r) => r.channel === 'profiles:import').map((r) => (r.request as { replace?: boolean }).replace)).toEqual([false]);

    await chooseFile();
    await click(button('Replace profile', dialog()!));
    expect(dialog()).toBeNull();
    expect(requests.filter((r) => r.channel === 'profiles:import').map((r) => (r.request as { replace?: boolean }).replace)).toEqual([false, false, true]);
  });

  it('shows which connections are not encrypted and which certificates a profile file trusts', async () => {
    const plain: ProfileList = {
      ...LIST,
      profiles: [{ ...LIST.profiles[0]!, allowPlaintextCredentials: true, uccx: { nodes: ['http://ccx-a.lab'], username: 'admin', passwordSet: true }, tls: { fingerprints: [FINGERPRINT] } }],
    };
    const api = createFakeApi({ 'profiles:list': () => plain, 'vault:status': () => UNLOCKED, 'connections:trusted': () => [] });
    setApi(api);
    await render();
    const card = container.querySelector('article[aria-label="Profile Head office"]')!;
    expect(card.textContent).toMatch(/UCCX: ccx-a\.lab as admin \(password set\) · not encrypted/);
    expect(card.textContent).not.toMatch(/Reports: .*not encrypted/);
    expect(card.textContent).toContain(`for this profile's servers only: ${FINGERPRINT}`);
    await click(button('Edit'));
    const optIn = [...container.querySelectorAll('label.check')].find((l) => l.textContent?.includes('unencrypted connections'))!.querySelector('input')!;
    expect(optIn.checked).toBe(true);
  });

  it("says main's test sentences, the nodes' roles and the vault's state in the user's language, server names as they are", async () => {
    const vault: VaultStatus = { ...UNLOCKED, detail: 'Vault unlocked: saved passwords are encrypted with your passphrase (AES-256-GCM).', detailMessage: { id: 'main.vault.unlocked' } };
    const result: ConnectionTestResult = {
      server: 'uccx',
      node: 'https://ccx-a.example.com',
      role: 'node 2',
      roleMessage: roleMessage('node 2'),
      outcome: 'ok',
      message: 'ccx-a accepted admin and is the database master.',
      said: { id: 'main.test.uccx.ok', values: { node: 'ccx-a', user: 'admin', master: 'yes' } },
    };
    const api = createFakeApi({ 'profiles:list': () => LIST, 'vault:status': () => vault, 'connections:trusted': () => [], 'connections:test': () => [result] });
    setApi(api);
    await render();
    await click(button('Test connections'));
    const shown = () => [container.querySelector('.vault-line')?.textContent, container.querySelector('.test-result-head .muted')?.textContent, container.querySelector('.test-message')?.textContent];
    try {
      expect(shown()).toEqual(['✔ Vault unlocked: saved passwords are encrypted with your passphrase (AES-256-GCM).', 'UCCX node 2 · ccx-a.example.com', 'ccx-a accepted admin and is the database master.']);
      await act(() => applyLanguage('de'));
      expect(shown()).toEqual([
        '✔ Tresor entsperrt: Gespeicherte Kennwörter sind mit Ihrer Passphrase verschlüsselt (AES-256-GCM).',
        'UCCX Knoten 2 · ccx-a.example.com',
        'ccx-a hat admin akzeptiert und ist der Datenbank-Master.',
      ]);
      // Said by id: nothing left marked as main's English.
      expect(container.querySelectorAll('.vault-line [data-main-text], .test-results [data-main-text]')).toHaveLength(0);
    } finally {
      await act(() => applyLanguage('en'));
    }
  });

  it('asks for the vault passphrase, shows a wrong one as an error and clears the field', async () => {
    const { api, requests } = fakeApi({ kind: 'passphrase', state: 'locked', exists: true, detail: 'The credential vault is locked.' });
    setApi(api);
    await render();
    const dialog = container.querySelector('[role="dialog"]');
    expect(dialog?.textContent).toContain('Unlock the credential vault');
    const input = dialog!.querySelector('input[type="password"]') as HTMLInputElement;
    await act(async () => setInput(input, 'wrong passphrase'));
    await act(async () => {
      (dialog as HTMLFormElement).requestSubmit();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(requests.find((r) => r.channel === 'vault:unlock')?.request).toEqual({ passphrase: 'wrong passphrase' });
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('passphrase is wrong');
    expect(input.value).toBe('');
    expect(container.innerHTML).not.toContain('wrong passphrase');
    // Main's refusal comes by id: the banner says it in the chosen language.
    try {
      await act(() => applyLanguage('de'));
      expect(container.querySelector('[role="alert"]')?.textContent).toBe('Die Passphrase des Tresors ist falsch. Es wurde nichts geändert; versuchen Sie es erneut.');
      expect(container.querySelector('[role="alert"] [data-main-text]')).toBeNull();
    } finally {
      await act(() => applyLanguage('en'));
    }
  });
});
