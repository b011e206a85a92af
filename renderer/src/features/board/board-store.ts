import { create } from 'zustand';
import type { MainMessage } from '../../../../shared/domain/main-message';
import { call, getApi, onReconnect } from '../../api/client';
import { pushNotice } from '../../store/app-store';
import { sayError } from '../../components/ErrorDetails';
import { t } from '../../i18n/i18n';
import { useBoardView } from './board-view-store';
import { keepMatchingTraces, NO_TRACES, traceReconnects, type ReconnectTraces } from './reconnect-trace';
import {
  NO_REJECTIONS,
  type BoardConnection,
  type BoardMember,
  type BoardPatch,
  type BoardRejections,
  type BoardSnapshot,
  type BoardTeam,
} from '../../../../shared/domain/board';

/**
 * The renderer's copy of the board: one snapshot plus every numbered patch
 * after it. Subscribe first, then fetch the snapshot, and drop patches whose
 * seq is not above it; a gap in the numbering (a patch lost) fetches a fresh
 * snapshot instead of guessing.
 */
export interface BoardStoreState {
  loaded: boolean;
  seq: number;
  configured: boolean;
  supervisorId: string | null;
  connection: BoardConnection;
  teams: BoardTeam[];
  members: ReadonlyMap<string, BoardMember>;
  rejections: BoardRejections;
  eventsApplied: number;
  /** What the board left out because the server sent more than it keeps (null: nothing). */
  limitNotice: string | null;
  /** `limitNotice` by message id, when main sent one. */
  limitNoticeMessage: MainMessage | null;
  /** Members who were amber or red when a report-server reconnect restarted their clocks (see reconnect-trace.ts). */
  traces: ReconnectTraces;
}

const INITIAL: BoardStoreState = {
  loaded: false,
  seq: 0,
  configured: false,
  supervisorId: null,
  connection: { state: 'connecting', detail: 'Loading the board.', asOf: null, retryAt: null },
  teams: [],
  members: new Map(),
  rejections: { ...NO_REJECTIONS },
  eventsApplied: 0,
  limitNotice: null,
  limitNoticeMessage: null,
  traces: NO_TRACES,
};

export const useBoardStore = create<BoardStoreState>()(() => ({ ...INITIAL }));

export function fromSnapshot(snapshot: BoardSnapshot): BoardStoreState {
  return {
    loaded: true,
    seq: snapshot.seq,
    configured: snapshot.configured,
    supervisorId: snapshot.supervisorId,
    connection: snapshot.connection,
    teams: snapshot.teams,
    members: new Map(snapshot.members.map((m) => [m.memberId, m])),
    rejections: snapshot.rejections,
    eventsApplied: snapshot.eventsApplied,
    limitNotice: snapshot.limitNotice,
    limitNoticeMessage: snapshot.limitNoticeMessage ?? null,
    traces: NO_TRACES,
  };
}

/** Fold one patch into a state (which must be at patch.seq - 1). */
export function applyPatch(state: BoardStoreState, patch: BoardPatch): BoardStoreState {
  let teams: BoardTeam[];
  let members: Map<string, BoardMember>;
  if (patch.reset) {
    teams = patch.teams;
    members = new Map(patch.members.map((m) => [m.memberId, m]));
  } else {
    members = state.members as Map<string, BoardMember>;
    if (patch.members.length > 0 || patch.removedMemberIds.length > 0) {
      members = new Map(members);
      for (const id of patch.removedMemberIds) members.delete(id);
      for (const member of patch.members) members.set(member.memberId, member);
    }
    teams = state.teams;
    if (patch.teams.length > 0 || patch.removedTeamIds.length > 0) {
      const removed = new Set(patch.removedTeamIds);
      const replaced = new Map(patch.teams.map((t) => [t.teamId, t]));
      teams = state.teams.filter((t) => !removed.has(t.teamId)).map((t) => replaced.get(t.teamId) ?? t);
      const known = new Set(teams.map((t) => t.teamId));
      for (const team of patch.teams) if (!known.has(team.teamId)) teams.push(team);
    }
  }
  return {
    loaded: true,
    seq: patch.seq,
    configured: patch.configured,
    supervisorId: patch.supervisorId,
    connection: patch.connection,
    teams,
    members,
    rejections: patch.rejections,
    eventsApplied: patch.eventsApplied,
    limitNotice: patch.limitNotice,
    limitNoticeMessage: patch.limitNoticeMessage ?? null,
    traces: state.traces,
  };
}

