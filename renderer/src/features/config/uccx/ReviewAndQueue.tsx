import { useContext, useState } from 'react';
import { AfterSaveFocus } from '../../../components/useListNavigation';
import { PHASE_WORDS, type FieldMap } from '../../../../../shared/domain/changes';
import { t as translate, useT } from '../../../i18n/i18n';
import { sayErrorSummary, sayProblemAt } from '../../../i18n/field-errors';
import { changedFields, uccxFieldLabels, validateUccxFields, type UccxConfig, type UccxEntityType, type UccxValidationContext } from '../../../../../shared/domain/uccx';
import type { FieldError } from '../../../../../shared/domain/validation';
import { uccxFieldWord, uccxFieldWords, uccxShownValues } from './field-words';
import { ReviewPanel } from '../../../components/ReviewPanel';
import { useUccxStore } from './uccx-store';
import { useUnsavedChanges } from '../../../store/unsaved-guard';
import { useEditorReadOnly } from './editor-access';

/**
 * A form's working copy of one object and what it changes: `base` and `mine`
 * hold only the fields that differ (what ReviewAndQueue shows and queues),
 * `labels` their names in English (for the request: main's summaries and the
 * audit log) and `shownLabels` in the user's language (for the review);
 * `reset` goes back to the object as loaded. `errors` are the problems with
 * the changed values, by the validators main runs too (`validateUccxFields`);
 * `errorOf(field)` is the problem to show at a field, in the user's language.
 */
export function useEditDraft<T>(original: T, fieldsOf: (item: T) => FieldMap, config: UccxConfig, type?: UccxEntityType, context: UccxValidationContext = {}) {
  const [draft, setDraft] = useState<T>(() => structuredClone(original));
  const { base, mine } = changedFields(fieldsOf(original), fieldsOf(draft));
  const labels = uccxFieldLabels(Object.keys(mine), config);
  const shownLabels = uccxFieldWords(Object.keys(mine), config);
  const errors: FieldError[] = type ? validateUccxFields(type, mine, context) : [];
  return { draft, setDraft, base, mine, labels, shownLabels, errors, errorOf: (field: string) => sayProblemAt(errors, field), reset: () => setDraft(structuredClone(original)) };
}

/** A field key's name, in the user's language, for the reason next to a disabled button ("workingDays.0.endTime" → "Working days, row 1"). */
function fieldName(field: string, labels: Record<string, string>): string {
  const [head, row] = field.split('.');
  const label = labels[head!] ?? uccxFieldWord(head!, null);
  return row !== undefined && /^\d+$/.test(row) ? translate('uccx.review.fieldRow', { label, row: Number(row) + 1 }) : label;
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
  /** The fields' names in the user's language (`shownLabels` of useEditDraft). */
  labels: Record<string, string>;
  onQueue: () => Promise<unknown> | void;
  onReset: () => void;
  disabled?: string | null;
  /** Problems with the changed values: shown at their fields by the form, summed up here, and Queue change stays disabled. */
  errors?: FieldError[];
  /** The going-back button's words (default "Undo edits"; a new object's form says "Cancel"). */
  backLabel?: string;
  /** The review's heading (default "Editing: review n unsaved changes"). */
  heading?: string;
}) {
  const t = useT();
  const writable = useUccxStore((s) => s.state?.writable ?? false);
  const afterSave = useContext(AfterSaveFocus);
  const config = useUccxStore((s) => s.config);
  const count = Object.keys(props.mine).length;
  useUnsavedChanges(props.name, count > 0);
  // A read-only editor has nothing to save: the banner above it says why.
  const readOnly = useEditorReadOnly();
  if (readOnly) return null;
  if (count === 0) return <p className="muted">{t('uccx.review.none')}</p>;
  const editing = PHASE_WORDS.editing;
  return (
    <ReviewPanel
      label={t('uccx.review.label')}
      heading={
        <>
          <span aria-hidden="true">{editing.icon} </span>
          {props.heading ?? t('uccx.review.heading', { count })}
        </>
      }
      base={uccxShownValues(props.base, config)}
      mine={uccxShownValues(props.mine, config)}
      labels={props.labels}
      problem={sayErrorSummary(props.errors ?? [], (field) => fieldName(field, props.labels)) ?? props.disabled}
      confirmLabel={writable ? t('uccx.review.save') : t('uccx.review.saveLater')}
      busyLabel={t('uccx.review.saving')}
      onConfirm={async () => {
        await props.onQueue();
        // The form is redrawn with the queued change: focus goes to the saved item in the list, not the page body.
        afterSave?.();
      }}
      backLabel={props.backLabel ?? t('uccx.review.undo')}
      onBack={props.onReset}
      note={writable ? t('uccx.review.noteWritable') : t('uccx.review.noteWaiting')}
    />
  );
}
