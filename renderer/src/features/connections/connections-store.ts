import { create } from 'zustand';
import { call, getApi, onReconnect } from '../../api/client';
import { pushNotice, useAppStore } from '../../store/app-store';
import type { CertificateDetails, ConnectionOutcome, ConnectionTestResult, ProfileList, VaultStatus } from '../../../../shared/domain/profile';
import type { ProfileInput } from '../../../../shared/ipc/areas/connections';
import { t, type MessageId } from '../../i18n/i18n';
import { sayError, shownError, type ShownError } from '../../components/ErrorDetails';

/**
 * What the Connections screen shows: saved profiles (never a secret, only
 * "set"), the vault's state, pinned certificates and the last test results per
 * profile. Passwords the user types pass straight to main and are not kept here.
 */
interface ConnectionsState {
  list: ProfileList | null;
  vault: VaultStatus | null;
  trusted: CertificateDetails[];
  /** Last test results by profile id. */
  results: Record<string, ConnectionTestResult[]>;
  testing: string | null;
  loadError: string | null;
}

export const useConnectionsStore = create<ConnectionsState>()(() => ({
  list: null,
  vault: null,
  trusted: [],
  results: {},
  testing: null,
  loadError: null,
}));

let subscribed = false;

export async function loadConnections(): Promise<void> {
  if (!subscribed) {
    subscribed = true;
    getApi().on('profiles:changed', (list) => useConnectionsStore.setState({ list }));
    getApi().on('vault:changed', (vault) => useConnectionsStore.setState({ vault }));
    onReconnect(() => void loadConnections());
  }
  try {
    const [list, vault, trusted] = await Promise.all([call('profiles:list', undefined), call('vault:status', undefined), call('connections:trusted', undefined)]);
    useConnectionsStore.setState({ list, vault, trusted, loadError: null });
  } catch (error) {
    useConnectionsStore.setState({ loadError: (error as Error).message });
  }
}

/** The app frame shows the active profile's name; refresh it after a switch. */
async function refreshAppInfo(): Promise<void> {
  try {
    useAppStore.setState({ info: await call('app:info', undefined) });
  } catch {
    // The frame keeps its old name; the next start corrects it.
  }
}

export async function saveProfile(id: string | undefined, profile: ProfileInput): Promise<boolean> {
  try {
    const saved = await call('profiles:save', { id, profile });
    pushNotice('info', t('connections.notice.saved', { name: saved.name }));
    await loadConnections();
    await refreshAppInfo();
    return true;
  } catch (error) {
    pushNotice('error', t('connections.notice.saveFailed', { message: messageOf(error) }));
    return false;
  }
}

/**
 * Import a profile file's text. A file whose profile name is already saved is
 * not imported: the answer is `'exists'` with that name, and the screen asks
 * whether to replace it (then call again with `replace`).
 */
export async function importProfile(text: string, replace = false): Promise<{ exists: string } | null> {
  try {
    const saved = await call('profiles:import', { text, replace });
    const trusted = saved.tls?.fingerprints.length ?? 0;
    const done = replace ? t('connections.notice.replaced', { name: saved.name }) : t('connections.notice.imported', { name: saved.name });
    pushNotice('info', trusted ? `${done} ${t('connections.notice.importTrusts', { count: trusted })}` : done);
    await loadConnections();
    return null;
  } catch (error) {
    if ((error as { code?: string }).code === 'conflict' && !replace) {
      const name = /named "(.*)" already exists/.exec((error as Error).message)?.[1];
      if (name) return { exists: name };
    }
    pushNotice('error', t('connections.notice.importFailed', { message: messageOf(error) }));
    return null;
  }
}

export async function deleteProfile(id: string): Promise<void> {
  try {
    useConnectionsStore.setState({ list: await call('profiles:delete', { id }) });
    await refreshAppInfo();
  } catch (error) {
    pushNotice('error', t('connections.notice.deleteFailed', { message: messageOf(error) }));
  }
}

export async function activateProfile(id: string): Promise<void> {
  try {
    useConnectionsStore.setState({ list: await call('profiles:activate', { id }) });
    await refreshAppInfo();
  } catch (error) {
    pushNotice('error', t('connections.notice.openFailed', { message: messageOf(error) }));
  }
}

