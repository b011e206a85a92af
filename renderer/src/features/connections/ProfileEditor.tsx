import { useId, useState, type FormEvent, useRef } from 'react';
import { useDialogFocus } from '../../components/useDialogFocus';
import { nodeNames, type SiteProfile } from '../../../../shared/domain/profile';
import type { ProfileInput } from '../../../../shared/ipc/areas/connections';
import { CheckField, Field } from '../../components/Field';
import { saveProfile } from './connections-store';
import { useT } from '../../i18n/i18n';
import { Message } from '../../i18n/Message';

/**
 * Add or edit a profile. Saved passwords are never shown (main does not send
 * them): an empty password field keeps the saved one, "Remove" clears it.
 */
interface Draft {
  name: string;
  operatorName: string;
  allowPlaintextCredentials: boolean;
  uccxOn: boolean;
  uccxNode1: string;
  uccxNode2: string;
  uccxUser: string;
  uccxPassword: string;
  uccxRemove: boolean;
  cupiOn: boolean;
  cupiPublisher: string;
  cupiSubscriber: string;
  cupiUser: string;
  cupiPassword: string;
  cupiRemove: boolean;
  reportsOn: boolean;
  reportsUrl: string;
  reportsAgent: string;
  reportsUser: string;
  reportsPassword: string;
  reportsRemove: boolean;
  finesseOn: boolean;
  finesseNode1: string;
  finesseNode2: string;
  finesseUser: string;
  finessePassword: string;
  finesseRemove: boolean;
}

export function draftFrom(profile: SiteProfile | null): Draft {
  return {
    name: profile?.name ?? '',
    operatorName: profile?.operatorName ?? '',
    allowPlaintextCredentials: profile?.allowPlaintextCredentials ?? false,
    uccxOn: profile ? Boolean(profile.uccx) : true,
    uccxNode1: profile?.uccx?.nodes[0] ?? '',
    uccxNode2: profile?.uccx?.nodes[1] ?? '',
    uccxUser: profile?.uccx?.username ?? '',
    uccxPassword: '',
    uccxRemove: false,
    cupiOn: profile ? Boolean(profile.cupi) : true,
    cupiPublisher: profile?.cupi?.publisher ?? '',
    cupiSubscriber: profile?.cupi?.subscriber ?? '',
    cupiUser: profile?.cupi?.username ?? '',
    cupiPassword: '',
    cupiRemove: false,
    reportsOn: profile ? Boolean(profile.reports) : true,
    reportsUrl: profile?.reports?.url ?? '',
    reportsAgent: profile?.reports?.agentId ?? '',
    reportsUser: profile?.reports?.username ?? '',
    reportsPassword: '',
    reportsRemove: false,
    // Optional: a new profile starts without it (the board works without Finesse).
    finesseOn: Boolean(profile?.finesse),
    finesseNode1: profile?.finesse?.nodes[0] ?? '',
    finesseNode2: profile?.finesse?.nodes[1] ?? '',
    finesseUser: profile?.finesse?.username ?? '',
    finessePassword: '',
    finesseRemove: false,
  };
}

/** Typed password → set; "Remove" ticked → empty (removes); otherwise absent (keeps the saved one). */
function passwordField(typed: string, remove: boolean): { password?: string } {
  if (typed) return { password: typed };
  return remove ? { password: '' } : {};
}

