import { DesktopSettingsPanel } from './DesktopSettings';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { nodeNameIn, type ConnectionTestResult, type ProfileServer, type SiteProfile } from '../../../../shared/domain/profile';
import { ProfileEditor } from './ProfileEditor';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import {
  OUTCOME_PRESENTATION,
  acceptWeakStorage,
  activateProfile,
  deleteProfile,
  forgetCertificate,
  importProfile,
  loadConnections,
  testConnections,
  trustCertificate,
  unlockVault,
  useConnectionsStore,
} from './connections-store';
import './connections.css';

/** Site profiles, the credential vault, connection tests and trusted certificates. */
export function ConnectionsScreen() {
  const list = useConnectionsStore((s) => s.list);
  const loadError = useConnectionsStore((s) => s.loadError);
  const [editing, setEditing] = useState<SiteProfile | 'new' | null>(null);
  const [replacing, setReplacing] = useState<{ name: string; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadConnections();
  }, []);

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    const outcome = await importProfile(text);
    if (outcome) setReplacing({ name: outcome.exists, text });
    if (fileInput.current) fileInput.current.value = '';
  };

  const demo = list?.demo ?? false;
  return (
    <section className="connections-screen" aria-labelledby="connections-title">
      <header className="screen-header">
        <h1 id="connections-title">Connections</h1>
        <div className="toolbar">
          <button type="button" className="primary" disabled={demo} aria-describedby={demo ? 'connections-demo-note' : undefined} onClick={() => setEditing('new')}>
            New profile
          </button>
          <label className={`button-like${demo ? ' disabled' : ''}`}>
            Import profile file…
            <input
              ref={fileInput}
              className="visually-hidden"
              type="file"
              accept=".json,application/json"
              disabled={demo}
              onChange={(e) => void onImport(e.target.files?.[0])}
            />
          </label>
        </div>
      </header>
      {loadError && <p className="banner banner-error">Could not load the profiles: {loadError}</p>}
      {demo && <p id="connections-demo-note" className="banner banner-info">Demo lab: the built-in profile is used and nothing is saved. Start without --demo to manage site profiles.</p>}
      {replacing && (
        <ConfirmPanel
          title={`Replace the profile “${replacing.name}”?`}
          confirmLabel="Replace profile"
          cancelLabel="Keep the saved profile"
          danger
          onCancel={() => setReplacing(null)}
          onConfirm={() => {
            const { text } = replacing;
            setReplacing(null);
            void importProfile(text, true);
          }}
        >
          <p>
            A profile with this name is already saved. Replacing it takes the servers, user names and passwords from the file; the saved ones are gone. Changes
            waiting in its queue stay.
          </p>
        </ConfirmPanel>
      )}
      <VaultPanel />
      {editing && <ProfileEditor key={editing === 'new' ? 'new' : editing.id} profile={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      <ProfileTable onEdit={(p) => setEditing(p)} />
      <TrustedCertificates />
      <DesktopSettingsPanel />
    </section>
  );
}

function VaultPanel() {
  const vault = useConnectionsStore((s) => s.vault);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const passphraseRef = useRef<HTMLInputElement>(null);
  if (!vault) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = passphraseRef.current;
    if (!input) return;
    setBusy(true);
    // Read straight from the field and clear it: the passphrase is never kept in page state.
    const message = await unlockVault(input.value);
    input.value = '';
    setBusy(false);
    setError(message);
  };

  if (vault.state === 'locked') {
    return (
      <form className="panel vault-panel" role="dialog" aria-labelledby={`${inputId}-title`} onSubmit={(e) => void submit(e)}>
        <h2 id={`${inputId}-title`}>
{vault.exists ? 'Unlock the credential vault' : 'Create the credential vault'}
        </h2>
        <p>{vault.detail}</p>
        <div className="toolbar">
          <label htmlFor={inputId}>Vault passphrase</label>
          <input id={inputId} ref={passphraseRef} type="password" autoComplete={vault.exists ? 'current-password' : 'new-password'} minLength={8} required />
          <button type="submit" className="primary" disabled={busy}>
            {vault.exists ? 'Unlock' : 'Create vault'}
          </button>
        </div>
        {error && (
          <p className="banner banner-error" role="alert">
            {error}
          </p>
        )}
      </form>
    );
  }
  if (vault.state === 'needs-consent') {
    return (
      <div className="panel banner banner-warning vault-panel" role="region" aria-label="Credential vault">
        <p>
          <span aria-hidden="true">⚠ </span>
          {vault.detail}
        </p>
        <button type="button" className="danger" onClick={() => void acceptWeakStorage()}>
          Store passwords with this weaker protection
        </button>
      </div>
    );
  }
  if (vault.state === 'unavailable') {
    return (
      <p className="banner banner-error" role="region" aria-label="Credential vault">
        <span aria-hidden="true">✖ </span>
        {vault.detail}
      </p>
    );
  }
  return (
    <p className="muted vault-line">
      <span aria-hidden="true">✔ </span>
      {vault.detail}
    </p>
  );
}

