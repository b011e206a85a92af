import { useEffect, useState, type ComponentType } from 'react';
import { ErrorBanner, MainText } from '../../../components/ErrorDetails';
import type { UccxConfig } from '../../../../../shared/domain/uccx';
import { loadUccx, subscribeUccx, useUccxStore } from './uccx-store';
import { sayMain, useLocale, useT, type MessageId } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';
import { formatClock } from '../../../i18n/format';
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

const EDITORS: Array<{ id: TabId; label: MessageId; component: ComponentType<{ config: UccxConfig }> }> = [
  { id: 'agents', label: 'uccx.frame.tab.agents', component: AgentsEditor },
  { id: 'skills', label: 'uccx.frame.tab.skills', component: SkillsEditor },
  { id: 'csqs', label: 'uccx.frame.tab.csqs', component: CsqsEditor },
  { id: 'teams', label: 'uccx.frame.tab.teams', component: TeamsEditor },
  { id: 'applications', label: 'uccx.frame.tab.applications', component: ApplicationsEditor },
  { id: 'calendars', label: 'uccx.frame.tab.calendars', component: CalendarsEditor },
  { id: 'prompts', label: 'uccx.frame.tab.prompts', component: PromptsEditor },
  { id: 'callerLists', label: 'uccx.frame.tab.callerLists', component: CallerListsEditor },
  { id: 'switches', label: 'uccx.frame.tab.switches', component: SwitchesEditor },
];

/** When the configuration was read, in the locale's clock. */
function ReadAt({ epochMs }: { epochMs: number }) {
  const locale = useLocale();
  return <time dateTime={new Date(epochMs).toISOString()}>{formatClock(epochMs, locale)}</time>;
}

/** Main's sentence on UCCX's state, in the chosen language where main sent it by id (else its English, marked as main's). */
function MainDetail({ state }: { state: { detail: string; detailMessage?: Parameters<typeof sayMain>[0] } }) {
  return <span {...(state.detailMessage ? {} : { 'data-main-text': '' })}>{sayMain(state.detailMessage, state.detail)}</span>;
}

/** Why edits wait, in words, above every UCCX editor. */
export function UccxBanner() {
  const t = useT();
  const state = useUccxStore((s) => s.state);
  const config = useUccxStore((s) => s.config);
  if (config?.source === 'cache') {
    return (
      <p className="banner banner-warning" role="status">
        <span aria-hidden="true">⚠ </span>
        <Message
          id="uccx.frame.cached"
          parts={{ time: <ReadAt epochMs={config.fetchedAt} />, detail: state?.detail ? <MainDetail state={state} /> : t('uccx.frame.unreachable') }}
        />
      </p>
    );
  }
  if (state && (state.mode === 'read-only' || state.mode === 'offline')) {
    return (
      <p className="banner banner-warning" role="status">
        <span aria-hidden="true">⚠ </span>
        <Message id="uccx.frame.readOnly" parts={{ detail: <MainDetail state={state} /> }} />
      </p>
    );
  }
  return null;
}

/**
 * What the profile's UCCX account may do with the editor on screen, in words:
 * why it is read-only, or a note (a supervisor sees only their teams' agents),
 * each main's sentence in the user's language (the account name and UCCX's
 * own refusal in it shown as sent).
 */
function AccessBanner({ config, tab }: { config: UccxConfig; tab: TabId }) {
  const t = useT();
  const editor = config.account?.editors[tab];
  if (!editor) return null;
  if (editor.access === 'read-only' && editor.reason) {
    return (
      <p className="banner banner-info access-banner" role="note" data-testid="uccx-access">
        <span aria-hidden="true">⊘ </span>
        <strong>{t('uccx.frame.access.readOnly')}</strong> <MainText said={editor.reasonMessage} english={editor.reason} />
      </p>
    );
  }
  return (
    <>
      {editor.reason ? (
        <p className="muted access-note" data-testid="uccx-access">
          <MainText said={editor.reasonMessage} english={editor.reason} />
        </p>
      ) : null}
      {editor.access === 'edit' && editor.createDelete ? (
        // The account may change what it has, but UCCX refused a create or delete: New… and Delete… are disabled, and this says why.
        <p className="banner banner-info access-banner" role="note" data-testid="uccx-create-delete-access">
          <span aria-hidden="true">⊘ </span>
          <strong>{t('uccx.frame.access.noCreateDelete')}</strong> <MainText said={editor.createDeleteMessage} english={editor.createDelete} />
        </p>
      ) : null}
    </>
  );
}

/** Editors the account may not even read, each with its reason, so nothing disappears without a word. */
function HiddenEditors({ config }: { config: UccxConfig }) {
  const t = useT();
  const hidden = EDITORS.filter((editor) => config.account?.editors[editor.id].access === 'hidden');
  if (hidden.length === 0) return null;
  return (
    <ul className="hidden-editors muted" aria-label={t('uccx.frame.hidden.label')} data-testid="uccx-hidden-editors">
      {hidden.map((editor) => {
        const access = config.account!.editors[editor.id];
        return (
          <li key={editor.id}>
            <strong>{t('uccx.frame.hidden.editor', { editor: t(editor.label) })}</strong> <MainText said={access.reasonMessage} english={access.reason} />
          </li>
        );
      })}
    </ul>
  );
}

export function UccxEditors() {
  const t = useT();
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
          label={t('uccx.frame.tabs')}
          idPrefix="uccx"
          className="sub-tabs"
          selected={tab}
          onSelect={(next) => leaveIfAllowed(() => setTab(next))}
          tabs={shown.map((editor) => ({
            id: editor.id,
            label: (
              <>
                {t(editor.label)}
                {config && !REPOSITORY_TABS.has(editor.id) ? <span className="muted"> {config[editor.id as Exclude<TabId, 'prompts' | 'callerLists' | 'switches'>].length}</span> : null}
              </>
            ),
          }))}
        />
        <button type="button" onClick={() => void loadUccx()} disabled={loading}>
          {loading ? t('uccx.frame.loading') : t('uccx.frame.reload')}
        </button>
        {config ? (
          <span className="muted">
            {config.source === 'cache' ? (
              <Message id="uccx.frame.cachedCopy" parts={{ time: <ReadAt epochMs={config.fetchedAt} /> }} />
            ) : config.node ? (
              <Message id="uccx.frame.readFrom" parts={{ time: <ReadAt epochMs={config.fetchedAt} />, node: <span translate="no">{config.node}</span> }} />
            ) : (
              <Message id="uccx.frame.read" parts={{ time: <ReadAt epochMs={config.fetchedAt} /> }} />
            )}
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
        <p className="muted">{t('uccx.frame.loadingConfig')}</p>
      ) : null}
    </div>
  );
}
