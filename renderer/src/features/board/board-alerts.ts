import { create } from 'zustand';
import { t } from '../../i18n/i18n';
import { useBoardView } from './board-view-store';
import { useBoardStore } from './board-store';
import { useQueueStore } from './queue-store';
import { isReplaying } from './replay-store';
import { alertLevel, formatElapsed, shownQueues, statusLabel, thresholdFor, type ShownQueue } from './board-model';
import type { BoardMember } from '../../../../shared/domain/board';
import { openTargetSchema, type OpenTarget } from '../../../../shared/domain/deep-link';
import type { AlertsState } from '../../../../shared/ipc/areas/desktop';
import { call, getApi, onReconnect } from '../../api/client';
import { useAppStore } from '../../store/app-store';
import { openTarget } from '../../store/open-target';

/**
 * Desktop notifications for members crossing their red threshold, and for
 * queues turning red (too many waiting, or the longest wait too long).
 * Checked once a second over the whole board (not just the rows on screen);
 * each crossing notifies once, and a member, a queue (or everything) can be
 * snoozed. Pausing everything is main's (`alerts:pause`): the tray pauses the
 * same alerts, and both show the same "paused until".
 *
 * This is the one place that decides whether to alert (thresholds, snoozes,
 * not while replaying); only the delivery differs: the operating system's
 * notifications through main in the desktop app (they show while the window
 * is hidden in the tray), the page's Notification in the browser host.
 */
export const SNOOZE_MINUTES = 15;
/** More crossings than this in one check become one summary notification. */
const MAX_SINGLE_NOTIFICATIONS = 3;

interface AlertState {
  /** Members currently over red, longest first. */
  red: BoardMember[];
  /** Queues on the strip over a red limit. */
  redQueues: ShownQueue[];
  /** memberId (or "queue:<name>") → epoch ms until which that member's alerts are snoozed. */
  snoozedUntil: Record<string, number>;
  snoozeAllUntil: number;
  permission: NotificationPermission | 'unsupported';
}

export const useAlertStore = create<AlertState>()(() => ({
  red: [],
  redQueues: [],
  snoozedUntil: {},
  snoozeAllUntil: 0,
  permission: typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
}));

export function snoozeMember(memberId: string, now = Date.now()): void {
  useAlertStore.setState((s) => ({ snoozedUntil: { ...s.snoozedUntil, [memberId]: now + SNOOZE_MINUTES * 60_000 } }));
}

export function snoozeAll(now = Date.now()): void {
  // At once on screen; main's answer (and its `alerts:changed` to the tray and every page) follows.
  useAlertStore.setState({ snoozeAllUntil: now + SNOOZE_MINUTES * 60_000 });
  void call('alerts:pause', { minutes: SNOOZE_MINUTES }).then(applyAlertsState, () => undefined);
}

export function resumeAlerts(): void {
  useAlertStore.setState({ snoozeAllUntil: 0 });
  void call('alerts:resume', undefined).then(applyAlertsState, () => undefined);
}

function applyAlertsState(state: AlertsState): void {
  if (useAlertStore.getState().snoozeAllUntil !== state.pausedUntil) useAlertStore.setState({ snoozeAllUntil: state.pausedUntil });
}

let syncing = false;

/** Follow main's pause (set here, from the tray or from another page): subscribe first, then read it. */
export function startAlertSync(): void {
  if (syncing) return;
  syncing = true;
  getApi().on('alerts:changed', applyAlertsState);
  const read = () => void call('alerts:state', undefined).then(applyAlertsState, () => undefined);
  onReconnect(read);
  read();
}

/** The reds last told to main (for the tray), so only a change is sent. */
let reportedRed = { members: -1, queues: -1 };

function reportRed(members: number, queues: number): void {
  if (members === reportedRed.members && queues === reportedRed.queues) return;
  reportedRed = { members, queues };
  void call('alerts:red-count', { members, queues }).catch(() => {
    // Sent again with the next change or check.
    reportedRed = { members: -1, queues: -1 };
  });
}

export const queueAlertKey = (name: string) => `queue:${name}`;

export function snoozeQueue(name: string, now = Date.now()): void {
  snoozeMember(queueAlertKey(name), now);
}

export function isSnoozed(memberId: string, now = Date.now()): boolean {
  const s = useAlertStore.getState();
  return s.snoozeAllUntil > now || (s.snoozedUntil[memberId] ?? 0) > now;
}

export async function askNotificationPermission(): Promise<void> {
  if (typeof Notification === 'undefined') return;
  const permission = await Notification.requestPermission();
  useAlertStore.setState({ permission });
}

/** memberId:since of every crossing already notified, so one crossing notifies once. */
const notified = new Set<string>();

/** A name longer than a link may carry opens the whole board instead. */
function boundedTarget(target: OpenTarget): OpenTarget {
  return openTargetSchema.safeParse(target).success ? target : { screen: 'board' };
}

