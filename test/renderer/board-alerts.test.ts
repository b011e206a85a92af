import { beforeEach, describe, expect, it } from 'vitest';
import { checkAlerts, snoozeAll, snoozeMember, snoozeQueue, useAlertStore } from '../../renderer/src/features/board/board-alerts';
import { useQueueStore } from '../../renderer/src/features/board/queue-store';
import { DEFAULT_QUEUE_THRESHOLDS } from '../../renderer/src/features/board/board-model';
import { QUEUES_OFF, type QueueFigures } from '../../shared/domain/queues';
import { useBoardStore } from '../../renderer/src/features/board/board-store';
import { useBoardView } from '../../renderer/src/features/board/board-view-store';
import type { BoardMember } from '../../shared/domain/board';

/** A stand-in for the browser's Notification API that records what the board raised. */
const raised: Array<{ title: string; body: string }> = [];
class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  static requestPermission = async () => 'granted' as NotificationPermission;
  onclick: (() => void) | null = null;
  constructor(title: string, options: { body: string }) {
    raised.push({ title, body: options.body });
  }
}
(globalThis as unknown as { Notification: unknown }).Notification = RecordingNotification;

const MINUTE = 60_000;
const now = 10 * 60 * MINUTE;

function member(id: string, name: string, status: BoardMember['status'], reason: string, minutesAgo: number): BoardMember {
  return { memberId: id, memberType: 'Agent', memberName: name, status, reason, since: now - minutesAgo * MINUTE, sinceAtLeast: false };
}

function showBoard(members: BoardMember[], state: 'live' | 'disconnected' = 'live') {
  useBoardStore.setState({
    loaded: true,
    connection: { state, detail: '', asOf: null, retryAt: null },
    members: new Map(members.map((m) => [m.memberId, m])),
  } as never);
}

describe('red-threshold desktop alerts', () => {
  beforeEach(() => {
    raised.length = 0;
    useAlertStore.setState({ snoozedUntil: {}, snoozeAllUntil: 0 });
    useBoardView.setState((s) => ({
      view: { ...s.view, thresholds: [{ status: 'not_ready', reason: 'Lunch', amberMinutes: 35, redMinutes: 45 }, { status: 'not_ready', reason: '', amberMinutes: 10, redMinutes: 20 }] },
    }));
  });

  it('raises one notification when a member crosses red, using the most specific rule', () => {
    showBoard([member('a1', 'Jane Doe', 'not_ready', 'Lunch', 40), member('a2', 'Ravi Khan', 'not_ready', 'Break', 25), member('a3', 'Maria Garcia', 'ready', '', 300)]);
    checkAlerts(now);
    expect(raised).toEqual([{ title: 'Ravi Khan over the limit', body: expect.stringContaining('limit 20 min') }]);
    expect(useAlertStore.getState().red.map((m) => m.memberId)).toEqual(['a2']);
    checkAlerts(now + 1000);
    expect(raised).toHaveLength(1);
    checkAlerts(now + 6 * MINUTE);
    expect(raised.map((r) => r.title)).toEqual(['Ravi Khan over the limit', 'Jane Doe over the limit']);
  });

  it('stays quiet for a snoozed member and while everyone is snoozed', () => {
    showBoard([member('a1', 'Jane Doe', 'not_ready', 'Break', 30)]);
    snoozeMember('a1', now);
    checkAlerts(now);
    expect(raised).toEqual([]);
    showBoard([member('b1', 'Chen Wong', 'not_ready', 'Meeting', 30)]);
    snoozeAll(now);
    checkAlerts(now);
    expect(raised).toEqual([]);
    expect(useAlertStore.getState().red).toHaveLength(1);
  });

  it('does not notify about a board that is not live', () => {
    showBoard([member('c1', 'Olga Novak', 'not_ready', 'Break', 30)], 'disconnected');
    checkAlerts(now);
    expect(raised).toEqual([]);
  });
});

describe('queue alerts', () => {
  const figures = (name: string, waiting: number, longestWaitMs: number): QueueFigures => ({ name, id: null, waiting, longestWaitMs, loggedIn: 5, available: 0, talking: 5, notReady: 0, handled: 10, abandoned: 1 });
  const showQueues = (queues: QueueFigures[], readAt = now) =>
    useQueueStore.setState({ state: { ...QUEUES_OFF, mode: 'ok', detail: '', readAt, queues, teamCsqs: queues.map((q) => q.name) }, loaded: true });

  beforeEach(() => {
    raised.length = 0;
    showBoard([]);
    useAlertStore.setState({ snoozedUntil: {}, snoozeAllUntil: 0 });
    useBoardView.setState((s) => ({ view: { ...s.view, queueCsqs: null, queueThresholds: DEFAULT_QUEUE_THRESHOLDS } }));
  });

  it('raises one notification when the longest wait passes 60 s, counting the time since the reading, and again after the queue recovered', () => {
    showQueues([figures('Billing_CSQ', 2, 50_000), figures('Sales_CSQ', 1, 5_000)]);
    checkAlerts(now);
    expect(raised).toEqual([]);
    checkAlerts(now + 11_000);
    expect(raised).toEqual([{ title: 'Billing_CSQ: callers waiting too long', body: '2 waiting, longest 1:01' }]);
    expect(useAlertStore.getState().redQueues.map((q) => q.name)).toEqual(['Billing_CSQ']);
    checkAlerts(now + 20_000);
    expect(raised).toHaveLength(1);
    showQueues([figures('Billing_CSQ', 0, 0), figures('Sales_CSQ', 1, 5_000)], now + 21_000);
    checkAlerts(now + 21_000);
    expect(useAlertStore.getState().redQueues).toEqual([]);
    showQueues([figures('Billing_CSQ', 6, 1_000), figures('Sales_CSQ', 1, 5_000)], now + 30_000);
    checkAlerts(now + 30_000);
    expect(raised.map((r) => r.body)).toEqual(['2 waiting, longest 1:01', '6 waiting, longest 0:01']);
  });

  it('stays quiet for a snoozed queue and while everything is snoozed, and shows only the chosen queues', () => {
    snoozeQueue('Billing_CSQ', now);
    showQueues([figures('Billing_CSQ', 9, 90_000)]);
    checkAlerts(now);
    expect(raised).toEqual([]);
    expect(useAlertStore.getState().redQueues).toHaveLength(1);
    useBoardView.setState((s) => ({ view: { ...s.view, queueCsqs: ['Sales_CSQ'] } }));
    showQueues([figures('Billing_CSQ', 9, 90_000), figures('Sales_CSQ', 9, 90_000)]);
    snoozeAll(now);
    checkAlerts(now);
    expect(raised).toEqual([]);
    expect(useAlertStore.getState().redQueues.map((q) => q.name)).toEqual(['Sales_CSQ']);
  });

  it('does not alert while the figures are unavailable', () => {
    useQueueStore.setState({ state: { ...QUEUES_OFF, mode: 'unavailable', detail: 'ccx-a answered HTTP 404', queues: [figures('Billing_CSQ', 9, 90_000)] } });
    checkAlerts(now);
    expect(raised).toEqual([]);
  });
});
