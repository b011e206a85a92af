import { openTargetSchema, type DeepLinkOutcome, type OpenTarget } from '../../../shared/domain/deep-link';
import { MEMBER_STATUSES, MEMBER_TYPES } from '../../../shared/domain/board';
import { navigate, pushNotice } from './app-store';
import { leaveIfAllowed } from './unsaved-guard';
import { openJourney } from '../features/journey/journey-request';
import { useBoardStore } from '../features/board/board-store';
import { useBoardView, updateView } from '../features/board/board-view-store';

/**
 * Where a console link, the tray, the application menu or a clicked alert
 * sends the console. Leaving a form with unsaved edits asks first, as
 * every other way of changing screens does.
 */
export function openTarget(target: OpenTarget): void {
  leaveIfAllowed(() => {
    if (target.screen === 'journey') {
      if ('callId' in target) openJourney(target.callId);
      else navigate('journey');
      return;
    }
    navigate(target.screen);
    if (target.screen === 'board') showOnBoard(target);
  });
}

/** What main sent as `app:open`: checked against the schema (it came from outside the page), then opened or its refusal shown. */
export function handleOpenOutcome(outcome: DeepLinkOutcome): void {
  if (!outcome.ok) {
    pushNotice('warning', String(outcome.message).slice(0, 600));
    return;
  }
  const parsed = openTargetSchema.safeParse(outcome.target);
  if (!parsed.success) {
    pushNotice('warning', 'A link asked for a place the console does not have; nothing was opened.');
    return;
  }
  openTarget(parsed.data);
}

/** How long a link waits for the board to arrive (the console just started) before it gives up. */
const BOARD_WAIT_MS = 20_000;

/** Once the board and its saved filters are there: the named team, member or queue. */
function showOnBoard(target: Extract<OpenTarget, { screen: 'board' }>): void {
  if (!target.team && !target.member && !target.queue) return;
  const ready = () => useBoardStore.getState().loaded && useBoardView.getState().initialised;
  const apply = () => {
    if (target.team) {
      const wanted = target.team.toLowerCase();
      const team = useBoardStore.getState().teams.find((t) => t.teamName.toLowerCase() === wanted);
      if (team) updateView({ teamId: team.teamId });
      else pushNotice('warning', `No team named “${target.team}” is on the board; it shows the teams as before.`);
    }
    // A member's alert: every team, every status and type, filtered by the member's name.
    if (target.member) updateView({ teamId: null, name: target.member, statuses: [...MEMBER_STATUSES], types: [...MEMBER_TYPES] });
    if (target.queue) {
      const name = target.queue;
      requestAnimationFrame(() => {
        const tile = [...document.querySelectorAll<HTMLElement>('.queue-tile')].find((element) => element.getAttribute('aria-label') === name);
        tile?.scrollIntoView({ block: 'nearest' });
      });
    }
  };
  if (ready()) {
    apply();
    return;
  }
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    unsubscribeBoard();
    unsubscribeView();
    clearTimeout(timer);
  };
  const check = () => {
    if (!ready()) return;
    finish();
    apply();
  };
  const unsubscribeBoard = useBoardStore.subscribe(check);
  const unsubscribeView = useBoardView.subscribe(check);
  const timer = setTimeout(() => {
    finish();
    pushNotice('warning', 'The board did not load in time to show what the link asked for.');
  }, BOARD_WAIT_MS);
}