export async function testConnections(id: string): Promise<void> {
  useConnectionsStore.setState({ testing: id });
  try {
    const results = await call('connections:test', { id });
    useConnectionsStore.setState((s) => ({ results: { ...s.results, [id]: results } }));
  } catch (error) {
    pushNotice('error', t('connections.notice.testFailed', { message: messageOf(error) }));
  } finally {
    useConnectionsStore.setState({ testing: null });
  }
}

export async function trustCertificate(profileId: string, certificate: CertificateDetails): Promise<void> {
  try {
    const trusted = await call('connections:trust', { endpoint: certificate.endpoint, fingerprint: certificate.fingerprint });
    useConnectionsStore.setState({ trusted });
    pushNotice('info', t('connections.notice.certificateTrusted', { endpoint: certificate.endpoint }));
    await testConnections(profileId);
  } catch (error) {
    pushNotice('error', messageOf(error));
  }
}

export async function forgetCertificate(endpoint: string): Promise<void> {
  try {
    useConnectionsStore.setState({ trusted: await call('connections:forget', { endpoint }) });
  } catch (error) {
    pushNotice('error', messageOf(error));
  }
}

/** Returns an error message for the dialog, or null when the vault opened. */
/** Why the vault did not open: main's sentence (by id where it sent one), and the request's problems when it names them. */
export type VaultRefusal = ShownError & { issues?: string[] };

export async function unlockVault(passphrase: string): Promise<VaultRefusal | null> {
  try {
    useConnectionsStore.setState({ vault: await call('vault:unlock', { passphrase }) });
    await loadConnections();
    await refreshAppInfo();
    return null;
  } catch (error) {
    const issues = (error as { issues?: string[] }).issues;
    return { ...shownError(error), ...(issues?.length ? { issues } : {}) };
  }
}

export async function acceptWeakStorage(): Promise<void> {
  try {
    useConnectionsStore.setState({ vault: await call('vault:accept-weak', { accept: true }) });
  } catch (error) {
    pushNotice('error', messageOf(error));
  }
}

/** Main's refusal in the user's language (its sentence by id, else its English), with the request's problems when it names them. */
function messageOf(error: unknown): string {
  const issues = (error as { issues?: string[] }).issues;
  const message = sayError(error);
  return issues?.length ? `${message} (${issues.join('; ')})` : message;
}

/** Icon and words per outcome: never colour alone. */
/** Amber and red are for real trouble only: the standby node of a healthy pair is normal, and says so in neutral. */
export const OUTCOME_PRESENTATION: Record<ConnectionOutcome, { icon: string; title: MessageId; tone: 'ok' | 'neutral' | 'warn' | 'bad' }> = {
  ok: { icon: '✔', title: 'connections.outcome.ok', tone: 'ok' },
  'not-db-master': { icon: '◐', title: 'connections.outcome.standby', tone: 'neutral' },
  'out-of-service': { icon: '◐', title: 'connections.outcome.standby', tone: 'neutral' },
  'no-credentials': { icon: '▲', title: 'connections.outcome.noCredentials', tone: 'warn' },
  'name-not-found': { icon: '✖', title: 'connections.outcome.nameNotFound', tone: 'bad' },
  'connection-refused': { icon: '✖', title: 'connections.outcome.refused', tone: 'bad' },
  'timed-out': { icon: '✖', title: 'connections.outcome.timedOut', tone: 'bad' },
  'connection-reset': { icon: '✖', title: 'connections.outcome.reset', tone: 'bad' },
  'certificate-untrusted': { icon: '⚠', title: 'connections.outcome.certificateUntrusted', tone: 'warn' },
  'certificate-changed': { icon: '✖', title: 'connections.outcome.certificateChanged', tone: 'bad' },
  'credentials-rejected': { icon: '✖', title: 'connections.outcome.credentialsRejected', tone: 'bad' },
  'unexpected-reply': { icon: '✖', title: 'connections.outcome.unexpectedReply', tone: 'bad' },
};
