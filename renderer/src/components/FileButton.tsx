import type { ReactNode } from 'react';

/**
 * A file chooser that looks and works like a button: the label is the action
 * ("Import CSV…"), and the browser's own "Choose File / No file chosen" box,
 * which means nothing here, is hidden (the input stays focusable and named).
 */
export function FileButton(props: { children: ReactNode; accept: string; disabled?: boolean; inputLabel?: string; onFile: (file: File) => void }) {
  return (
    <label className={props.disabled ? 'file-button is-disabled' : 'file-button'}>
      {props.children}
      <input
        type="file"
        className="visually-hidden"
        accept={props.accept}
        disabled={props.disabled}
        aria-label={props.inputLabel}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that choosing the same file again reads it again.
          e.target.value = '';
          if (file) props.onFile(file);
        }}
      />
    </label>
  );
}
