import { beforeAll, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { LARGE_PATCH_MEMBERS, startBoardBridge, useBoardStore } from '../../renderer/src/features/board/board-store';
import { NO_REJECTIONS, type BoardMember, type BoardPatch, type BoardSnapshot } from '../../shared/domain/board';
import { createFakeApi } from '../support/fake-api';

const MEMBERS = LARGE_PATCH_MEMBERS + 100;
const ids = Array.from({ length: MEMBERS }, (_, i) => `a${i}`);
const member = (id: string, status: BoardMember['status'], reason = ''): BoardMember => ({ memberId: id, memberName: id, memberType: 'Agent', status, reason, since: 0, sinceAtLeast: false });
const LIVE = { state: 'live', detail: 'Live.', asOf: null, retryAt: null } as const;

const main: { board: BoardSnapshot } = {
  board: {
    seq: 1,
    configured: true,
    supervisorId: 'a0',
    connection: LIVE,
    teams: [{ teamId: 't1', teamName: 'Sales', memberIds: ids }],
    members: ids.map((id) => member(id, 'ready')),
    rejections: { ...NO_REJECTIONS },
    eventsApplied: 0,
    limitNotice: null,
  },
};

const api = createFakeApi({ 'board:snapshot': () => main.board });

const patch = (seq: number, members: BoardMember[]): BoardPatch => ({
  seq,
  reset: false,
  configured: true,
  supervisorId: 'a0',
  connection: LIVE,
  teams: [],
  removedTeamIds: [],
  members,
  removedMemberIds: [],
  rejections: { ...NO_REJECTIONS },
  eventsApplied: seq,
  oldestEventAt: null,
  limitNotice: null,
});

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const statusOf = (id: string) => useBoardStore.getState().members.get(id)?.status;

describe('board store: patches onto the screen', () => {
  beforeAll(async () => {
    setApi(api);
    startBoardBridge();
    await nextTask();
    expect(useBoardStore.getState().seq).toBe(1);
  });

  it('shows a patch of a few members at once, and one of the whole board in the next task, with the patches behind it in order', async () => {
    let renders = 0;
    const unsubscribe = useBoardStore.subscribe(() => renders++);

    api.emit('board:patch', patch(2, [member('a1', 'ACW')]));
    expect(useBoardStore.getState().seq).toBe(2);
    expect(statusOf('a1')).toBe('ACW');
    expect(renders).toBe(1);

    // Finesse read every team again: every member in one patch. Folded in now, shown in the next task.
    api.emit('board:patch', patch(3, ids.map((id) => member(id, 'not_ready', 'Lunch'))));
    expect(useBoardStore.getState().seq).toBe(2);
    expect(statusOf('a5')).toBe('ready');
    // A small patch arriving meanwhile waits behind it, so the screen never shows it without the large one.
    api.emit('board:patch', patch(4, [member('a1', 'ready')]));
    expect(useBoardStore.getState().seq).toBe(2);
    expect(renders).toBe(1);

    await nextTask();
    expect(useBoardStore.getState().seq).toBe(4);
    expect(statusOf('a5')).toBe('not_ready');
    expect(statusOf('a1')).toBe('ready');
    // Both shown in one store update.
    expect(renders).toBe(2);

    // Then small patches go straight to the screen again.
    api.emit('board:patch', patch(5, [member('a2', 'ACW')]));
    expect(useBoardStore.getState().seq).toBe(5);
    expect(renders).toBe(3);
    unsubscribe();
  });

  it('drops a large patch waiting to be shown when a gap in the numbering brings a fresh snapshot', async () => {
    main.board = { ...main.board, seq: 20, members: ids.map((id) => member(id, 'ACW')) };
    api.emit('board:patch', patch(6, ids.map((id) => member(id, 'not_ready', 'Break'))));
    // Patch 7 never arrives: 8 starts a reload from the snapshot.
    api.emit('board:patch', patch(8, [member('a3', 'ready')]));
    await nextTask();
    await nextTask();
    expect(useBoardStore.getState().seq).toBe(20);
    expect(statusOf('a5')).toBe('ACW');
    expect(statusOf('a3')).toBe('ACW');
  });
});
