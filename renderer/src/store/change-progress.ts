import { create } from 'zustand';
import { call, getApi, onReconnect } from '../api/client';
import { phaseOf, type ChangePhase, type ChangeProgress, type PendingChange, type ProgressSummary } from '../../../shared/domain/changes';
import { t, type MessageId } from '../i18n/i18n';
import { pushNotice, updateNotice, type Notice } from './app-store';

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

export function progressOf(change: Pick<PendingChange, 'id' | 'state' | 'lastError' | 'notPermitted'>): ChangeProgress {
  return { id: change.id, state: change.state, ...(change.lastError ? { lastError: change.lastError } : {}), ...(change.notPermitted ? { notPermitted: true } : {}) };
}

/** Record changes just submitted (their state as the submit answered), unless an event was quicker. */
export function noteSubmitted(changes: ReadonlyArray<Pick<PendingChange, 'id' | 'state' | 'lastError'>>): void {
  merge(changes.map(progressOf), true);
}

export function progressFor(ids: readonly string[], byId = useChangeProgress.getState().byId): ChangeProgress[] {
  return ids.map((id) => byId[id] ?? { id, state: 'queued' });
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

/**
 * Where a group of changes submitted together stands, in the active language
 * ("Written 9 of 9 ✓", "Writing: written 3 of 9, 1 failed: …"); `waitingFor`
 * says why queued changes wait ("UCCX accepts writes"). The phases are
 * those of `summarizeProgress` (shared/domain/changes.ts), its English kept
 * word for word in the English catalogue.
 */
export function sayProgress(progress: readonly ChangeProgress[], waitingFor?: string): ProgressSummary {
  const total = progress.length;
  const count = (phase: ChangePhase) => progress.filter((p) => phaseOf(p.state) === phase).length;
  const written = count('written');
  const failed = count('failed');
  const conflicted = count('conflicted');
  const discarded = count('discarded');
  const queued = count('queued');
  const writing = count('writing');
  const settled = queued + writing === 0;
  const reason = progress.find((p) => p.state === 'failed' && p.lastError)?.lastError;
  const problemList = [
    failed ? (reason ? t('progress.problem.failedBecause', { count: failed, reason }) : t('progress.problem.failed', { count: failed })) : '',
    conflicted ? t('progress.problem.conflicted', { count: conflicted }) : '',
    discarded ? t('progress.problem.discarded', { count: discarded }) : '',
  ].filter(Boolean);
  const problems = problemList.join(t('progress.problem.separator'));
  const figures = { written, total, queued, problems, waitingFor: waitingFor ?? '' };
  const say = (plain: MessageId, withProblems: MessageId) => t(problemList.length ? withProblems : plain, figures);
  if (total > 0 && written === total) return { phase: 'written', text: t('progress.group.written', figures), settled };
  if (settled && problemList.length) return { phase: failed ? 'failed' : conflicted ? 'conflicted' : 'discarded', text: t('progress.group.settled', figures), settled };
  if (writing > 0 || written > 0) return { phase: 'writing', text: say('progress.group.writing', 'progress.group.writingProblems'), settled };
  const text = waitingFor ? say('progress.group.queuedWaiting', 'progress.group.queuedWaitingProblems') : say('progress.group.queued', 'progress.group.queuedProblems');
  return { phase: 'queued', text, settled };
}

const SINGLE_CHANGE: Record<ChangePhase, MessageId> = {
  editing: 'progress.one.editing',
  queued: 'progress.one.queued',
  writing: 'progress.one.writing',
  written: 'progress.one.written',
  failed: 'progress.one.failed',
  conflicted: 'progress.one.conflicted',
  discarded: 'progress.one.discarded',
};

/** The line a submission's toast shows, in the active language: "Agent Jane Doe (jdoe): written ✓", "Bulk re-skill: Queued 9 of 9". */
export function saySubmission(what: string, progress: readonly ChangeProgress[], waitingFor?: string): ProgressSummary {
  if (progress.length !== 1) {
    const summary = sayProgress(progress, waitingFor);
    return { ...summary, text: t('progress.submission', { what, progress: summary.text }) };
  }
  const change = progress[0]!;
  const phase = phaseOf(change.state);
  const settled = phase !== 'queued' && phase !== 'writing';
  const values = { what, waitingFor: waitingFor ?? '', error: change.lastError ?? '' };
  const id: MessageId =
    phase === 'queued' && waitingFor ? 'progress.one.queuedWaiting'
    : phase === 'failed' && change.notPermitted ? (change.lastError ? 'progress.one.notPermittedBecause' : 'progress.one.notPermitted')
    : phase === 'failed' && change.lastError ? 'progress.one.failedBecause'
    : SINGLE_CHANGE[phase];
  return { phase, text: t(id, values), settled };
}
