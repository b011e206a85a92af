import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FieldMap, PendingChange } from '../../../../../shared/domain/changes';
import type { FieldError } from '../../../../../shared/domain/validation';
import { describeUsage, uccxUsage, type CreatableType, type UccxConfig } from '../../../../../shared/domain/uccx';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
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

/** Words for each type, in the sentences of the create and delete steps. */
export const TYPE_WORDS: Record<CreatableType, { one: string; label: (name: string) => string }> = {
  csq: { one: 'CSQ', label: (name) => `CSQ ${name}` },
  team: { one: 'team', label: (name) => `Team ${name}` },
  calendar: { one: 'calendar', label: (name) => `Calendar ${name}` },
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
        New {TYPE_WORDS[type].one}…
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
  const words = TYPE_WORDS[type];
  return (
    <ReviewAndQueue
      name={`the new ${words.one}`}
      heading={`New ${words.one} ${props.name.trim() || '(no name yet)'}: review before saving`}
      base={{}}
      mine={mine}
      labels={props.labels}
      errors={props.errors}
      backLabel="Cancel"
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
  return (
    <section className="panel" aria-label={`New ${TYPE_WORDS[type].one} ${name}`}>
      <h2>{name}</h2>
      <p>
        This {TYPE_WORDS[type].one} is saved and waits to be created on UCCX (its progress is in Pending changes). It can be edited or deleted once UCCX has it and has given it
        an id.
      </p>
    </section>
  );
}

/** "UCCX id 12": the id UCCX gave the object, under its name in the form. */
export function ServerId({ id }: { id: string }) {
  return <span className="muted server-id">UCCX id {id}</span>;
}

/**
 * The heading of an existing object's form: its name, the id UCCX gave it and
 * Delete… (disabled while the editor may not delete), with the delete step
 * under it once chosen.
 */
export function HeadingWithDelete(props: { type: CreatableType; id: string; name: string; config: UccxConfig; consequence: string }) {
  const [deleting, setDeleting] = useState(false);
  const heldBack = useCreateDeleteHeldBack();
  return (
    <>
      <div className="toolbar form-heading">
        <h2>{props.name}</h2>
        <ServerId id={props.id} />
        <button type="button" className="danger" onClick={() => setDeleting(true)} disabled={deleting || heldBack}>
          Delete…
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
export function DeleteUccxObject(props: { type: CreatableType; id: string; name: string; config: UccxConfig; consequence: string; onClose: () => void }) {
  const words = TYPE_WORDS[props.type];
  const label = words.label(props.name);
  const usage = uccxUsage(props.config, props.type, props.id);
  if (usage.length > 0) return <DeleteRefused title={`${label} cannot be deleted`} reason={describeUsage(label, usage)} onClose={props.onClose} />;
  return (
    <ConfirmPanel
      title={`Delete ${label}?`}
      confirmLabel={`Delete ${label}`}
      danger
      onCancel={props.onClose}
      onConfirm={async () => {
        const queued = await submitEdits([{ type: props.type, id: props.id, operation: 'delete', label, summary: `Delete ${words.one} ${props.name}`, base: { name: props.name }, mine: {} }]);
        if (queued) props.onClose();
      }}
    >
      <p>{props.consequence}</p>
      <p>This cannot be undone: UCCX keeps no copy of a deleted {words.one}.</p>
    </ConfirmPanel>
  );
}

/**
 * A delete refused before anything is queued: the reason in words and one
 * way out. Like ConfirmPanel it takes focus (on Close) and gives it back,
 * and Esc closes it; there is nothing to confirm.
 */
function DeleteRefused({ title, reason, onClose }: { title: string; reason: string; onClose: () => void }) {
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
        <p className="muted">Nothing was queued.</p>
      </div>
      <div className="toolbar">
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
