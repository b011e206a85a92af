import { create } from 'zustand';
import { useAppStore } from '../../store/app-store';
import { updatePreferences } from '../../store/bridge';
import { DEFAULT_VIEW, readViewSettings, type BoardViewSettings } from './board-model';

/**
 * Filters, sort and thresholds of the board: changed locally at once (typing
 * in the name filter must not wait for a round trip), saved to the
 * preferences section "board" shortly after.
 */
interface ViewState {
  view: BoardViewSettings;
  /** Whether the saved preferences have been read yet. */
  initialised: boolean;
}

export const useBoardView = create<ViewState>()(() => ({ view: DEFAULT_VIEW, initialised: false }));

let saveTimer: ReturnType<typeof setTimeout> | null = null;

/** Take the saved settings once preferences have arrived. */
export function initialiseView(): void {
  const apply = () => {
    const preferences = useAppStore.getState().preferences;
    if (!preferences || useBoardView.getState().initialised) return false;
    useBoardView.setState({ view: readViewSettings(preferences.sections.board), initialised: true });
    return true;
  };
  if (apply()) return;
  const unsubscribe = useAppStore.subscribe(() => {
    if (apply()) unsubscribe();
  });
}

export function updateView(patch: Partial<BoardViewSettings>): void {
  const view = { ...useBoardView.getState().view, ...patch };
  useBoardView.setState({ view });
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveTimer = null;
    void updatePreferences({ sections: { board: useBoardView.getState().view } });
  }, 300);
}
