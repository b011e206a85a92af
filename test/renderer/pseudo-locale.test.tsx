import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { ConnectionsScreen } from '../../renderer/src/features/connections/ConnectionsScreen';
import { ProfileEditor } from '../../renderer/src/features/connections/ProfileEditor';
import { useAppStore } from '../../renderer/src/store/app-store';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { createFakeApi } from '../support/fake-api';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import type { ConnectionTestResult, ProfileList, SiteProfile } from '../../shared/domain/profile';

/**
 * The parts of converted screens the demo lab does not show (so the
 * end-to-end pseudo-locale check cannot reach them): the profile editor with
 * every section, a changed and an untrusted certificate, trusted
 * certificates, a locked vault. In the pseudo-locale every word must come
 * from a catalogue (docs/i18n.md).
 */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const FINGERPRINT = `sha256 ${'AB:'.repeat(31)}CD`;
const PROFILE: SiteProfile = {
  id: 'head-office',
  name: 'Head office',
  operatorName: 'Jane Doe',
  allowPlaintextCredentials: true,
  uccx: { nodes: ['https://ccx-a.example.com', 'http://ccx-b.example.com'], username: 'admin', passwordSet: true },
  cupi: { publisher: 'https://cuc-pub.example.com', subscriber: 'https://cuc-sub.example.com', username: 'cucadmin', passwordSet: true },
  reports: { url: 'wss://reports.example.com/', agentId: 'sup01', passwordSet: true, headerNames: ['X-Site'] },
  finesse: { nodes: ['https://ccx-a.example.com:8445'], username: 'sup01', passwordSet: false },
  tls: { fingerprints: [FINGERPRINT, FINGERPRINT.replace('CD', 'EF')] },
};
const LIST: ProfileList = { demo: false, activeId: null, profiles: [PROFILE] };
const RESULTS: ConnectionTestResult[] = [
  { server: 'uccx', node: 'https://ccx-a.example.com', role: 'node 1', outcome: 'ok', message: 'ccx-a accepted admin.', elapsedMs: 12 },
  {
    server: 'uccx',
    node: 'http://ccx-b.example.com',
    role: 'node 2',
    outcome: 'certificate-changed',
    message: 'changed',
    certificate: { endpoint: 'ccx-b.example.com:443', subject: 'CN=ccx-b', fingerprint: FINGERPRINT, pinnedFingerprint: FINGERPRINT.replace('CD', '00') },
  },
  {
    server: 'cupi',
    node: 'https://cuc-pub.example.com',
    role: 'publisher',
    outcome: 'certificate-untrusted',
    message: 'untrusted',
    certificate: { endpoint: 'cuc-pub.example.com:443', subject: 'CN=cuc-pub', fingerprint: FINGERPRINT },
  },
  { server: 'reports', node: 'wss://reports.example.com/', role: 'report server', outcome: 'credentials-rejected', message: 'rejected' },
];

let container: HTMLDivElement;
let root: Root;

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('the pseudo-locale on the parts of Connections the demo lab does not show', () => {
  beforeAll(async () => {
    await act(() => applyLanguage('pseudo'));
  });
  afterAll(async () => {
    await act(() => applyLanguage('en'));
  });
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('the profile editor, every section on, passwords saved', async () => {
    await act(async () => root.render(<ProfileEditor profile={PROFILE} onDone={() => undefined} />));
    expect(container.querySelectorAll('fieldset').length).toBeGreaterThanOrEqual(5);
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: container })).toEqual([]);
  });

  it('the profile card, certificate warnings, trusted certificates and a locked vault', async () => {
    setApi(
      createFakeApi({
        'profiles:list': () => LIST,
        'vault:status': () => ({ kind: 'passphrase', state: 'locked', exists: true, detail: 'The vault is locked.' }),
        'connections:trusted': () => [{ endpoint: 'ccx-a.example.com:443', subject: 'CN=ccx-a', fingerprint: FINGERPRINT }],
        'connections:test': () => RESULTS,
      }),
    );
    useAppStore.setState({ preferences: { theme: 'light', language: 'pseudo', sections: {} } });
    await act(async () => root.render(<ConnectionsScreen />));
    await settle();
    const test = [...container.querySelectorAll('button')].find((button) => button.textContent === 'Ţééšţ çööññééçţîîööñš');
    expect(test, 'the test button, in the pseudo-locale').toBeDefined();
    await act(async () => test!.click());
    await settle();
    expect(container.querySelectorAll('.certificate-box').length).toBe(2);
    expect(container.querySelector('.language-settings')).not.toBeNull();
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: container })).toEqual([]);
  });
});
