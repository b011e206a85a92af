import { useEffect, useState, type ComponentType } from 'react';
import { ErrorBanner } from '../../../components/ErrorDetails';
import type { UccxConfig } from '../../../../../shared/domain/uccx';
import { clock, loadUccx, subscribeUccx, useUccxStore } from './uccx-store';
import { AgentsEditor } from './AgentsEditor';
import { SkillsEditor } from './SkillsEditor';
import { CsqsEditor } from './CsqsEditor';
import { TeamsEditor } from './TeamsEditor';
import { ApplicationsEditor } from './ApplicationsEditor';
import { CalendarsEditor } from './CalendarsEditor';
import { PromptsEditor } from './PromptsEditor';
import { CallerListsEditor } from './CallerListsEditor';
import { leaveIfAllowed } from '../../../store/unsaved-guard';
import { TabList, tabPanelProps } from '../../../components/Tabs';

/** Each tab edits the configuration list of the same name (its count shows on the tab). */
type ListKey = 'agents' | 'skills' | 'csqs' | 'teams' | 'applications' | 'calendars' | 'prompts';
/** Caller lists are documents in the repository, not part of the configuration: no count on their tab. */
type TabKey = ListKey | 'callerLists';

const EDITORS: Array<{ id: TabKey; label: string; component: ComponentType<{ config: UccxConfig }> }> = [
  { id: 'agents', label: 'Agents', component: AgentsEditor },
  { id: 'skills', label: 'Skills', component: SkillsEditor },
  { id: 'csqs', label: 'CSQs', component: CsqsEditor },
  { id: 'teams', label: 'Teams', component: TeamsEditor },
  { id: 'applications', label: 'Applications', component: ApplicationsEditor },
  { id: 'calendars', label: 'Calendars', component: CalendarsEditor },
  { id: 'prompts', label: 'Prompts', component: PromptsEditor },
  { id: 'callerLists', label: 'Caller lists', component: CallerListsEditor },
];

/** Why edits wait, in words, above every UCCX editor. */
export function UccxBanner() {
  const state = useUccxStore((s) => s.state);
  const config = useUccxStore((s) => s.config);
  if (config?.source === 'cache') {
    return (
      <p className="banner banner-warning" role="status">
        <span aria-hidden="true">⚠ </span>Showing the configuration as of {clock(config.fetchedAt)}: UCCX cannot be reached ({state?.detail ?? 'unreachable'}). You can still make changes; they are
        queued and written when UCCX is back.
      </p>
    );
  }
  if (state && (state.mode === 'read-only' || state.mode === 'offline')) {
    return (
      <p className="banner banner-warning" role="status">
        <span aria-hidden="true">⚠ </span>
        {state.detail}. Changes are queued and written when a database master accepts writes.
      </p>
    );
  }
  return null;
}

export function UccxEditors() {
  const { config, loading, error } = useUccxStore();
  const [tab, setTab] = useState<TabKey>('agents');

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
          tabs={EDITORS.map((editor) => ({
            id: editor.id,
            label: (
              <>
                {editor.label}
                {config && editor.id !== 'callerLists' ? <span className="muted"> {config[editor.id].length}</span> : null}
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
      {config ? (
        <div {...tabPanelProps('uccx', tab)}>
          <Editor config={config} />
        </div>
      ) : loading ? (
        <p className="muted">Loading the UCCX configuration…</p>
      ) : null}
    </div>
  );
}
