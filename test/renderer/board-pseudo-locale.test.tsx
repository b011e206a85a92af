import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { applyLanguage, t } from '../../renderer/src/i18n/i18n';
import { BoardScreen } from '../../renderer/src/features/board/BoardScreen';
import { fromSnapshot, useBoardStore } from '../../renderer/src/features/board/board-store';
import { useFinesseStore } from '../../renderer/src/features/board/finesse-store';
import { useAppStore } from '../../renderer/src/store/app-store';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { FINESSE_OFF, type FinesseState, type TeamMessage } from '../../shared/domain/finesse';
import type { BoardMember, BoardSnapshot } from '../../shared/domain/board';
import { createFakeApi } from '../support/fake-api';
import { useQueueStore } from '../../renderer/src/features/board/queue-store';
import { QUEUES_OFF, type QueueState } from '../../shared/domain/queues';
import { limitNoticeWords } from '../../electron/services/reports/board-state';
import { timelessProblem, unknownStateProblem } from '../../electron/services/finesse/board-link';
import { networkProblem } from '../../electron/services/queues/realtime-source';
import { setValue } from '../support/react-root';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';

/**
 * The parts of the Team board the demo lab does not bring up by itself (so
 * the end-to-end pseudo-locale check cannot reach them): the sign-out
 * confirmation for several agents, the bulk sign-out's progress, the team
 * message dialog with an active message, a disconnected board, and the
 * thresholds editor refusing a rule. In the pseudo-locale every word must
 * come from a catalogue (docs/i18n.md); a refused rule is said in German too.
 */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom lays nothing out: give elements a size so the virtualized table renders its rows.
for (const [property, value] of [
  ['clientHeight', 800],
  ['clientWidth', 1200],
] as const) {
  Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => value });
}

const now = Date.now();
const finesseView = (state: NonNullable<BoardMember['agentState']>['state']) => ({ state, pendingState: null, reasonLabel: '', source: 'finesse' as const, at: now });
const member = (id: string, name: string, status: BoardMember['status'], state: NonNullable<BoardMember['agentState']>['state']): BoardMember => ({
  memberId: id,
  memberType: 'Agent',
  memberName: name,
  status,
  reason: status === 'not_ready' ? 'Lunch' : '',
  since: now - 90_000,
  sinceAtLeast: true,
  agentState: finesseView(state),
});
const MEMBERS = [member('1001', 'Jane Doe', 'not_ready', 'NOT_READY'), member('1003', 'Maria Garcia', 'ready', 'TALKING'), member('1004', 'Chen Wong', 'not_ready', 'LOGOUT')];
const SNAPSHOT: BoardSnapshot = {
  seq: 1,
  configured: true,
  supervisorId: 'sup01',
  connection: { state: 'live', detail: 'Live', asOf: null, retryAt: null },
  teams: [{ teamId: '1', teamName: 'Billing Team', memberIds: MEMBERS.map((m) => m.memberId) }],
  members: MEMBERS,
  rejections: { invalidJson: 2, notText: 0, unknownEvent: 1, missingFields: 0, unknownStatus: 0, unknownType: 0, unknownTeam: 0, unexpectedResponse: 0 },
  eventsApplied: 0,
  limitNotice: null,
};
const OK: FinesseState = { ...FINESSE_OFF, mode: 'ok', detail: 'In service on ccx-a.', activeNode: 'https://ccx-a:8445', username: 'sup01' };
const MESSAGE: TeamMessage = { id: 'm1', content: 'Fire drill at 3', teamIds: ['1', '9'], createdAt: now, durationSeconds: 3600, expiresAt: now + 3_600_000, createdBy: { id: 'sup01', name: 'Sam Lee' } };

let container: HTMLDivElement;
let root: Root;

async function settle(ms = 0) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

async function click(element: Element | null | undefined) {
  expect(element).toBeTruthy();
  await act(async () => {
    (element as HTMLElement).click();
  });
  await settle();
}

async function renderBoard(snapshot: BoardSnapshot, finesse: FinesseState = OK, queues?: QueueState) {
  setApi(
    createFakeApi({
      'board:snapshot': () => snapshot,
      'finesse:state': () => finesse,
      ...(queues ? { 'queues:state': () => queues } : {}),
      'finesse:teams': () => [{ id: '1', name: 'Billing Team' }],
      'finesse:messages': () => [MESSAGE],
      'preferences:set': (request) => ({ theme: 'light', sections: {}, ...request }) as never,
    }),
  );
  useBoardStore.setState(fromSnapshot(snapshot));
  useFinesseStore.setState({ state: finesse });
  if (queues) useQueueStore.setState({ state: queues, loaded: true });
  await act(async () => root.render(<BoardScreen />));
  await settle(10);
  await settle(10);
}

const notFromCatalogue = () => wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: document.body });

beforeAll(() => applyLanguage('pseudo'));
afterAll(() => applyLanguage('en'));

