import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

/**
 * A labelled form control, the same in every form (the editors, Pending
 * changes, Connections): the label above the control, which it wraps, and an
 * optional hint under it that the control names as its description.
 * Styled by `.field` in styles.css.
 */
export function Field({ label, hint, required, error, children }: { label: ReactNode; hint?: ReactNode; required?: boolean; error?: string | null; children: ReactNode }) {
  const hintId = useId();
  const errorId = useId();
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  const control =
    describedBy && isValidElement(children)
      ? cloneElement(children as ReactElement<{ 'aria-describedby'?: string; 'aria-invalid'?: boolean }>, { 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': true } : {}) })
      : children;
  return (
    <div className="field">
      <label>
        <span className="field-label">
          {label}
          {required ? <span aria-hidden="true"> *</span> : null}
        </span>
        {control}
      </label>
      <FieldErrorText id={errorId} message={error} />
      {hint ? (
        <small id={hintId} className="muted field-hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

/** The visible text of a field's problem, which the control names with aria-describedby (see `invalidProps`). */
export function FieldErrorText({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <small id={id} className="field-error">
      ⚠ {message}
    </small>
  );
}

/** The attributes a control gets while its value has a problem: marked invalid, described by the visible message. */
export function invalidProps(id: string, message: string | null | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return message ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}

/** A checkbox with its label after it. */
export function CheckField({ label, checked, onChange, id }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; id?: string }) {
  return (
    <label className="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}
