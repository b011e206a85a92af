import { DesktopSettingsPanel } from './DesktopSettings';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
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
  type VaultRefusal,
  useConnectionsStore,
} from './connections-store';
import { LanguageSettingsPanel } from './LanguageSettings';
import { sayMain, t as translate, useT, type MessageId } from '../../i18n/i18n';
import { Message } from '../../i18n/Message';
import { MainText } from '../../components/ErrorDetails';
import './connections.css';
import { FileButton } from '../../components/FileButton';

/** Site profiles, the credential vault, connection tests and trusted certificates. */
export function ConnectionsScreen() {
  const t = useT();
  const list = useConnectionsStore((s) => s.list);
  const loadError = useConnectionsStore((s) => s.loadError);
  const [editing, setEditing] = useState<SiteProfile | 'new' | null>(null);
  const [replacing, setReplacing] = useState<{ name: string; text: string } | null>(null);

  useEffect(() => {
    void loadConnections();
  }, []);

  const onImport = async (file: File) => {
    const text = await file.text();
    const outcome = await importProfile(text);
    if (outcome) setReplacing({ name: outcome.exists, text });
  };

  const demo = list?.demo ?? false;
  return (
    <section className="connections-screen" aria-labelledby="connections-title">
      <header className="screen-header">
        <h1 id="connections-title">{t('connections.title')}</h1>
        <div className="toolbar">
          <button type="button" className="primary" disabled={demo} aria-describedby={demo ? 'connections-demo-note' : undefined} onClick={() => setEditing('new')}>
            {t('connections.newProfile')}
          </button>
          <FileButton accept=".json,application/json" disabled={demo} onFile={(file) => void onImport(file)}>
            {t('connections.importProfile')}
          </FileButton>
        </div>
      </header>
      {loadError && <p className="banner banner-error">{t('connections.loadError', { message: loadError })}</p>}
      {demo && (
        <p id="connections-demo-note" className="banner banner-info">
          {t('connections.demoNote')}
        </p>
      )}
      {replacing && (
        <ConfirmPanel
          title={t('connections.replace.title', { name: replacing.name })}
          confirmLabel={t('connections.replace.confirm')}
          cancelLabel={t('connections.replace.cancel')}
          danger
          onCancel={() => setReplacing(null)}
          onConfirm={() => {
            const { text } = replacing;
            setReplacing(null);
            void importProfile(text, true);
          }}
        >
          <p>{t('connections.replace.body')}</p>
        </ConfirmPanel>
      )}
      <VaultPanel />
      {editing && <ProfileEditor key={editing === 'new' ? 'new' : editing.id} profile={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      <ProfileTable onEdit={(p) => setEditing(p)} />
      <TrustedCertificates />
      <LanguageSettingsPanel />
      <DesktopSettingsPanel />
    </section>
  );
}

function VaultPanel() {
  const t = useT();
  const vault = useConnectionsStore((s) => s.vault);
  const [error, setError] = useState<VaultRefusal | null>(null);
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
        <h2 id={`${inputId}-title`}>{vault.exists ? t('connections.vault.unlockTitle') : t('connections.vault.createTitle')}</h2>
        <p data-main-text={vault.detailMessage ? undefined : ''}>{sayMain(vault.detailMessage, vault.detail)}</p>
        <div className="toolbar">
          <label htmlFor={inputId}>{t('connections.vault.passphrase')}</label>
          <input id={inputId} ref={passphraseRef} type="password" autoComplete={vault.exists ? 'current-password' : 'new-password'} minLength={8} required />
          <button type="submit" className="primary" disabled={busy}>
            {vault.exists ? t('connections.vault.unlock') : t('connections.vault.create')}
          </button>
        </div>
        {error && (
          <p className="banner banner-error" role="alert">
            <MainText said={error.said} english={error.message} />
            {/* The request's own problems, as the dispatcher writes them. */}
            {error.issues ? (
              <>
                {' ('}
                <span data-main-text="">{error.issues.join('; ')}</span>)
              </>
            ) : null}
          </p>
        )}
      </form>
    );
  }
  if (vault.state === 'needs-consent') {
    return (
      <div className="panel banner banner-warning vault-panel" role="region" aria-label={t('connections.vault.label')}>
        <p>
          <span aria-hidden="true">⚠ </span>
          <span data-main-text={vault.detailMessage ? undefined : ''}>{sayMain(vault.detailMessage, vault.detail)}</span>
        </p>
        <button type="button" className="danger" onClick={() => void acceptWeakStorage()}>
          {t('connections.vault.acceptWeak')}
        </button>
      </div>
    );
  }
  if (vault.state === 'unavailable') {
    return (
      <p className="banner banner-error" role="region" aria-label={t('connections.vault.label')}>
        <span aria-hidden="true">✖ </span>
        <span data-main-text={vault.detailMessage ? undefined : ''}>{sayMain(vault.detailMessage, vault.detail)}</span>
      </p>
    );
  }
  return (
    <p className="muted vault-line">
      <span aria-hidden="true">✔ </span>
      <span data-main-text={vault.detailMessage ? undefined : ''}>{sayMain(vault.detailMessage, vault.detail)}</span>
    </p>
  );
}