export function toProfileInput(d: Draft, original: SiteProfile | null): ProfileInput {
  const input: ProfileInput = { name: d.name.trim() };
  if (d.operatorName.trim()) input.operatorName = d.operatorName.trim();
  if (d.allowPlaintextCredentials) input.allowPlaintextCredentials = true;
  if (d.uccxOn) {
    input.uccx = { nodes: [d.uccxNode1, d.uccxNode2].map((n) => n.trim()).filter(Boolean), username: d.uccxUser.trim(), ...passwordField(d.uccxPassword, d.uccxRemove) };
  }
  if (d.cupiOn) {
    input.cupi = { publisher: d.cupiPublisher.trim(), username: d.cupiUser.trim(), ...passwordField(d.cupiPassword, d.cupiRemove) };
    if (d.cupiSubscriber.trim()) input.cupi.subscriber = d.cupiSubscriber.trim();
  }
  if (d.reportsOn) {
    input.reports = { url: d.reportsUrl.trim(), agentId: d.reportsAgent.trim(), ...passwordField(d.reportsPassword, d.reportsRemove) };
    if (d.reportsUser.trim()) input.reports.username = d.reportsUser.trim();
    if (original?.reports?.limits) input.reports.limits = { ...original.reports.limits };
  }
  if (d.finesseOn) {
    input.finesse = { nodes: [d.finesseNode1, d.finesseNode2].map((n) => n.trim()).filter(Boolean), username: d.finesseUser.trim(), ...passwordField(d.finessePassword, d.finesseRemove) };
  }
  // The editor has no fields for the real-time queue endpoint: a profile file sets it, and saving keeps it.
  if (original?.realtime && d.uccxOn) input.realtime = { ...original.realtime };
  // So are the caller lists' repository folder and the switches document.
  if (input.uccx && original?.uccx?.callerListFolder) input.uccx.callerListFolder = original.uccx.callerListFolder;
  if (input.uccx && original?.uccx?.switchesDocument) input.uccx.switchesDocument = original.uccx.switchesDocument;
  // History retention is set in the profile file too.
  if (original?.history) input.history = { ...original.history };
  // So are the desktop app's presets of a roll-out.
  if (original?.desktop) input.desktop = { ...original.desktop };
  if (original?.tls?.fingerprints.length) input.tls = { fingerprints: [...original.tls.fingerprints] };
  keepNodeLabels(input, original);
  return input;
}

/**
 * The editor has no fields for node names either: a profile file sets them,
 * and saving keeps each with its node, as long as the node's URL stays the same.
 */
function keepNodeLabels(input: ProfileInput, original: SiteProfile | null): void {
  if (!original) return;
  const carried = (urls: string[], oldUrls: string[] = [], oldLabels: ReadonlyArray<string | undefined> = []) => {
    const labels = urls.map((url) => oldLabels[oldUrls.indexOf(url)]);
    // A node without a label of its own is called by its host name, as it was before.
    return labels.some(Boolean) ? nodeNames(urls, labels) : undefined;
  };
  if (input.uccx) {
    const labels = carried(input.uccx.nodes, original.uccx?.nodes, original.uccx?.nodeLabels);
    if (labels) input.uccx.nodeLabels = labels;
  }
  if (input.finesse) {
    const labels = carried(input.finesse.nodes, original.finesse?.nodes, original.finesse?.nodeLabels);
    if (labels) input.finesse.nodeLabels = labels;
  }
  if (input.cupi && original.cupi) {
    if (original.cupi.publisherLabel && input.cupi.publisher === original.cupi.publisher) input.cupi.publisherLabel = original.cupi.publisherLabel;
    if (original.cupi.subscriberLabel && input.cupi.subscriber === original.cupi.subscriber) input.cupi.subscriberLabel = original.cupi.subscriberLabel;
  }
  if (input.reports && original.reports?.label && input.reports.url === original.reports.url) input.reports.label = original.reports.label;
}

