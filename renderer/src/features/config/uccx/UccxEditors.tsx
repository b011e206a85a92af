import { useEffect, useState, type ComponentType } from 'react';
import { ErrorBanner } from '../../../components/ErrorDetails';
import type { UccxConfig } from '../../../../../shared/domain/uccx';
import { clock, loadUccx, subscribeUccx, useUccxStore } from './uccx-store';
import { sayMain } from '../../../i18n/i18n';
import { AgentsEditor } from './AgentsEditor';
import { SkillsEditor } from './SkillsEditor';
import { CsqsEditor } from './CsqsEditor';
import { TeamsEditor } from './TeamsEditor';
import { ApplicationsEditor } from './ApplicationsEditor';
import { CalendarsEditor } from './CalendarsEditor';
import { PromptsEditor } from './PromptsEditor';
import { CallerListsEditor } from './CallerListsEditor';
import { SwitchesEditor } from './SwitchesEditor';
import { leaveIfAllowed } from '../../../store/unsaved-guard';
import { TabList, tabPanelProps } from '../../../components/Tabs';
import { CreateDeleteRefused, EditorReadOnly } from './editor-access';
import type { UccxEditorKey } from '../../../../../shared/domain/uccx-access';

/** Each tab edits the configuration list of the same name (its count shows on the tab); Prompts browses the prompt repository. */
type TabId = UccxEditorKey;
/** Prompts, caller lists and switches are files in the repository, not part of the configuration: no count on their tab. */
const REPOSITORY_TABS: ReadonlySet<TabId> = new Set(['prompts', 'callerLists', 'switches']);

const EDITORS: Array<{ id: TabId; label: string; component: ComponentType<{ config: UccxConfig }> }> = [
  { id: 'agents', label: 'Agents', component: AgentsEditor },
  { id: 'skills', label: 'Skills', component: SkillsEditor },
  { id: 'csqs', label: 'CSQs', component: CsqsEditor },
  { id: 'teams', label: 'Teams', component: TeamsEditor },
  { id: 'applications', label: 'Applications', component: ApplicationsEditor },
  { id: 'calendars', label: 'Calendars', component: CalendarsEditor },
  { id: 'prompts', label: 'Prompts', component: PromptsEditor },
  { id: 'callerLists', label: 'Caller lists', component: CallerListsEditor },
  { id: 'switches', label: 'Switches', component: SwitchesEditor },
];

/** Why edits wait, in words, above every UCCX editor. */
export function UccxBanner() {
  const state = useUccxStore((s) => s.state);
  const config = useUccxStore((s) => s.config);
  if (config?.source === 'cache') {
    return (
      <p className="banner banner-warning" role="status">
        <span aria-hidden="true">⚠ </span>Showing the configuration as of {clock(config.fetchedAt)}: UCCX cannot be reached ({state ? sayMain(state.detailMessage, state.detail) : 'unreachable'}). You can still make changes; they are
        queued and written when UCCX is back.
      </p>
    );
  }
  if (state && (state.mode === 'read-only' || state.mode === 'offline')) {
    return (
      <p className="banner banner-warning" role="status">
        <span aria-hidden="true">⚠ </span>
        {sayMain(state.detailMessage, state.detail)}. Changes are queued and written when a database master accepts writes.
      </p>
    );
  }
  return null;
}

/**
 * What the profile's UCCX account may do with the editor on screen, in words:
 * why it is read-only, or a note (a supervisor sees only their teams' agents).
 */
function AccessBanner({ config, tab }: { config: UccxConfig; tab: TabId }) {
  const editor = config.account?.editors[tab];
  if (!editor) return null;
  if (editor.access === 'read-only' && editor.reason) {
    return (
      <p className="banner banner-info access-banner" role="note" data-testid="uccx-access">
        <span aria-hidden="true">⊘ </span>
        <strong>Read-only.</strong> {editor.reason}
      </p>
    );
  }
  return (
    <>
      {editor.reason ? (
        <p className="muted access-note" data-testid="uccx-access">
          {editor.reason}
        </p>
      ) : null}
      {editor.access === 'edit' && editor.createDelete ? (
        // The account may change what it has, but UCCX refused a create or delete: New… and Delete… are disabled, and this says why.
        <p className="banner banner-info access-banner" role="note" data-testid="uccx-create-delete-access">
          <span aria-hidden="true">⊘ </span>
          <strong>New and Delete not offered.</strong> {editor.createDelete}
        </p>
      ) : null}
    </>
  );
}

/** Editors the account may not even read, each with its reason, so nothing disappears without a word. */
function HiddenEditors({ config }: { config: UccxConfig }) {
  const hidden = EDITORS.filter((editor) => config.account?.editors[editor.id].access === 'hidden');
  if (hidden.length === 0) return null;
  return (
    <ul className="hidden-editors muted" aria-label="UCCX objects not shown" data-testid="uccx-hidden-editors">
      {hidden.map((editor) => (
        <li key={editor.id}>
          <strong>{editor.label} not shown.</strong> {config.account!.editors[editor.id].reason}
        </li>
      ))}
    </ul>
  );
}

export function UccxEditors() {
  const { config, loading, error } = useUccxStore();
  const [chosenTab, setTab] = useState<TabId>('agents');
  const shown = EDITORS.filter((editor) => config?.account?.editors[editor.id].access !== 'hidden');
  // An editor the account may not read is not offered; the first one shown stands in for it.
  const tab = shown.some((editor) => editor.id === chosenTab) ? chosenTab : (shown[0]?.id ?? chosenTab);
  const readOnlyReason = config?.account?.editors[tab].access === 'read-only' ? config.account.editors[tab].reason : null;

  useEffect(() => {
    subscribeUccx();
    if (!useUccxStore.getState().config) void loadUccx();
  }, []);

  const Editor = EDITORS.find((editor) => editor.id === tab)!.component;
  return (
    <div className="uccx-editors">
      <UccxBanner />
      <div className="toolbar">
        <TabList
          label="UCCX objects"
          idPrefix="uccx"
          className="sub-tabs"
          selected={tab}
          onSelect={(next) => leaveIfAllowed(() => setTab(next))}
          tabs={shown.map((editor) => ({
            id: editor.id,
            label: (
              <>
                {editor.label}
                {config && !REPOSITORY_TABS.has(editor.id) ? <span className="muted"> {config[editor.id as Exclude<TabId, 'prompts' | 'callerLists' | 'switches'>].length}</span> : null}
              </>
            ),
          }))}
        />
        <button type="button" onClick={() => void loadUccx()} disabled={loading}>
          {loading ? 'Loading…' : 'Reload'}
        </button>
        {config ? (
          <span className="muted">
            {config.source === 'live' ? `Read ${clock(config.fetchedAt)}${config.node ? ` from ${config.node}` : ''}` : `Cached copy from ${clock(config.fetchedAt)}`}
          </span>
        ) : null}
      </div>
      {error && !config ? <ErrorBanner error={error} testId="uccx-load-error" /> : null}
      {config ? <HiddenEditors config={config} /> : null}
      {config ? (
        <div {...tabPanelProps('uccx', tab)}>
          <AccessBanner config={config} tab={tab} />
          <EditorReadOnly.Provider value={readOnlyReason}>
            <CreateDeleteRefused.Provider value={config.account?.editors[tab].createDelete ?? null}>
              <Editor config={config} />
            </CreateDeleteRefused.Provider>
          </EditorReadOnly.Provider>
        </div>
      ) : loading ? (
        <p className="muted">Loading the UCCX configuration…</p>
      ) : null}
    </div>
  );
}