/**
 * Each system of a profile in one line: our words around the node names and
 * user names (server data, marked so nothing translates them), the nodes'
 * addresses one hover away.
 */
interface SummaryLine {
  key: string;
  addresses: string;
  content: ReactNode;
}

function serverSummary(profile: SiteProfile): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const names = (server: ProfileServer, urls: string[]) => urls.map((url) => nodeNameIn(profile, server, url)).join(', ');
  const data = (text: string) => <span translate="no">{text}</span>;
  const password = (set: boolean | undefined) => (set ? translate('connections.summary.passwordSet') : translate('connections.summary.passwordNotSet'));
  const push = (key: string, urls: string[], content: ReactNode) =>
    lines.push({
      key,
      addresses: translate('connections.summary.addresses', { addresses: urls.map(hostOf).join(', ') }),
      content: (
        <>
          {content}
          {plainNote(urls)}
        </>
      ),
    });
  const signedIn = (system: MessageId, nodes: string, user: string, set: boolean | undefined) => (
    <Message id="connections.summary.signedIn" values={{ system: translate(system), password: password(set) }} parts={{ nodes: data(nodes), user: data(user) }} />
  );
  if (profile.uccx) push('uccx', profile.uccx.nodes, signedIn('status.system.uccx', names('uccx', profile.uccx.nodes), profile.uccx.username, profile.uccx.passwordSet));
  if (profile.cupi) {
    const urls = [profile.cupi.publisher, profile.cupi.subscriber].filter((n): n is string => Boolean(n));
    push('cupi', urls, signedIn('status.system.cupi', names('cupi', urls), profile.cupi.username, profile.cupi.passwordSet));
  }
  if (profile.reports) {
    push(
      'reports',
      [profile.reports.url],
      <Message
        id="connections.summary.reports"
        values={{ system: translate('status.system.reports') }}
        parts={{ name: data(names('reports', [profile.reports.url])), agent: data(profile.reports.agentId) }}
      />,
    );
  }
  if (profile.finesse) push('finesse', profile.finesse.nodes, signedIn('status.system.finesse', names('finesse', profile.finesse.nodes), profile.finesse.username, profile.finesse.passwordSet));
  const fingerprints = profile.tls?.fingerprints ?? [];
  if (fingerprints.length) {
    lines.push({
      key: 'tls',
      addresses: '',
      content: <Message id="connections.summary.trusts" values={{ count: fingerprints.length }} parts={{ fingerprints: data(fingerprints.join('; ')) }} />,
    });
  }
  return lines;
}