/** Deliver one alert; clicking it opens `target` (the board on that member or queue). */
function notify(title: string, body: string, tag: string, target: OpenTarget): void {
  if (useAppStore.getState().info?.host === 'electron') {
    void call('alerts:notify', { title: title.slice(0, 200), body: body.slice(0, 500), tag: tag.slice(0, 200), target: boundedTarget(target) }).catch(() => undefined);
    return;
  }
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      openTarget(target);
    };
  } catch {
    // Some environments refuse page notifications; the in-app alert list still shows them.
  }
}

/** Queues red now whose crossing was already notified (a queue back under red may notify again). */
const notifiedQueues = new Set<string>();

function checkQueueAlerts(now: number): void {
  // While the board is replaying history the supervisor is looking at the past: no alerts until Live.
  if (isReplaying()) return;
  const { state } = useQueueStore.getState();
  const { queueCsqs, queueThresholds } = useBoardView.getState().view;
  const red = state.mode === 'ok' ? shownQueues(state, queueCsqs, queueThresholds, now).filter((queue) => queue.levels.level === 'red') : [];
  const previous = useAlertStore.getState().redQueues;
  if (red.length || previous.length) useAlertStore.setState({ redQueues: red });
  const names = new Set(red.map((queue) => queue.name));
  for (const name of notifiedQueues) if (!names.has(name)) notifiedQueues.delete(name);
  for (const queue of red) {
    if (notifiedQueues.has(queue.name)) continue;
    notifiedQueues.add(queue.name);
    if (isSnoozed(queueAlertKey(queue.name), now)) continue;
    notify(t('board.notify.queueTitle', { name: queue.name }), describeQueue(queue), `queue-${queue.name}`, { screen: 'board', queue: queue.name });
  }
}

/** "6 waiting, longest 1:42" */
export function describeQueue(queue: ShownQueue): string {
  const waiting = queue.figures?.waiting;
  return t('board.alerts.describeQueue', { waiting: waiting ?? '—', longest: queue.longestWaitMs === null ? '—' : formatElapsed(queue.longestWaitMs) });
}

/** The browser's answer may change behind the page's back (its site settings): the board shows the current one. */
function readPermission(): void {
  const permission = typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  if (useAlertStore.getState().permission !== permission) useAlertStore.setState({ permission });
}

/** Members and queues over red on the live board, whatever the board shows. */
function liveRedCounts(now: number): [number, number] {
  const { members, loaded } = useBoardStore.getState();
  const { thresholds, queueCsqs, queueThresholds } = useBoardView.getState().view;
  let red = 0;
  if (loaded) for (const member of members.values()) if (alertLevel(member, thresholds, now) === 'red') red++;
  const { state } = useQueueStore.getState();
  const queues = state.mode === 'ok' ? shownQueues(state, queueCsqs, queueThresholds, now).filter((queue) => queue.levels.level === 'red').length : 0;
  return [red, queues];
}

export function checkAlerts(now = Date.now()): void {
  readPermission();
  // Crossings while replaying are not marked as notified: back on Live, those still over red alert then.
  if (isReplaying()) {
    // The tray still counts the live board's reds (the board keeps it while showing the past).
    reportRed(...liveRedCounts(now));
    return;
  }
  checkQueueAlerts(now);
  const { members, loaded, connection } = useBoardStore.getState();
  if (!loaded) return;
  const rules = useBoardView.getState().view.thresholds;
  const red: BoardMember[] = [];
  for (const member of members.values()) if (alertLevel(member, rules, now) === 'red') red.push(member);
  red.sort((a, b) => a.since - b.since);
  useAlertStore.setState({ red });
  // The tray shows the board's current reds.
  reportRed(red.length, useAlertStore.getState().redQueues.length);

  // A saved or disconnected board is not news: notify only about live data.
  if (connection.state !== 'live') return;
  const fresh = red.filter((m) => !notified.has(`${m.memberId}:${m.since}`) && !isSnoozed(m.memberId, now));
  for (const m of red) notified.add(`${m.memberId}:${m.since}`);
  if (notified.size > 20_000) notified.clear();
  if (fresh.length === 0) return;
  if (fresh.length > MAX_SINGLE_NOTIFICATIONS) {
    notify(t('board.notify.summaryTitle'), t('board.notify.summaryBody', { count: fresh.length, name: fresh[0]!.memberName }), 'board-summary', { screen: 'board' });
    return;
  }
  for (const m of fresh) {
    const rule = thresholdFor(m, rules);
    const state = m.reason ? t('board.notify.state', { status: statusLabel(m.status), reason: m.reason }) : statusLabel(m.status);
    const elapsed = formatElapsed(now - m.since);
    const body = rule ? t('board.notify.memberBodyWithLimit', { state, elapsed, minutes: rule.redMinutes }) : t('board.notify.memberBody', { state, elapsed });
    notify(t('board.notify.memberTitle', { name: m.memberName }), body, `board-${m.memberId}`, { screen: 'board', member: m.memberName });
  }
}

let timer: ReturnType<typeof setInterval> | null = null;

export function startAlertChecks(): void {
  // New queue figures (or their loss) are checked at once, not at the next tick.
  if (!timer) useQueueStore.subscribe(() => checkQueueAlerts(Date.now()));
  timer ??= setInterval(() => checkAlerts(), 1_000);
}
