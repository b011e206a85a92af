import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * A form with unsaved edits, and a question waiting for an answer. A form
 * registers while it has edits (`useUnsavedChanges`); whatever would take it
 * off screen (another item in its list, another tab, another screen) goes
 * through `leaveIfAllowed`, which asks "Discard unsaved changes to …?" first.
 * `LeavePrompt` (in the app frame) shows the question.
 */
interface UnsavedState {
  /** The form with unsaved edits, by the name of what it edits. */
  dirty: { token: number; name: string } | null;
  /** The question on screen: what would be left, and what happens on Discard. */
  asking: { name: string; proceed: () => void; onKeep?: () => void } | null;
}

export const useUnsavedStore = create<UnsavedState>()(() => ({ dirty: null, asking: null }));

let nextToken = 1;

/** Register the calling form as holding unsaved edits to `name` while `dirty` is true. */
export function useUnsavedChanges(name: string, dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const token = nextToken++;
    useUnsavedStore.setState({ dirty: { token, name } });
    return () => {
      if (useUnsavedStore.getState().dirty?.token === token) useUnsavedStore.setState({ dirty: null });
    };
  }, [name, dirty]);
}

/** Run `proceed` now when nothing is unsaved; otherwise ask first (and run `onKeep` if the person keeps editing). */
export function leaveIfAllowed(proceed: () => void, onKeep?: () => void): void {
  const { dirty, asking } = useUnsavedStore.getState();
  if (!dirty) {
    proceed();
    return;
  }
  if (asking) return;
  useUnsavedStore.setState({ asking: { name: dirty.name, proceed, onKeep } });
}

export function keepEditing(): void {
  const asking = useUnsavedStore.getState().asking;
  useUnsavedStore.setState({ asking: null });
  asking?.onKeep?.();
}

export function discardAndLeave(): void {
  const asking = useUnsavedStore.getState().asking;
  // The edits are dropped with the form that leaves the screen.
  useUnsavedStore.setState({ asking: null, dirty: null });
  asking?.proceed();
}