/** applyPatch, and the reconnect traces the patch leaves, graded by the board's thresholds now. */
function applyLivePatch(state: BoardStoreState, patch: BoardPatch): BoardStoreState {
  const next = applyPatch(state, patch);
  return { ...next, traces: traceReconnects(state.members, patch, state.traces, useBoardView.getState().view.thresholds, Date.now()) };
}

let started = false;
let pending: BoardPatch[] | null = null;
let loading: Promise<void> | null = null;

/**
 * A patch that changes more members than this (every team read again from
 * Finesse, a report-server resync: the whole board at once) is shown in a task
 * of its own. The message's task parses it and folds it in, the next task
 * renders it, so neither holds the page for the whole of it (at 5,000 members
 * the whole was one task of 56-77 ms). Patches under load carry tens of members
 * and are shown at once.
 */
export const LARGE_PATCH_MEMBERS = 500;

/** The board folded in but not yet on screen; later patches fold into it until it is shown. */
let unshown: BoardStoreState | null = null;
let showTimer: ReturnType<typeof setTimeout> | null = null;

function showUnshown(): void {
  showTimer = null;
  const state = unshown;
  unshown = null;
  if (state) useBoardStore.setState(state);
}

/** A snapshot replaces whatever was waiting to be shown. */
function dropUnshown(): void {
  if (showTimer) clearTimeout(showTimer);
  showTimer = null;
  unshown = null;
}

/** Start again from a snapshot, unless one is already on its way. */
function reload(): void {
  loading ??= loadSnapshot().finally(() => (loading = null));
}

async function loadSnapshot(): Promise<void> {
  pending = [];
  dropUnshown();
  try {
    const snapshot = await call('board:snapshot', undefined);
    let state = fromSnapshot(snapshot);
    // Patches missed while the page was away may have restarted clocks (a report-server reconnect): the snapshot shows that too.
    const before = useBoardStore.getState();
    if (before.loaded && before.supervisorId === state.supervisorId) {
      const seen = traceReconnects(before.members, { reset: false, members: snapshot.members, removedMemberIds: [] }, before.traces, useBoardView.getState().view.thresholds, Date.now());
      state = { ...state, traces: keepMatchingTraces(state.members, seen) };
    }
    for (const patch of pending) if (patch.seq === state.seq + 1) state = applyLivePatch(state, patch);
    useBoardStore.setState(state);
  } catch (error) {
    pushNotice('error', t('board.loadFailed', { message: sayError(error) }));
  } finally {
    pending = null;
  }
}

function onPatch(patch: BoardPatch): void {
  if (pending) {
    pending.push(patch);
    return;
  }
  const state = unshown ?? useBoardStore.getState();
  if (!state.loaded || patch.seq <= state.seq) return;
  if (patch.seq !== state.seq + 1) {
    // A patch went missing: start again from a snapshot.
    reload();
    return;
  }
  const next = applyLivePatch(state, patch);
  if (unshown === null && patch.members.length <= LARGE_PATCH_MEMBERS) {
    useBoardStore.setState(next);
    return;
  }
  // Shown in the next task; until then, later patches fold into it (and wait with it, keeping their order).
  unshown = next;
  showTimer ??= setTimeout(showUnshown, 0);
}

/** Connect the board to main once (idempotent). */
export function startBoardBridge(): void {
  if (started) return;
  started = true;
  const api = getApi();
  api.on('board:patch', onPatch);
  // After the host connection comes back, patches may have been missed.
  onReconnect(reload);
  reload();
}
