import { ConfirmPanel } from '../../components/ConfirmPanel';
import { AGENT_STATE_LABELS } from '../../../../shared/domain/finesse';
import type { BoardMember } from '../../../../shared/domain/board';
import { act, actionCheck, cancelSignOut, clearBulk, currentAgentState, dismissNote, signOutMany, useFinesseStore } from './finesse-store';

/** Finesse's state in words above the table: where to set it up, unreachable, or what was wrong with its answers. */
export function FinesseLine() {
  const finesse = useFinesseStore((s) => s.state);
  if (finesse.mode === 'off') {
    return (
      <p className="muted board-finesse-off" data-testid="finesse-off">
        Agent actions (Make ready, Make not ready, Sign out), exact time in state and team messages need Finesse: add a Finesse section to this profile under
        Connections.
      </p>
    );
  }
  if (finesse.mode === 'down') {
    return (
      <div className="banner banner-error board-finesse" role="status" data-testid="finesse-down">
        <strong>✖ Finesse unreachable.</strong> {finesse.detail}
      </div>
    );
  }
  if (finesse.problem) {
    return (
      <p className="board-limit board-finesse" role="status" data-testid="finesse-problem">
        ⚠ {finesse.problem}
      </p>
    );
  }
  return null;
}

const NOTE_ICONS = { ok: '✔', pending: '◷', warn: '▲', error: '✖', working: '…' } as const;

/** How each action ended, in words, newest first. */
export function ActionNotes() {
  const notes = useFinesseStore((s) => s.notes);
  return (
    <ul className="action-notes" aria-label="Agent actions" aria-live="polite">
      {notes.map((note) => (
        <li key={note.id} className={`action-note tone-${note.tone}`} data-agent-id={note.agentId}>
          <span aria-hidden="true">{NOTE_ICONS[note.tone]} </span>
          <span className="action-note-text">{note.message}</span>
          {note.tone !== 'working' && (
            <button type="button" className="link" aria-label="Dismiss" onClick={() => dismissNote(note.id)}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The sign-out confirmation: one agent from a row's menu, or the selected ones at the end of a shift. */
export function SignOutConfirm() {
  const confirming = useFinesseStore((s) => s.confirming);
  const finesse = useFinesseStore((s) => s.state);
  if (!confirming || confirming.length === 0) return null;
  const checked = confirming.map((member) => ({ member, check: actionCheck(member, 'LOGOUT', finesse) }));
  const allowed = checked.flatMap(({ member, check }) => (check.allowed ? [member] : []));
  const skipped = checked.flatMap(({ member, check }) => (check.allowed ? [] : [`${member.memberName} (${check.reason.replace(/\.$/, '')})`]));
  const onCall = checked.filter(({ check }) => check.allowed && check.deferred).length;
  const single = confirming.length === 1 ? confirming[0]! : null;
  const title = single ? `Sign out ${single.memberName}?` : `Sign out ${allowed.length} agent${allowed.length === 1 ? '' : 's'}?`;
  const run = () => {
    cancelSignOut();
    if (single) void act(single, 'LOGOUT');
    else void signOutMany(allowed);
  };
  return (
    <div className="board-overlay">
      <ConfirmPanel title={title} confirmLabel={single ? 'Sign out' : `Sign out ${allowed.length}`} cancelLabel="Keep signed in" danger onCancel={cancelSignOut} onConfirm={run}>
        {single ? (
          <SingleText member={single} />
        ) : (
          <>
            <p>
              Finesse signs each of them out now; {onCall ? `${onCall} on a call sign${onCall === 1 ? 's' : ''} out when the call ends.` : 'none is on a call.'} Each
              outcome is listed on the board.
            </p>
            <ul className="confirm-names">
              {allowed.map((m) => (
                <li key={m.memberId}>
                  {m.memberName} <span className="muted">({AGENT_STATE_LABELS[currentAgentState(m).state]})</span>
                </li>
              ))}
            </ul>
            {skipped.length > 0 && <p className="muted">Left out: {skipped.join(', ')}.</p>}
          </>
        )}
      </ConfirmPanel>
    </div>
  );
}

function SingleText({ member }: { member: BoardMember }) {
  const finesse = useFinesseStore((s) => s.state);
  const check = actionCheck(member, 'LOGOUT', finesse);
  if (!check.allowed) return <p>{check.reason}</p>;
  return check.deferred ? (
    <p>
      {member.memberName} is on a call ({AGENT_STATE_LABELS[currentAgentState(member).state]}): Finesse signs them out when the call ends. The call is not cut.
    </p>
  ) : (
    <p>Finesse signs {member.memberName} out now; they must sign in again to take calls.</p>
  );
}

/** Progress of "Sign out selected…". */
export function BulkProgressPanel() {
  const bulk = useFinesseStore((s) => s.bulk);
  if (!bulk) return null;
  const done = bulk.current === null;
  return (
    <section className="panel bulk-progress" aria-label="Signing out the selected agents">
      <div role="status" aria-live="polite">
        {done ? (
          <strong>
            Done: {bulk.signedOut} signed out{bulk.pending ? `, ${bulk.pending} sign out after their call` : ''}
            {bulk.failed ? `, ${bulk.failed} not signed out (see the notes)` : ''}.
          </strong>
        ) : (
          <span>
            Signing out {bulk.finished + 1} of {bulk.total}: {bulk.current}…
          </span>
        )}
      </div>
      <progress max={bulk.total} value={bulk.finished} aria-label="Sign-out progress" />
      <span className="muted">
        {bulk.finished} of {bulk.total}
      </span>
      {done && (
        <button type="button" onClick={clearBulk}>
          Close
        </button>
      )}
    </section>
  );
}
