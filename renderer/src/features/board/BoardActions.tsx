import { Fragment } from 'react';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { MainText } from '../../components/ErrorDetails';
import type { FinesseProblemSentence } from '../../../../shared/domain/finesse';
import { sayMain, useT } from '../../i18n/i18n';
import { Message } from '../../i18n/Message';
import { agentStateLabel } from './finesse-words';
import type { BoardMember } from '../../../../shared/domain/board';
import { act, actionCheck, cancelSignOut, clearBulk, currentAgentState, dismissNote, signOutMany, useFinesseStore } from './finesse-store';

/** Finesse's state in words above the table: where to set it up, unreachable, or what was wrong with its answers. */
export function FinesseLine() {
  const finesse = useFinesseStore((s) => s.state);
  const t = useT();
  if (finesse.mode === 'off') {
    return (
      <p className="muted board-finesse-off" data-testid="finesse-off">
        {t('board.finesse.off')}
      </p>
    );
  }
  if (finesse.mode === 'down') {
    return (
      <div className="banner banner-error board-finesse" role="status" data-testid="finesse-down">
        <strong>{t('board.finesse.down')}</strong> <span data-main-text={finesse.detailMessage ? undefined : ''}>{sayMain(finesse.detailMessage, finesse.detail)}</span>
      </div>
    );
  }
  if (finesse.problem) {
    return (
      <p className="board-limit board-finesse" role="status" data-testid="finesse-problem">
        ⚠ <FinesseProblem problem={finesse.problem} sentences={finesse.problemSentences} />
      </p>
    );
  }
  return null;
}

/** What was wrong with Finesse's answers, sentence by sentence in the user's language (main's English when it sent no id). */
function FinesseProblem({ problem, sentences }: { problem: string; sentences: readonly FinesseProblemSentence[] | null | undefined }) {
  if (!sentences?.length) return <span data-main-text="">{problem}</span>;
  return (
    <>
      {sentences.map((sentence, index) => (
        <Fragment key={index}>
          {index > 0 ? ' ' : null}
          <MainText said={sentence.said} english={sentence.english} />
        </Fragment>
      ))}
    </>
  );
}

const NOTE_ICONS = { ok: '✔', pending: '◷', warn: '▲', error: '✖', working: '…' } as const;

/** How each action ended, in words, newest first. */
export function ActionNotes() {
  const notes = useFinesseStore((s) => s.notes);
  const t = useT();
  return (
    <ul className="action-notes" aria-label={t('board.notes.label')} aria-live="polite">
      {notes.map((note) => (
        <li key={note.id} className={`action-note tone-${note.tone}`} data-agent-id={note.agentId}>
          <span aria-hidden="true">{NOTE_ICONS[note.tone]} </span>
          <span className="action-note-text" data-main-text={note.fromMain ? '' : undefined}>
            {note.message}
          </span>
          {note.tone !== 'working' && (
            <button type="button" className="link" aria-label={t('board.notes.dismiss')} onClick={() => dismissNote(note.id)}>
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
  const t = useT();
  if (!confirming || confirming.length === 0) return null;
  const checked = confirming.map((member) => ({ member, check: actionCheck(member, 'LOGOUT', finesse) }));
  const allowed = checked.flatMap(({ member, check }) => (check.allowed ? [member] : []));
  const skipped = checked.flatMap(({ member, check }) => (check.allowed ? [] : [`${member.memberName} (${check.reason.replace(/\.$/, '')})`]));
  const onCall = checked.filter(({ check }) => check.allowed && check.deferred).length;
  const single = confirming.length === 1 ? confirming[0]! : null;
  const title = single ? t('board.signOut.titleOne', { name: single.memberName }) : t('board.signOut.titleMany', { count: allowed.length });
  const run = () => {
    cancelSignOut();
    if (single) void act(single, 'LOGOUT');
    else void signOutMany(allowed);
  };
  return (
    <div className="board-overlay">
      <ConfirmPanel title={title} confirmLabel={single ? t('board.signOut.confirmOne') : t('board.signOut.confirmMany', { count: allowed.length })} cancelLabel={t('board.signOut.keep')} danger onCancel={cancelSignOut} onConfirm={run}>
        {single ? (
          <SingleText member={single} />
        ) : (
          <>
            <p>{t('board.signOut.manyBody', { onCall })}</p>
            <ul className="confirm-names">
              {allowed.map((m) => (
                <li key={m.memberId}>
                  <span translate="no">{m.memberName}</span> <span className="muted">({agentStateLabel(currentAgentState(m).state)})</span>
                </li>
              ))}
            </ul>
            {skipped.length > 0 && <p className="muted">{t('board.signOut.leftOut', { names: skipped.join(', ') })}</p>}
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
  const name = <span translate="no">{member.memberName}</span>;
  return check.deferred ? (
    <p>
      <Message id="board.signOut.onCall" values={{ state: agentStateLabel(currentAgentState(member).state) }} parts={{ name }} />
    </p>
  ) : (
    <p>
      <Message id="board.signOut.now" parts={{ name }} />
    </p>
  );
}

/** Progress of "Sign out selected…". */
export function BulkProgressPanel() {
  const bulk = useFinesseStore((s) => s.bulk);
  const t = useT();
  if (!bulk) return null;
  const done = bulk.current === null;
  const outcome = bulk.pending ? (bulk.failed ? 'board.bulk.donePendingFailed' : 'board.bulk.donePending') : bulk.failed ? 'board.bulk.doneFailed' : 'board.bulk.done';
  return (
    <section className="panel bulk-progress" aria-label={t('board.bulk.label')}>
      <div role="status" aria-live="polite">
        {done ? (
          <strong>{t(outcome, { signedOut: bulk.signedOut, pending: bulk.pending, failed: bulk.failed })}</strong>
        ) : (
          <span>
            <Message id="board.bulk.running" values={{ number: bulk.finished + 1, total: bulk.total }} parts={{ name: <span translate="no">{bulk.current}</span> }} />
          </span>
        )}
      </div>
      <progress max={bulk.total} value={bulk.finished} aria-label={t('board.bulk.progress')} />
      <span className="muted">{t('board.bulk.count', { finished: bulk.finished, total: bulk.total })}</span>
      {done && (
        <button type="button" onClick={clearBulk}>
          {t('board.close')}
        </button>
      )}
    </section>
  );
}
