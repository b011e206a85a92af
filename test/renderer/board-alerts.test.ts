import { beforeEach, describe, expect, it } from 'vitest';
import { checkAlerts, snoozeAll, snoozeMember, useAlertStore } from '../../renderer/src/features/board/board-alerts';
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