/** Each node by its name (the profile's label, else its host name), its address one hover away. */
function serverSummary(profile: SiteProfile): Array<{ text: string; addresses: string }> {
  const lines: Array<{ text: string; addresses: string }> = [];
  const names = (server: ProfileServer, urls: string[]) => urls.map((url) => nodeNameIn(profile, server, url)).join(', ');
  const push = (text: string, urls: string[]) => lines.push({ text, addresses: `Addresses: ${urls.map(hostOf).join(', ')}` });
  if (profile.uccx) push(`UCCX: ${names('uccx', profile.uccx.nodes)} as ${profile.uccx.username} (password ${profile.uccx.passwordSet ? 'set' : 'not set'})${plainNote(profile.uccx.nodes)}`, profile.uccx.nodes);
  if (profile.cupi) {
    const urls = [profile.cupi.publisher, profile.cupi.subscriber].filter((n): n is string => Boolean(n));
    push(`Unity Connection: ${names('cupi', urls)} as ${profile.cupi.username} (password ${profile.cupi.passwordSet ? 'set' : 'not set'})${plainNote(urls)}`, urls);
  }
  if (profile.reports) push(`Reports: ${names('reports', [profile.reports.url])}, agent ${profile.reports.agentId}${plainNote([profile.reports.url])}`, [profile.reports.url]);
  if (profile.finesse) {
    push(`Finesse: ${names('finesse', profile.finesse.nodes)} as ${profile.finesse.username} (password ${profile.finesse.passwordSet ? 'set' : 'not set'})${plainNote(profile.finesse.nodes)}`, profile.finesse.nodes);
  }
  const fingerprints = profile.tls?.fingerprints ?? [];
  if (fingerprints.length) {
    lines.push({ addresses: '', text: `Trusts ${fingerprints.length === 1 ? 'this certificate' : `these ${fingerprints.length} certificates`} from the profile file, for this profile's servers only: ${fingerprints.join('; ')}` });
  }
  return lines;
}

/** Said wherever a connection would travel in plain text. */
function plainNote(urls: string[]): string {
  return urls.some((url) => /^(http|ws):/i.test(url)) ? ' · not encrypted' : '';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function ProfileTable({ onEdit }: { onEdit: (profile: SiteProfile) => void }) {
  const list = useConnectionsStore((s) => s.list);
  const results = useConnectionsStore((s) => s.results);
  const testing = useConnectionsStore((s) => s.testing);
  if (!list) return <p className="muted">Loading profiles…</p>;
  if (list.profiles.length === 0) {
    return (
      <div className="panel">
        <h2>No site profile yet</h2>
        <p>Create one with “New profile”, or import a profile file (see docs/profile.md).</p>
      </div>
    );
  }
  return (
    <div className="profile-list">
      {list.profiles.map((profile) => {
        const active = profile.id === list.activeId;
        return (
          <article key={profile.id} className={`panel profile-card${active ? ' active' : ''}`} aria-label={`Profile ${profile.name}`}>
            <header className="profile-card-header">
              <h2>
                {profile.name}
                {active && (
                  <span className="badge active-badge">
                    <span aria-hidden="true">●</span> In use
                  </span>
                )}
              </h2>
              <div className="toolbar">
                {!active && (
                  <button type="button" className="primary" onClick={() => void activateProfile(profile.id)}>
                    Use this profile
                  </button>
                )}
                <button type="button" disabled={testing !== null} onClick={() => void testConnections(profile.id)}>
                  {testing === profile.id ? 'Testing…' : 'Test connections'}
                </button>
                {!list.demo && (
                  <>
                    <button type="button" onClick={() => onEdit(profile)}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        if (window.confirm(`Delete the profile “${profile.name}” and its saved passwords and cache?`)) void deleteProfile(profile.id);
                      }}
                    >
                      Delete
                    </button>
                  </>
                )}
              </div>
            </header>
            <ul className="server-summary">
              {serverSummary(profile).map((line) => (
                <li key={line.text} title={line.addresses || undefined}>
                  {line.text}
                </li>
              ))}
            </ul>
            {results[profile.id] && <TestResults profileId={profile.id} results={results[profile.id]!} />}
          </article>
        );
      })}
    </div>
  );
}