/** Said wherever a connection would travel in plain text. */
function plainNote(urls: string[]): string {
  return urls.some((url) => /^(http|ws):/i.test(url)) ? ` · ${translate('status.notEncrypted')}` : '';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function ProfileTable({ onEdit }: { onEdit: (profile: SiteProfile) => void }) {
  const t = useT();
  const list = useConnectionsStore((s) => s.list);
  const results = useConnectionsStore((s) => s.results);
  const testing = useConnectionsStore((s) => s.testing);
  if (!list) return <p className="muted">{t('connections.loading')}</p>;
  if (list.profiles.length === 0) {
    return (
      <div className="panel">
        <h2>{t('connections.empty.title')}</h2>
        <p>{t('connections.empty.body')}</p>
      </div>
    );
  }
  return (
    <div className="profile-list">
      {list.profiles.map((profile) => {
        const active = profile.id === list.activeId;
        return (
          <article key={profile.id} className={`panel profile-card${active ? ' active' : ''}`} aria-label={t('connections.profile.label', { name: profile.name })}>
            <header className="profile-card-header">
              <h2>
                <span translate="no">{profile.name}</span>
                {active && (
                  <span className="badge active-badge">
                    <span aria-hidden="true">●</span> {t('connections.profile.inUse')}
                  </span>
                )}
              </h2>
              <div className="toolbar">
                {!active && (
                  <button type="button" className="primary" onClick={() => void activateProfile(profile.id)}>
                    {t('connections.profile.use')}
                  </button>
                )}
                <button type="button" disabled={testing !== null} onClick={() => void testConnections(profile.id)}>
                  {testing === profile.id ? t('connections.profile.testing') : t('connections.profile.test')}
                </button>
                {!list.demo && (
                  <>
                    <button type="button" onClick={() => onEdit(profile)}>
                      {t('connections.profile.edit')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        if (window.confirm(t('connections.profile.deleteConfirm', { name: profile.name }))) void deleteProfile(profile.id);
                      }}
                    >
                      {t('connections.profile.delete')}
                    </button>
                  </>
                )}
              </div>
            </header>
            <ul className="server-summary">
              {serverSummary(profile).map((line) => (
                <li key={line.key} title={line.addresses || undefined}>
                  {line.content}
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

const SERVER_NAMES: Record<ConnectionTestResult['server'], MessageId> = {
  uccx: 'status.system.uccx',
  cupi: 'status.system.cupi',
  reports: 'status.system.reports',
  finesse: 'status.system.finesse',
};

function TestResults({ profileId, results }: { profileId: string; results: ConnectionTestResult[] }) {
  const t = useT();
  return (
    <ul className="test-results" aria-label={t('connections.test.label')}>
      {results.map((result) => {
        const view = OUTCOME_PRESENTATION[result.outcome];
        return (
          <li key={`${result.server}-${result.node}`} className={`test-result tone-${view.tone}`} data-outcome={result.outcome}>
            <div className="test-result-head">
              <span aria-hidden="true" className="test-icon">
                {view.icon}
              </span>
              <strong>{t(view.title)}</strong>
              <span className="muted">
                {/* The report server's role names it already ("report server"); the others say their system, then the node's role. */}
                {result.server === 'reports' ? null : `${t(SERVER_NAMES[result.server])} `}
                <span data-main-text={result.roleMessage ? undefined : ''}>{sayMain(result.roleMessage, result.role)}</span> ·{' '}
                <span title={t('connections.test.address', { address: hostOf(result.node) })} translate="no">
                  {result.name ?? hostOf(result.node)}
                </span>
                {result.elapsedMs !== undefined ? ` · ${t('connections.test.elapsed', { ms: result.elapsedMs })}` : ''}
              </span>
            </div>
            {/* For certificates the box below says it all, in a form easier to compare. */}
            {!result.certificate && (
              <p className="test-message" data-main-text={result.said ? undefined : ''}>
                {sayMain(result.said, result.message)}
              </p>
            )}
            {result.certificate && (result.outcome === 'certificate-untrusted' || result.outcome === 'certificate-changed') && (
              <div className={`banner ${result.outcome === 'certificate-changed' ? 'banner-error' : 'banner-warning'} certificate-box`}>
                {result.outcome === 'certificate-changed' ? (
                  <p>
                    <strong>{t('connections.cert.warning')}</strong> {t('connections.cert.changed')}
                  </p>
                ) : (
                  <p>{t('connections.cert.untrusted')}</p>
                )}
                <dl className="certificate-details">
                  <dt>{t('connections.cert.server')}</dt>
                  <dd translate="no">{result.certificate.endpoint}</dd>
                  <dt>{t('connections.cert.subject')}</dt>
                  <dd translate="no">{result.certificate.subject}</dd>
                  <dt>{t('connections.cert.fingerprint')}</dt>
                  <dd className="fingerprint" translate="no">
                    {result.certificate.fingerprint}
                  </dd>
                  {result.certificate.pinnedFingerprint && (
                    <>
                      <dt>{t('connections.cert.previouslyTrusted')}</dt>
                      <dd className="fingerprint" translate="no">
                        {result.certificate.pinnedFingerprint}
                      </dd>
                    </>
                  )}
                </dl>
                <button type="button" className={result.outcome === 'certificate-changed' ? 'danger' : 'primary'} onClick={() => void trustCertificate(profileId, result.certificate!)}>
                  {result.outcome === 'certificate-changed' ? t('connections.cert.trustNew') : t('connections.cert.trust')}
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
  const t = useT();
  const trusted = useConnectionsStore((s) => s.trusted);
  if (trusted.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="trusted-title">
      <h2 id="trusted-title">{t('connections.trusted.title')}</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('connections.cert.server')}</th>
            <th scope="col">{t('connections.cert.subject')}</th>
            <th scope="col">{t('connections.cert.fingerprint')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('connections.trusted.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {trusted.map((pin) => (
            <tr key={pin.endpoint}>
              <td translate="no">{pin.endpoint}</td>
              <td translate="no">{pin.subject}</td>
              <td className="fingerprint" translate="no">
                {pin.fingerprint}
              </td>
              <td>
                <button type="button" onClick={() => void forgetCertificate(pin.endpoint)} aria-label={t('connections.trusted.forgetLabel', { endpoint: pin.endpoint })}>
                  {t('connections.trusted.forget')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