export function ProfileEditor({ profile, onDone }: { profile: SiteProfile | null; onDone: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(profile));
  const [saving, setSaving] = useState(false);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // Focus goes to the first field on open; Esc cancels; focus returns to the button that opened it.
  useDialogFocus(formRef, { onClose: onDone });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const saved = await saveProfile(profile?.id, toProfileInput(draft, profile));
    setSaving(false);
    // Typed passwords leave the page's memory as soon as main has them.
    setDraft((d) => ({ ...d, uccxPassword: '', cupiPassword: '', reportsPassword: '', finessePassword: '' }));
    if (saved) onDone();
  };

  /** `exampleUrl`: the placeholder is an address, the same in every language (not a word to translate). */
  const text = (key: keyof Draft, label: string, options: { type?: string; placeholder?: string; exampleUrl?: string; required?: boolean; autoComplete?: string } = {}) => (
    <Field label={label}>
      <input
        id={`${id}-${key}`}
        type={options.type ?? 'text'}
        value={draft[key] as string}
        placeholder={options.exampleUrl ?? options.placeholder}
        translate={options.exampleUrl ? 'no' : undefined}
        required={options.required}
        autoComplete={options.autoComplete ?? 'off'}
        spellCheck={false}
        onChange={(e) => set(key, e.target.value as never)}
      />
    </Field>
  );

  const password = (
    key: 'uccxPassword' | 'cupiPassword' | 'reportsPassword' | 'finessePassword',
    removeKey: 'uccxRemove' | 'cupiRemove' | 'reportsRemove' | 'finesseRemove',
    isSet: boolean | undefined, label: string) => (
    <div className="password-field">
      {text(key, label, { type: 'password', placeholder: isSet ? t('profileEditor.password.saved') : t('profileEditor.password.notSet'), autoComplete: 'new-password' })}
      {isSet && (
         <CheckField label={t('profileEditor.password.remove')} checked={draft[removeKey]} onChange={(checked) => set(removeKey, checked)} />
      )}
    </div>
  );

  const section = (key: 'uccxOn' | 'cupiOn' | 'reportsOn' | 'finesseOn', title: string, body: React.ReactNode) => (
    <fieldset className="profile-section">
      <legend>
        <CheckField label={title} checked={draft[key]} onChange={(checked) => set(key, checked)} />
      </legend>
      {draft[key] ? <div className="field-grid">{body}</div> : <p className="muted">{t('profileEditor.notUsed')}</p>}
    </fieldset>
  );

  return (
    <form ref={formRef} className="panel profile-editor" onSubmit={(e) => void submit(e)} aria-label={profile ? t('profileEditor.editLabel', { name: profile.name }) : t('connections.newProfile')}>
      <h2>{profile ? t('profileEditor.editTitle', { name: profile.name }) : t('connections.newProfile')}</h2>
      <div className="field-grid">
        {text('name', t('profileEditor.name'), { required: true, placeholder: t('profileEditor.name.example') })}
        {text('operatorName', t('profileEditor.operatorName'), { placeholder: t('profileEditor.operatorName.example') })}
      </div>
      {section(
        'uccxOn',
        t('status.system.uccx'),
        <>
          {text('uccxNode1', t('profileEditor.node1'), { required: true, exampleUrl: 'https://ccx-a.example.com' })}
          {text('uccxNode2', t('profileEditor.node2'), { exampleUrl: 'https://ccx-b.example.com' })}
          {text('uccxUser', t('profileEditor.userName'), { required: true })}
          {password('uccxPassword', 'uccxRemove', profile?.uccx?.passwordSet, t('profileEditor.password'))}
        </>,
      )}
      {section(
        'cupiOn',
        t('status.system.cupi'),
        <>
          {text('cupiPublisher', t('profileEditor.publisher'), { required: true, exampleUrl: 'https://cuc-pub.example.com' })}
          {text('cupiSubscriber', t('profileEditor.subscriber'), { exampleUrl: 'https://cuc-sub.example.com' })}
          {text('cupiUser', t('profileEditor.userName'), { required: true })}
          {password('cupiPassword', 'cupiRemove', profile?.cupi?.passwordSet, t('profileEditor.password'))}
        </>,
      )}
      {section(
        'reportsOn',
        t('profileEditor.reports'),
        <>
          {text('reportsUrl', t('profileEditor.reportsUrl'), { required: true, exampleUrl: 'wss://reports.example.com:9443/' })}
          {text('reportsAgent', t('profileEditor.reportsAgent'), { required: true, placeholder: t('profileEditor.agentIdHint') })}
          {text('reportsUser', t('profileEditor.userNameOptional'))}
          {password('reportsPassword', 'reportsRemove', profile?.reports?.passwordSet, t('profileEditor.passwordOptional'))}
          {profile?.reports?.headerNames.length ? (
            <p className="muted">
              <Message id="profileEditor.extraHeaders" parts={{ names: <span translate="no">{profile.reports.headerNames.join(', ')}</span> }} />
            </p>
          ) : null}
        </>,
      )}
      {section(
        'finesseOn',
        t('profileEditor.finesse'),
        <>
          {text('finesseNode1', t('profileEditor.node1'), { required: true, exampleUrl: 'https://ccx-a.example.com:8445' })}
          {text('finesseNode2', t('profileEditor.node2'), { exampleUrl: 'https://ccx-b.example.com:8445' })}
          {text('finesseUser', t('profileEditor.finesseUser'), { required: true, placeholder: t('profileEditor.agentIdHint') })}
          {password('finessePassword', 'finesseRemove', profile?.finesse?.passwordSet, t('profileEditor.finessePassword'))}
          <p className="muted field-hint">{t('profileEditor.finesseHint')}</p>
        </>,
      )}
      <fieldset className="profile-section">
        <legend>{t('profileEditor.security')}</legend>
        <CheckField
          label={t('profileEditor.allowPlaintext')}
          checked={draft.allowPlaintextCredentials}
          onChange={(checked) => set('allowPlaintextCredentials', checked)}
        />
        <p className="muted field-hint">{t('profileEditor.allowPlaintextHint')}</p>
      </fieldset>
      <div className="toolbar">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('profileEditor.saving') : t('profileEditor.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
