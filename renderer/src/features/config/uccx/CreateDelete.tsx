import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FieldMap, PendingChange } from '../../../../../shared/domain/changes';
import type { FieldError } from '../../../../../shared/domain/validation';
import { uccxUsage, type CreatableType, type UccxConfig, type UccxUsage } from '../../../../../shared/domain/uccx';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { useLocale, useT, type MessageId } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';
import { submitEdits } from './uccx-store';
import { useSavedChanges } from './saved-values';
import { useCreateDeleteHeldBack } from './editor-access';
import { ReviewAndQueue } from './ReviewAndQueue';

/**
 * Creating and deleting CSQs, teams and calendars, shared by their editors.
 *
 * A new object is queued like any change (operation `create`, keyed by its
 * name until UCCX gives it an id) and shows in its list at once, marked with
 * where its change is; once written and read back it is the object UCCX
 * returns, with its id. A delete is refused here, before anything is queued,
 * while something still uses the object (uccxUsage: the same rule main
 * applies again on freshly read configuration, and the writer once more
 * before the DELETE).
 */

/**
 * Words for each type in the changes queued for main: the label and summary
 * Pending changes and the audit log keep, in English like main's own.
 */
export const TYPE_WORDS: Record<CreatableType, { one: string; label: (name: string) => string }> = {
  csq: { one: 'CSQ', label: (name) => `CSQ ${name}` },
  team: { one: 'team', label: (name) => `Team ${name}` },
  calendar: { one: 'calendar', label: (name) => `Calendar ${name}` },
};

/**
 * The sentences of the create and delete steps, one set per type: each
 * language words them whole (German gives a CSQ, a team and a calendar
 * different genders).
 */
const TYPE_MESSAGES: Record<
  CreatableType,
  {
    /** "CSQ {name}" */
    label: MessageId;
    /** "New CSQ…" */
    newButton: MessageId;
    /** "New CSQ {name}", the waiting object's section */
    newNamed: MessageId;
    /** "the new CSQ", for "Discard unsaved changes to …?" */
    theNew: MessageId;
    /** "New CSQ {name}: review before saving" */
    review: MessageId;
    /** "New CSQ (no name yet): review before saving" */
    reviewUnnamed: MessageId;
    /** "This CSQ is saved and waits to be created on UCCX …" */
    waiting: MessageId;
    /** "This cannot be undone: UCCX keeps no copy of a deleted CSQ." */
    cannotUndo: MessageId;
  }
> = {
  csq: {
    label: 'uccx.create.csq.label',
    newButton: 'uccx.create.csq.newButton',
    newNamed: 'uccx.create.csq.newNamed',
    theNew: 'uccx.create.csq.theNew',
    review: 'uccx.create.csq.review',
    reviewUnnamed: 'uccx.create.csq.reviewUnnamed',
    waiting: 'uccx.create.csq.waiting',
    cannotUndo: 'uccx.create.csq.cannotUndo',
  },
  team: {
    label: 'uccx.create.team.label',
    newButton: 'uccx.create.team.newButton',
    newNamed: 'uccx.create.team.newNamed',
    theNew: 'uccx.create.team.theNew',
    review: 'uccx.create.team.review',
    reviewUnnamed: 'uccx.create.team.reviewUnnamed',
    waiting: 'uccx.create.team.waiting',
    cannotUndo: 'uccx.create.team.cannotUndo',
  },
  calendar: {
    label: 'uccx.create.calendar.label',
    newButton: 'uccx.create.calendar.newButton',
    newNamed: 'uccx.create.calendar.newNamed',
    theNew: 'uccx.create.calendar.theNew',
    review: 'uccx.create.calendar.review',
    reviewUnnamed: 'uccx.create.calendar.reviewUnnamed',
    waiting: 'uccx.create.calendar.waiting',
    cannotUndo: 'uccx.create.calendar.cannotUndo',
  },
};

/**
 * Objects saved as new but not yet in the configuration as read: built from
 * their change (`fromChange`), with the change's key as their id so their
 * marker follows it. One that failed stays, so its marker says why.
 */
export function usePendingCreates<T>(type: CreatableType, existingNames: readonly string[], fromChange: (change: PendingChange) => T): T[] {
  const changes = useSavedChanges();
  return useMemo(() => {
    const taken = new Set(existingNames.map((name) => name.toLowerCase()));
    return changes
      .filter((change) => change.ref.type === type && change.operation === 'create' && change.state !== 'discarded')
      .filter((change) => !taken.has(String(change.mine.name ?? change.ref.id).toLowerCase()))
      .map(fromChange);
  }, [changes, existingNames, type, fromChange]);
}

