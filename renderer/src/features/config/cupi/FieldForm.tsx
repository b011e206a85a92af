import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CupiFields } from '../../../../../shared/domain/cupi';
import type { CupiFieldSpec } from '../../../../../shared/domain/cupi-fields';
import type { FieldError } from '../../../../../shared/domain/validation';
import { CheckField, Field } from '../../../components/Field';
import { ReviewPanel } from '../../../components/ReviewPanel';
import { useUnsavedChanges } from '../../../store/unsaved-guard';
import { sayMain, useT } from '../../../i18n/i18n';
import { fieldHint, fieldLabel, isServerChoice, optionLabel } from './cupi-words';

/** Fields of a form shown together under a legend, and usable only when the form's values allow it. */
export interface FieldGroup {
  legend: string;
  /** The fields in the group, by name (they are in `fields` too, which sets the order of the review). */
  names: readonly string[];
  /** Why these fields cannot be used with the values now in the form, in words; null when they can. */
  unavailable?: (values: CupiFields) => string | null;
}

export interface FieldFormProps {
  /** Distinguishes forms for screen readers and tests, e.g. "user". */
  idPrefix: string;
  /** What the form edits, for "Discard unsaved changes to <name>?" ("User jdoe (Jane Doe)"). */
  name: string;
  fields: readonly CupiFieldSpec[];
  /** The rules main checks the write against (validateCupiFields), run on the changed values as the user types. */
  validate?: (changes: CupiFields) => FieldError[];
  /** Values as loaded from the server (the base of the change). */
  base: CupiFields;
  readOnly: boolean;
  saveLabel?: string;
  /** Fields shown together in a fieldset of their own (the others are shown one after another). */
  groups?: readonly FieldGroup[];
  onSave: (changes: CupiFields) => Promise<boolean>;
}

/** What changed between the loaded values and the form, field by field. */
export function changedFields(base: CupiFields, values: CupiFields, fields: readonly CupiFieldSpec[]): CupiFields {
  const out: CupiFields = {};
  for (const field of fields) {
    const before = base[field.name] ?? '';
    const after = values[field.name] ?? '';
    if (before !== after) out[field.name] = after;
  }
  return out;
}

/**
 * An edit form for the flat fields of a CUPI object. Saving first shows what
 * will change (before → after) and asks for confirmation; only the changed
 * fields are sent, with the values they were loaded with (for the conflict check).
 */
