import { createContext, useContext, type ReactNode } from 'react';

/**
 * Why the editor on screen may only be looked at (the account may not change
 * its objects), or null when it may edit. UccxEditors provides it; the forms
 * put their controls in a disabled fieldset (`ReadOnlyFieldset`), so the
 * objects can still be listed, searched and read.
 */
export const EditorReadOnly = createContext<string | null>(null);

export function useEditorReadOnly(): string | null {
  return useContext(EditorReadOnly);
}

/** Its children's controls disabled while the editor is read-only; nothing extra otherwise. */
export function ReadOnlyFieldset({ children }: { children: ReactNode }) {
  const readOnly = useEditorReadOnly();
  if (!readOnly) return <>{children}</>;
  return (
    <fieldset disabled className="read-only-fieldset">
      {children}
    </fieldset>
  );
}