/**
 * "New CSQ…" (team, calendar) above an editor's list, the new object's form
 * in place of the chosen one's, and which object the list opens once it is
 * saved: the new one, by its name until UCCX has given it an id, then by
 * that id. The three parts go to LocalListDetail's `actions`, `detail` and
 * `select`.
 */
export function useCreateFlow(
  type: CreatableType,
  onServer: ReadonlyArray<{ id: string; name: string }>,
  form: (onDone: (createdKey: string | null) => void) => ReactNode,
): { select: string | null; actions: ReactNode; detail: ReactNode } {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [justCreated, setJustCreated] = useState<string | null>(null);
  const onDone = (createdKey: string | null) => {
    setAdding(false);
    if (createdKey) setJustCreated(createdKey);
  };
  return {
    select: onServer.find((item) => item.name.toLowerCase() === justCreated?.toLowerCase())?.id ?? justCreated,
    actions: (
      <button type="button" onClick={() => setAdding(true)} disabled={adding}>
        {t(TYPE_MESSAGES[type].newButton)}
      </button>
    ),
    detail: adding ? form(onDone) : null,
  };
}

/**
 * The review step of a "New CSQ…" (team, calendar) form: Queue change queues
 * one create change keyed by the typed name and opens the new object
 * (`onDone(name)`); Cancel closes the form (`onDone(null)`).
 */
export function ReviewNewObject(props: {
  type: CreatableType;
  name: string;
  mine: FieldMap;
  labels: Record<string, string>;
  errors: FieldError[];
  onDone: (createdKey: string | null) => void;
}) {
  const { type, mine, onDone } = props;
  const t = useT();
  const words = TYPE_WORDS[type];
  const messages = TYPE_MESSAGES[type];
  const typedName = props.name.trim();
  return (
    <ReviewAndQueue
      name={t(messages.theNew)}
      heading={typedName ? t(messages.review, { name: typedName }) : t(messages.reviewUnnamed)}
      base={{}}
      mine={mine}
      labels={props.labels}
      errors={props.errors}
      backLabel={t('common.cancel')}
      onReset={() => onDone(null)}
      onQueue={async () => {
        const name = props.name;
        const queued = await submitEdits([{ type, id: name, operation: 'create', label: words.label(name), summary: `Create ${words.one} ${name}`, base: {}, mine }]);
        if (queued) onDone(name);
      }}
    />
  );
}

/** Shown instead of a form for an object that is not on UCCX yet. */
export function WaitingToBeCreated({ type, name }: { type: CreatableType; name: string }) {
  const t = useT();
  return (
    <section className="panel" aria-label={t(TYPE_MESSAGES[type].newNamed, { name })}>
      <h2 translate="no">{name}</h2>
      <p>{t(TYPE_MESSAGES[type].waiting)}</p>
    </section>
  );
}

/** "UCCX id 12": the id UCCX gave the object, under its name in the form. */
export function ServerId({ id }: { id: string }) {
  const t = useT();
  return <span className="muted server-id">{t('uccx.create.serverId', { id })}</span>;
}

/**
 * The heading of an existing object's form: its name, the id UCCX gave it and
 * Delete… (disabled while the editor may not delete), with the delete step
 * under it once chosen.
 */
export function HeadingWithDelete(props: { type: CreatableType; id: string; name: string; config: UccxConfig; consequence: ReactNode }) {
  const t = useT();
  const [deleting, setDeleting] = useState(false);
  const heldBack = useCreateDeleteHeldBack();
  return (
    <>
      <div className="toolbar form-heading">
        <h2 translate="no">{props.name}</h2>
        <ServerId id={props.id} />
        <button type="button" className="danger" onClick={() => setDeleting(true)} disabled={deleting || heldBack}>
          {t('uccx.create.deleteButton')}
        </button>
      </div>
      {deleting ? <DeleteUccxObject {...props} onClose={() => setDeleting(false)} /> : null}
    </>
  );
}

/**
 * The delete step of one object: refused in words, naming what uses it, or
 * confirmed in words (`consequence` says what changes for callers or agents).
 */
