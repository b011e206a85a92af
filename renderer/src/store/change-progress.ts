import { create } from 'zustand';
import { call, getApi, onReconnect } from '../api/client';
import { countPhases, describeSubmission, type ChangeProgress, type PendingChange, type ProgressSummary } from '../../../shared/domain/changes';
import { pushNotice, updateNotice, type Notice } from './app-store';
import { sayMain, t } from '../i18n/i18n';

/**
 * Where each change the renderer has heard of stands (`changes:progress`
 * from main), so a toast, a form and Bulk re-skill can follow the changes
 * they submitted through queued → writing → written ✓ / failed / in conflict.
 */
interface ProgressState {
  byId: Record<string, ChangeProgress>;
}

export const useChangeProgress = create<ProgressState>()(() => ({ byId: {} }));

/** Enough for the largest bulk re-skill several times over; the oldest are forgotten first. */
const MAX_TRACKED = 5000;

function merge(updates: readonly ChangeProgress[], onlyNew: boolean): void {
  useChangeProgress.setState((s) => {
    const byId = { ...s.byId };
    for (const update of updates) {
      // A submit's answer ('queued') must not undo an event that already said 'writing' or 'written'.
      if (onlyNew && byId[update.id]) continue;
      delete byId[update.id];
      byId[update.id] = update;
    }
    const ids = Object.keys(byId);
    for (let index = 0; index < ids.length - MAX_TRACKED; index++) delete byId[ids[index]!];
    return { byId };
  });
}

let subscribed = false;

export function subscribeChangeProgress(): void {
  if (subscribed) return;
  subscribed = true;
  getApi().on('changes:progress', (updates) => merge(updates, false));
  // Events pushed while the host connection was down are lost: read the queue again.
  onReconnect(() => {
    call('changes:list', undefined)
      .then((list) => merge(list.map(progressOf), false))
      .catch(() => undefined);
  });
}

export function progressOf(change: Pick<PendingChange, 'id' | 'state' | 'lastError' | 'lastErrorMessage' | 'notPermitted'>): ChangeProgress {
  return {
    id: change.id,
    state: change.state,
    ...(change.lastError ? { lastError: change.lastError } : {}),
    ...(change.lastError && change.lastErrorMessage ? { lastErrorMessage: change.lastErrorMessage } : {}),
    ...(change.notPermitted ? { notPermitted: true } : {}),
  };
}

/** Record changes just submitted (their state as the submit answered), unless an event was quicker. */
export function noteSubmitted(changes: ReadonlyArray<Pick<PendingChange, 'id' | 'state' | 'lastError'>>): void {
  merge(changes.map(progressOf), true);
}

export function progressFor(ids: readonly string[], byId = useChangeProgress.getState().byId): ChangeProgress[] {
  return ids.map((id) => byId[id] ?? { id, state: 'queued' });
}

/**
 * `describeSubmission` in the user's language: the same phase and settling,
 * the words from the catalogues (`toasts.progress.*`). `what` and
 * `waitingFor` come said by the caller; a failed change's reason is the
 * server's, shown as sent.
 */
export function saySubmission(what: string, progress: readonly ChangeProgress[], waitingFor?: string): ProgressSummary {
  const summary = describeSubmission(what, progress, waitingFor);
  const waiting = { waiting: waitingFor ? 'yes' : 'no', waitingFor: waitingFor ?? '' };
  if (progress.length === 1) {
    const change = progress[0]!;
    const error = change.lastError ? sayMain(change.lastErrorMessage, change.lastError) : '';
    const text = t('toasts.progress.one', { what, phase: summary.phase, ...waiting, notPermitted: change.notPermitted ? 'yes' : 'no', withError: error ? 'yes' : 'no', error });
    return { ...summary, text };
  }
  const { written, failed, conflicted, discarded, writing, queued } = countPhases(progress);
  const total = progress.length;
  const failure = progress.find((p) => p.state === 'failed' && p.lastError);
  const error = failure ? sayMain(failure.lastErrorMessage, failure.lastError!) : '';
  const view = total > 0 && written === total ? 'written' : summary.settled && failed + conflicted + discarded > 0 ? 'settled' : writing > 0 || written > 0 ? 'writing' : 'queued';
  const text = t('toasts.progress.many', { what, view, written, total, queued, failed, conflicted, discarded, withError: error ? 'yes' : 'no', error, ...waiting });
  return { ...summary, text };
}

const LEVEL: Record<string, Notice['level']> = { written: 'success', failed: 'error', conflicted: 'warning', discarded: 'info' };

/**
 * One toast for one submission, updated in place as its changes move on:
 * it closes by itself a few seconds after everything was written, and stays
 * (until dismissed) when something failed or is in conflict.
 * `waitingFor` says, while changes are queued, what they wait for.
 */
export function followInToast(what: string, changes: ReadonlyArray<Pick<PendingChange, 'id' | 'state' | 'lastError'>>, waitingFor?: () => string | undefined): void {
  if (changes.length === 0) return;
  noteSubmitted(changes);
  subscribeChangeProgress();
  const ids = changes.map((change) => change.id);
  const render = () => {
    const summary = saySubmission(what, progressFor(ids), waitingFor?.());
    return { level: summary.settled ? (LEVEL[summary.phase] ?? 'info') : 'info', message: summary.text, stays: !summary.settled, settled: summary.settled };
  };
  const first = render();
  const noticeId = pushNotice(first.level, first.message, { stays: first.stays });
  if (first.settled) return;
  let last = first.message;
  const stop = useChangeProgress.subscribe(() => {
    const next = render();
    if (next.message === last) return;
    last = next.message;
    // Dismissed: the person has read it; Pending changes still shows where the change is.
    if (!updateNotice(noticeId, next) || next.settled) stop();
  });
}
