import { useState } from 'react';
import { PHASE_WORDS, type FieldMap } from '../../../../../shared/domain/changes';
import { changedFields, uccxFieldLabels, type UccxConfig } from '../../../../../shared/domain/uccx';
import { ReviewPanel } from '../../../components/ReviewPanel';
import { useUccxStore } from './uccx-store';
import { useUnsavedChanges } from '../../../store/unsaved-guard';

/**
 * A form's working copy of one object and what it changes: `base` and `mine`
 * hold only the fields that differ (what ReviewAndQueue shows and queues),
 * `labels` their names; `reset` goes back to the object as loaded.
 */
export function useEditDraft<T>(original: T, fieldsOf: (item: T) => FieldMap, config: UccxConfig) {
  const [draft, setDraft] = useState<T>(() => structuredClone(original));
  const { base, mine } = changedFields(fieldsOf(original), fieldsOf(draft));
  const labels = uccxFieldLabels(Object.keys(mine), config);
  return { draft, setDraft, base, mine, labels, reset: () => setDraft(structuredClone(original)) };
}

/**
 * The save step of every UCCX form, under the form while it has edits: the
 * exact diff, then "Save". Saving works in every UCCX state; while UCCX does
 * not accept writes the button says the change waits. While the form has
 * edits, leaving it (another item, tab or screen) asks first.
 */
export function ReviewAndQueue(props: {
  /** What the form edits, for "Discard unsaved changes to <name>?". */
  name: string;
  base: FieldMap;
  mine: FieldMap;
  labels: Record<string, string>;
  onQueue: () => Promise<unknown> | void;
  onReset: () => void;
  disabled?: string | null;
}) {
  const writable = useUccxStore((s) => s.state?.writable ?? false);
  const count = Object.keys(props.mine).length;
  useUnsavedChanges(props.name, count > 0);
  if (count === 0) return <p className="muted">No unsaved changes.</p>;
  const editing = PHASE_WORDS.editing;
  return (
    <ReviewPanel
      label="Review changes"
      heading={
        <>
          <span aria-hidden="true">{editing.icon} </span>
          {editing.word}: review {count} unsaved change{count === 1 ? '' : 's'}
        </>
      }
      base={props.base}
      mine={props.mine}
      labels={props.labels}
      problem={props.disabled}
      confirmLabel={writable ? 'Save' : 'Save (will be written when UCCX accepts writes)'}
      busyLabel="Saving…"
      onConfirm={props.onQueue}
      backLabel="Undo edits"
      onBack={props.onReset}
      note={writable ? 'Saved changes are queued, then written to UCCX at once.' : 'UCCX is not accepting writes now: saved changes wait in Pending changes.'}
    />
  );
}