beforeEach(() => {
  useBoardStore.setState({ loaded: false, seq: 0, members: new Map(), teams: [] } as never);
  useFinesseStore.setState({ state: FINESSE_OFF, notes: [], selected: new Set(), bulk: null, busy: new Set(), confirming: null });
  useAppStore.setState({ preferences: { theme: 'light', sections: {}, language: 'pseudo' } } as never);
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('the Team board in the pseudo-locale', () => {
  it('says the sign-out confirmation and the bulk progress in catalogue words only', async () => {
    await renderBoard(SNAPSHOT);
    expect(container.querySelectorAll('tr.member-row')).toHaveLength(3);
    await click(container.querySelector('.select-cell input[type="checkbox"]'));
    await click(container.querySelector('.screen-header button.danger'));
    expect(document.querySelector('[role="alertdialog"]')).not.toBeNull();
    expect(notFromCatalogue()).toEqual([]);

    useFinesseStore.setState({ confirming: null, bulk: { total: 3, finished: 3, current: null, signedOut: 1, pending: 1, failed: 1 } as never });
    await settle();
    expect(container.querySelector('.bulk-progress')).not.toBeNull();
    expect(notFromCatalogue()).toEqual([]);
  });

  it('says the team message dialog, with an active message, in catalogue words only', async () => {
    await renderBoard(SNAPSHOT);
    await click(container.querySelector('.screen-header button[aria-haspopup="dialog"]'));
    await settle(10);
    expect(document.querySelector('.team-message-list li')).not.toBeNull();
    expect(notFromCatalogue()).toEqual([]);
  });

  it("says main's notices on the board (queue figures unavailable, the limit notice, Finesse's problem) by id, server data as sent", async () => {
    const limit = limitNoticeWords(3, 12, { maxTeams: 2, maxMembers: 500 })!;
    const problems = [unknownStateProblem(['Jane Doe (“ON_A_BREAK_MAYBE”)']), timelessProblem(2)];
    const unreachable = networkProblem(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'ccx-a:9080');
    await renderBoard(
      { ...SNAPSHOT, limitNotice: limit.message, limitNoticeMessage: limit.said },
      { ...OK, problem: problems.map((p) => p.english).join(' '), problemSentences: problems },
      { ...QUEUES_OFF, mode: 'unavailable', detail: unreachable.message, detailMessage: unreachable.said },
    );
    const shown = ['[data-testid="board-limit"]', '[data-testid="finesse-problem"]', '.queue-unavailable'].map((selector) => container.querySelector(selector));
    for (const element of shown) {
      expect(element).not.toBeNull();
      expect(element!.querySelector('[data-main-text]')).toBeNull();
    }
    expect(notFromCatalogue()).toEqual([]);
    // What the servers sent is shown as sent, and kept from translation.
    const asSent = [...container.querySelectorAll('[translate="no"]')].map((element) => element.textContent);
    expect(asSent).toEqual(expect.arrayContaining(['ccx-a:9080', 'Jane Doe (“ON_A_BREAK_MAYBE”)']));

    await act(async () => applyLanguage('de'));
    await settle();
    expect(shown[0]!.textContent).toContain('3 Teams über der Grenze von 2 und 12 Mitglieder über der Grenze von 500 werden nicht angezeigt');
    expect(shown[1]!.textContent).toContain('Finesse hat für 2 Mitglieder keine Zeit im Status geliefert');
    expect(shown[2]!.textContent).toContain('ccx-a:9080: Verbindung abgelehnt');
    await act(async () => applyLanguage('pseudo'));
  });

  it('says a disconnected board, as of a moment, in catalogue words only', async () => {
    await renderBoard({ ...SNAPSHOT, connection: { state: 'disconnected', detail: 'The report server closed the connection.', asOf: now - 60_000, retryAt: now + 5_000 } });
    expect(container.querySelector('[data-testid="board-connection"]')).not.toBeNull();
    expect(notFromCatalogue()).toEqual([]);
  });
});

/** Open Thresholds… and make the first rule turn red (5 min) before amber (50 min), which the shared rule refuses. */
async function refuseFirstRule() {
  const open = [...container.querySelectorAll<HTMLButtonElement>('.screen-header button')].find((button) => button.textContent === t('board.thresholds'));
  await click(open);
  const inputs = container.querySelectorAll<HTMLInputElement>('.board-thresholds tbody tr:first-child input[type="number"]');
  expect(inputs).toHaveLength(2);
  await act(async () => {
    setValue(inputs[0]!, '50');
    setValue(inputs[1]!, '5');
  });
  await settle();
}

describe('the thresholds editor refusing a rule', () => {
  it('says the problem in catalogue words only', async () => {
    await renderBoard(SNAPSHOT);
    await refuseFirstRule();
    expect(container.querySelector('.board-thresholds .field-error')).not.toBeNull();
    expect(notFromCatalogue()).toEqual([]);
  });

  it('says the problem and why Save waits in German', async () => {
    await act(() => applyLanguage('de'));
    try {
      await renderBoard(SNAPSHOT);
      await refuseFirstRule();
      expect(container.querySelector('.board-thresholds .field-error')?.textContent).toBe('⚠ Rot (5 Min.) muss nach Gelb (50 Min.) kommen: Rot über 50 setzen oder Gelb unter 5.');
      expect(container.querySelector('#thresholds-save-reason')?.textContent).toBe('Noch nicht speicherbar: Regel 1, Rot-Minuten: Rot (5 Min.) muss nach Gelb (50 Min.) kommen: Rot über 50 setzen oder Gelb unter 5.');
    } finally {
      await act(() => applyLanguage('pseudo'));
    }
  });
});