const SERVER_NAMES: Record<ConnectionTestResult['server'], string> = { uccx: 'UCCX', cupi: 'Unity Connection', reports: 'Reports', finesse: 'Finesse' };

function TestResults({ profileId, results }: { profileId: string; results: ConnectionTestResult[] }) {
  return (
    <ul className="test-results" aria-label="Connection test results">
      {results.map((result) => {
        const view = OUTCOME_PRESENTATION[result.outcome];
        return (
          <li key={`${result.server}-${result.node}`} className={`test-result tone-${view.tone}`} data-outcome={result.outcome}>
            <div className="test-result-head">
              <span aria-hidden="true" className="test-icon">
                {view.icon}
              </span>
              <strong>{view.title}</strong>
              <span className="muted">
                {SERVER_NAMES[result.server]} {result.role} · <span title={`Address: ${hostOf(result.node)}`}>{result.name ?? hostOf(result.node)}</span>
                {result.elapsedMs !== undefined ? ` · ${result.elapsedMs} ms` : ''}
              </span>
            </div>
            {/* For certificates the box below says it all, in a form easier to compare. */}
            {!result.certificate && <p className="test-message">{result.message}</p>}
            {result.certificate && (result.outcome === 'certificate-untrusted' || result.outcome === 'certificate-changed') && (
              <div className={`banner ${result.outcome === 'certificate-changed' ? 'banner-error' : 'banner-warning'} certificate-box`}>
                {result.outcome === 'certificate-changed' ? (
                  <p>
                    <strong>Warning:</strong> this server now presents a different certificate from the one you trusted. If nobody renewed it, someone may be
                    intercepting the connection. The connection stays blocked until you confirm the new certificate.
                  </p>
                ) : (
                  <p>This server's certificate is not signed by an authority this computer trusts (usual for UCCX and Unity Connection). Compare the fingerprint with the one on the server before trusting it.</p>
                )}
                <dl className="certificate-details">
                  <dt>Server</dt>
                  <dd>{result.certificate.endpoint}</dd>
                  <dt>Subject</dt>
                  <dd>{result.certificate.subject}</dd>
                  <dt>SHA-256 fingerprint</dt>
                  <dd className="fingerprint">{result.certificate.fingerprint}</dd>
                  {result.certificate.pinnedFingerprint && (
                    <>
                      <dt>Previously trusted</dt>
                      <dd className="fingerprint">{result.certificate.pinnedFingerprint}</dd>
                    </>
                  )}
                </dl>
                <button type="button" className={result.outcome === 'certificate-changed' ? 'danger' : 'primary'} onClick={() => void trustCertificate(profileId, result.certificate!)}>
                  {result.outcome === 'certificate-changed' ? 'Trust the new certificate' : 'Trust this certificate'}
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function TrustedCertificates() {
  const trusted = useConnectionsStore((s) => s.trusted);
  if (trusted.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="trusted-title">
      <h2 id="trusted-title">Trusted certificates</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Server</th>
            <th scope="col">Subject</th>
            <th scope="col">SHA-256 fingerprint</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {trusted.map((pin) => (
            <tr key={pin.endpoint}>
              <td>{pin.endpoint}</td>
              <td>{pin.subject}</td>
              <td className="fingerprint">{pin.fingerprint}</td>
              <td>
                <button type="button" onClick={() => void forgetCertificate(pin.endpoint)} aria-label={`Forget the certificate of ${pin.endpoint}`}>
                  Forget
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