export function DeleteUccxObject(props: { type: CreatableType; id: string; name: string; config: UccxConfig; consequence: ReactNode; onClose: () => void }) {
  const t = useT();
  const words = TYPE_WORDS[props.type];
  const messages = TYPE_MESSAGES[props.type];
  const label = words.label(props.name);
  const usage = uccxUsage(props.config, props.type, props.id);
  if (usage.length > 0) {
    const shownLabel = <Message id={messages.label} parts={{ name: <span translate="no">{props.name}</span> }} />;
    return (
      <DeleteRefused
        title={<Message id="uccx.create.refused.title" parts={{ label: shownLabel }} />}
        reason={<UsageReason label={shownLabel} usage={usage} />}
        onClose={props.onClose}
      />
    );
  }
  const shownLabel = t(messages.label, { name: props.name });
  return (
    <ConfirmPanel
      title={t('uccx.create.confirm.title', { label: shownLabel })}
      confirmLabel={t('uccx.create.confirm.button', { label: shownLabel })}
      danger
      onCancel={props.onClose}
      onConfirm={async () => {
        const queued = await submitEdits([{ type: props.type, id: props.id, operation: 'delete', label, summary: `Delete ${words.one} ${props.name}`, base: { name: props.name }, mine: {} }]);
        if (queued) props.onClose();
      }}
    >
      <p>{props.consequence}</p>
      <p>{t(messages.cannotUndo)}</p>
    </ConfirmPanel>
  );
}

/** At most this many names in a refusal; the rest are counted ("and 3 more"). */
const NAMES_SHOWN = 20;

/**
 * What uses the object, in the language's own list form ("Alpha, Beta, and
 * Gamma"). The names are server data and the joining words ("and", "und",
 * "y") are Intl's, already in the formatting locale: neither is ours to
 * translate. "3 more" is ours.
 */
function NameList({ names }: { names: readonly string[] }) {
  const t = useT();
  const locale = useLocale();
  const shown = names.slice(0, NAMES_SHOWN);
  const more = names.length > NAMES_SHOWN ? t('uccx.create.refused.more', { count: names.length - NAMES_SHOWN }) : null;
  const parts = new Intl.ListFormat(locale, { type: 'conjunction' }).formatToParts(more ? [...shown, more] : shown);
  let elements = 0;
  return (
    <>
      {parts.map((part, index) => {
        const isMore = part.type === 'element' && ++elements > shown.length;
        return isMore ? (
          part.value
        ) : (
          <span key={index} translate="no">
            {part.value}
          </span>
        );
      })}
    </>
  );
}

/**
 * The refusal in words, naming every user, as main says it in English
 * (describeUsage): "CSQ Sales_CSQ cannot be deleted: team Alpha serves it;
 * remove it from that team first."
 */
function UsageReason({ label, usage }: { label: ReactNode; usage: readonly UccxUsage[] }) {
  const byKind = (kind: UccxUsage['kind']) => usage.find((use) => use.kind === kind);
  const agents = byKind('agent');
  const names = (use: UccxUsage) => ({ label, names: <NameList names={use.names} /> });
  if (byKind('default-team')) {
    return agents ? (
      <Message id="uccx.create.refused.defaultTeamWithAgents" values={{ count: agents.names.length }} parts={names(agents)} />
    ) : (
      <Message id="uccx.create.refused.defaultTeam" parts={{ label }} />
    );
  }
  if (agents) return <Message id="uccx.create.refused.agents" values={{ count: agents.names.length }} parts={names(agents)} />;
  const teams = byKind('team');
  if (teams) return <Message id="uccx.create.refused.teams" values={{ count: teams.names.length }} parts={names(teams)} />;
  const applications = byKind('application')!;
  return <Message id="uccx.create.refused.applications" values={{ count: applications.names.length }} parts={names(applications)} />;
}

/**
 * A delete refused before anything is queued: the reason in words and one
 * way out. Like ConfirmPanel it takes focus (on Close) and gives it back,
 * and Esc closes it; there is nothing to confirm.
 */
function DeleteRefused({ title, reason, onClose }: { title: ReactNode; reason: ReactNode; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);
  return (
    <div
      className="panel confirm-panel"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>
        <p role="alert" className="banner banner-warning">
          <span aria-hidden="true">⚠ </span>
          {reason}
        </p>
        <p className="muted">{t('uccx.create.refused.nothingQueued')}</p>
      </div>
      <div className="toolbar">
        <button type="button" ref={closeRef} onClick={onClose}>
          {t('uccx.create.refused.close')}
        </button>
      </div>
    </div>
  );
}
