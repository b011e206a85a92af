import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../electron/core/dispatcher';
import { createHistoryHandlers } from '../../electron/core/handlers/history';
import { HistoryService } from '../../electron/services/history/service';
import { createLogger } from '../../electron/services/log/logger';
import type { BoardService } from '../../electron/services/reports/board-service';
import { tempDirs } from '../support/temp-dirs';
import { CONNECTING, patch } from '../support/history-script';

// The history:* channels through the dispatcher: every request is bounded by its schema, and the answers are typed.

const tempDir = tempDirs('history-ipc-');

function dispatcher() {
  const board = Object.assign(new EventEmitter(), { snapshot: () => patch({ connection: CONNECTING }), resyncing: false }) as unknown as BoardService;
  const history = new HistoryService({ board, log: createLogger('test'), recorder: { timer: false } });
  const handlers = new Proxy(createHistoryHandlers(history) as Handlers, { get: (target, key: string) => (target as Record<string, unknown>)[key] ?? (() => 'other') });
  return { history, dispatch: createDispatcher(handlers) };
}

describe('history channels', () => {
  it('refuses requests outside their bounds without calling the service', async () => {
    const { dispatch } = dispatcher();
    const refused = [
      ['history:timeline', { day: '2026-13-01', memberId: 'a' }],
      ['history:timeline', { day: '../../etc', memberId: 'a' }],
      ['history:timeline', { day: '2026-03-10', memberId: 'x'.repeat(129) }],
      ['history:timeline', { day: '2026-03-10', memberId: 'a', extra: 1 }],
      ['history:timelineOverview', { day: '2026-03-10', memberId: 'a', from: 1.7e12, to: 1.7e12 + 1, pixels: 0 }],
      ['history:timelineOverview', { day: '2026-03-10', memberId: 'a', from: 1.7e12, to: 1.7e12 + 1, pixels: 8_193 }],
      ['history:timelineOverview', { day: '2026-03-10', memberId: 'a', from: 1.7e12, to: 1.7e12 + 1, pixels: 1.5 }],
      ['history:timelineOverview', { day: '2026-03-10', memberId: 'a', from: 1.7e12, to: 1.7e12, pixels: 100 }],
      ['history:timelineOverview', { day: '2026-03-10', memberId: 'a', from: 1.7e12, to: 1e20, pixels: 100 }],
      ['history:timelineOverview', { day: '2026-03-10', memberId: 'a', pixels: 100 }],
      ['history:timelineOverview', { day: '2026-03-10', memberId: 'a', from: 1.7e12, to: 1.7e12 + 1, pixels: 100, extra: 1 }],
      ['history:teamDay', { day: '2026-03-10', teamId: 't', bucketMinutes: 7 }],
      ['history:summary', { day: '2026-03-10', limit: 501 }],
      ['history:summary', { day: '2026-03-10', offset: -1 }],
      ['history:boardAt', { at: 1e20 }],
      ['history:boardAt', { at: Date.now(), limit: 5_001 }],
      ['history:days', { anything: true }],
      ['history:day', { day: '2026-02-30x' }],
      ['history:day', {}],
    ] as const;
    for (const [channel, payload] of refused) {
      expect(await dispatch(channel, payload), `${channel} ${JSON.stringify(payload).slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
  });

  it('answers "off" with no profile, and typed errors for what is not kept', async () => {
    const { dispatch, history } = dispatcher();
    expect(await dispatch('history:days', undefined)).toMatchObject({ ok: true, value: { days: [], retentionDays: 14, status: { state: 'off' } } });
    expect(await dispatch('history:timeline', { day: '2026-03-10', memberId: 'a' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    const dir = tempDir();
    history.start({ profile: { id: 'p', name: 'P', history: { retentionDays: 3 }, reports: { url: 'ws://127.0.0.1:1', agentId: 's', passwordSet: false, headerNames: [] } }, dir, log: createLogger('test') });
    const days = await dispatch('history:days', undefined);
    expect(days).toMatchObject({ ok: true, value: { retentionDays: 3, status: { state: 'recording' } } });
    expect(history.days().days).toHaveLength(1);
    expect(await dispatch('history:timeline', { day: '2020-01-01', memberId: 'a' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No history is kept for 2020-01-01.' } });
    expect(await dispatch('history:boardAt', { at: new Date(2020, 0, 1).getTime() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    history.stop();
  });
});
