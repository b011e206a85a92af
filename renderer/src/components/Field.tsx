import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

/**
 * A labelled form control, the same in every form (the editors, Pending
 * changes, Connections): the label above the control, which it wraps, and an
 * optional hint under it that the control names as its description.
 * Styled by `.field` in styles.css.
 */
export function Field({ label, hint, required, children }: { label: ReactNode; hint?: ReactNode; required?: boolean; children: ReactNode }) {
  const hintId = useId();
  const control = hint && isValidElement(children) ? cloneElement(children as ReactElement<{ 'aria-describedby'?: string }>, { 'aria-describedby': hintId }) : children;
  return (
    <div className="field">
      <label>
        <span className="field-label">
          {label}
          {required ? <span aria-hidden="true"> *</span> : null}
        </span>
        {control}
      </label>
      {hint ? (
        <small id={hintId} className="muted field-hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

/** A checkbox with its label after it. */
export function CheckField({ label, checked, onChange, id }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; id?: string }) {
  return (
    <label className="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}
