import { useState } from 'react';
import type { FieldMap } from '../../../../../shared/domain/changes';
import { changedFields, uccxDisplayValues, uccxFieldLabels, type UccxConfig } from '../../../../../shared/domain/uccx';
import { ReviewPanel } from '../../../components/ReviewPanel';
import { useUccxStore } from './uccx-store';

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
 * exact diff, then "Queue change". Queuing works in every UCCX state; the
 * note says when the change will be written.
 */
export function ReviewAndQueue(props: {
  base: FieldMap;
  mine: FieldMap;
  labels: Record<string, string>;
  onQueue: () => Promise<unknown> | void;
  onReset: () => void;
  disabled?: string | null;
}) {
  const writable = useUccxStore((s) => s.state?.writable ?? false);
  const config = useUccxStore((s) => s.config);
  const count = Object.keys(props.mine).length;
  if (count === 0) return <p className="muted">No unsaved changes.</p>;
  return (
    <ReviewPanel
      label="Review changes"
      heading={`Review ${count} change${count === 1 ? '' : 's'}`}
      base={uccxDisplayValues(props.base, config)}
      mine={uccxDisplayValues(props.mine, config)}
      labels={props.labels}
      problem={props.disabled}
      confirmLabel="Queue change"
      onConfirm={props.onQueue}
      backLabel="Undo edits"
      onBack={props.onReset}
      note={writable ? 'Written to UCCX right after queuing.' : 'UCCX is not accepting writes now: the change waits in the queue.'}
    />
  );
}