export function FieldForm({ idPrefix, name, fields, base, readOnly, saveLabel, validate, groups = [], onSave }: FieldFormProps) {
  const t = useT();
  const initial = useMemo(() => Object.fromEntries(fields.map((f) => [f.name, base[f.name] ?? ''])), [base, fields]);
  const [values, setValues] = useState<CupiFields>(initial);
  const [reviewing, setReviewing] = useState(false);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const missingId = useId();
  // The button that had focus disappears when the form switches between editing and review: focus follows.
  const focusNext = useRef<'review' | 'submit' | 'status' | null>(null);
  useEffect(() => {
    setValues(initial);
    setReviewing(false);
  }, [initial]);
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'review') formRef.current?.querySelector<HTMLElement>('.review-panel button:not([disabled])')?.focus();
    else if (target === 'submit') formRef.current?.querySelector<HTMLElement>('button[type="submit"]')?.focus();
    else if (target === 'status') statusRef.current?.focus();
  }, [reviewing, savedNote]);

  const changes = changedFields(base, values, fields);
  const changedNames = Object.keys(changes);
  const missing = fields.filter((f) => f.required && !(values[f.name] ?? '').trim()).map((f) => fieldLabel(t, f));
  const labelOf = (name: string) => {
    const field = fields.find((f) => f.name === name);
    return field ? fieldLabel(t, field) : name;
  };
  // Each problem shows at its field; the first is also the reason next to the disabled button.
  const errors = validate?.(changes) ?? [];
  const problemOf = (field: string) => {
    const error = errors.find((e) => e.field === field);
    return error ? sayMain(error.said, error.message) : null;
  };
  const first = errors[0];
  const problem = first
    ? errors.length > 1
      ? t('cupi.form.cannotSaveMore', { field: labelOf(first.field), problem: problemOf(first.field)!, count: errors.length - 1 })
      : t('cupi.form.cannotSave', { field: labelOf(first.field), problem: problemOf(first.field)! })
    : missing.length
      ? t('cupi.form.required', { fields: missing.join(', ') })
      : null;
  // Leaving the form (another object, tab or screen) with edits asks first.
  useUnsavedChanges(name, changedNames.length > 0);
  const show = (name: string, value: string | undefined) => {
    const spec = fields.find((f) => f.name === name);
    if (value === undefined || value === '') return t('cupi.form.none');
    if (spec?.kind === 'bool') return value === 'true' ? t('cupi.form.yes') : t('cupi.form.no');
    const option = spec?.options?.find((o) => o.value === value);
    return spec && option ? optionLabel(t, spec, option) : value;
  };

  // The field's own Unity Connection name stays one hover away, for administrators.
  const renderField = (field: CupiFieldSpec) => {
    const id = `${idPrefix}-${field.name}`;
    const value = values[field.name] ?? '';
    const set = (v: string) => setValues((current) => ({ ...current, [field.name]: v }));
    const label = <span title={t('cupi.form.serverName', { name: field.name })}>{fieldLabel(t, field)}</span>;
    return field.kind === 'bool' ? (
      <CheckField key={field.name} id={id} label={label} checked={value === 'true'} onChange={(checked) => set(checked ? 'true' : 'false')} />
    ) : (
      <Field key={field.name} label={label} required={field.required} hint={fieldHint(t, field)} error={problemOf(field.name)}>
        {field.kind === 'select' ? (
          <select id={id} value={value} onChange={(e) => set(e.target.value)}>
            {value === '' ? <option value="">{t('cupi.form.none')}</option> : null}
            {field.options?.map((o) => (
              // Time zones keep Unity Connection's own names.
              <option key={o.value} value={o.value} translate={isServerChoice(field) ? 'no' : undefined}>
                {optionLabel(t, field, o)}
              </option>
            ))}
            {value && !field.options?.some((o) => o.value === value) ? (
              <option value={value} translate="no">
                {value}
              </option>
            ) : null}
          </select>
        ) : (
          <input id={id} type={field.kind === 'email' ? 'email' : 'text'} value={value} required={field.required} onChange={(e) => set(e.target.value)} />
        )}
      </Field>
    );
  };

  return (
    <form
      ref={formRef}
      className="cupi-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (changedNames.length && !problem) {
          focusNext.current = 'review';
          setSavedNote(null);
          setReviewing(true);
        }
      }}
    >
      <fieldset disabled={readOnly || reviewing}>
        {fields.map((field) => {
          const group = groups.find((g) => g.names.includes(field.name));
          if (!group) return renderField(field);
          // A group is drawn once, where its first field would be.
          if (fields.find((f) => group.names.includes(f.name))?.name !== field.name) return null;
          const reason = group.unavailable?.(values) ?? null;
          const reasonId = `${idPrefix}-${group.names[0]}-unavailable`;
          return (
            <fieldset key={`group-${field.name}`} className="field-group" disabled={reason !== null} aria-describedby={reason ? reasonId : undefined}>
              <legend>{group.legend}</legend>
              {reason ? (
                <p id={reasonId} className="muted field-group-reason" data-testid="field-group-unavailable">
                  {reason}
                </p>
              ) : null}
              {fields.filter((f) => group.names.includes(f.name)).map(renderField)}
            </fieldset>
          );
        })}
      </fieldset>
      {reviewing ? (
        <ReviewPanel
          label={t('cupi.form.changesToSave')}
          role="group"
          heading={t('cupi.form.changesToSave')}
          headingLevel={3}
          base={Object.fromEntries(changedNames.map((n) => [n, show(n, base[n])]))}
          mine={Object.fromEntries(changedNames.map((n) => [n, show(n, changes[n])]))}
          labels={Object.fromEntries(changedNames.map((n) => [n, labelOf(n)]))}
          confirmLabel={t('cupi.form.save')}
          busyLabel={t('cupi.form.saving')}
          onConfirm={async () => {
            if (await onSave(changes)) {
              focusNext.current = 'status';
              setSavedNote(t('cupi.form.saved', { fields: changedNames.map(labelOf).join(', ') }));
              setReviewing(false);
            }
          }}
          backLabel={t('cupi.form.back')}
          onBack={() => {
            focusNext.current = 'submit';
            setReviewing(false);
          }}
        />
      ) : (
        <div className="toolbar">
          <button type="submit" className="primary" disabled={readOnly || changedNames.length === 0 || problem !== null} aria-describedby={problem ? missingId : undefined}>
            {saveLabel ?? t('cupi.form.review')}
          </button>
          {changedNames.length ? (
            <button type="button" onClick={() => setValues(initial)}>
              {t('cupi.form.undo')}
            </button>
          ) : null}
          {problem ? (
            <span id={missingId} className={errors.length ? 'form-problem' : 'muted'} data-testid="form-problem">
              {problem}
            </span>
          ) : null}
        </div>
      )}
      {/* Where focus lands after a save: says what was saved. */}
      <p ref={statusRef} className="muted form-status" role="status" tabIndex={-1}>
        {savedNote}
      </p>
    </form>
  );
}
