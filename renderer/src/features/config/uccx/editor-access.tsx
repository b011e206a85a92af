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

/**
 * Why New… and Delete… are held back in an editor that may otherwise edit
 * (UCCX refused a create or delete with 403), or null when they are offered.
 * UccxEditors provides it; the banner above the editor says it in words.
 */
export const CreateDeleteRefused = createContext<string | null>(null);

/** True when this editor may not create or delete objects now: it is read-only, or UCCX refused one. */
export function useCreateDeleteHeldBack(): boolean {
  const readOnly = useContext(EditorReadOnly);
  const refused = useContext(CreateDeleteRefused);
  return Boolean(readOnly || refused);
}

/** Its children's controls (New…) disabled while the editor may not create objects. */
export function CreateDeleteFieldset({ children }: { children: ReactNode }) {
  if (!useCreateDeleteHeldBack()) return <>{children}</>;
  return (
    <fieldset disabled className="read-only-fieldset">
      {children}
    </fieldset>
  );
}
