import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { Field } from '../../components/Field';
import { MainText, shownError, type ShownError } from '../../components/ErrorDetails';
import { useDialogFocus } from '../../components/useDialogFocus';
import { TEAM_MESSAGE_MAX_CHARS, TEAM_MESSAGE_MAX_SECONDS, TEAM_MESSAGE_MIN_SECONDS, type FinesseTeam, type TeamMessage } from '../../../../shared/domain/finesse';
import { formatElapsed } from './board-model';
import { useNow } from './board-ui';
import { Message } from '../../i18n/Message';
import { t as translate, useT } from '../../i18n/i18n';

/**
 * "Team message": a banner Finesse shows on the agents' desktops (apis-2.md
 * §1.8). Up to 255 characters, to one or several of the supervisor's own
 * teams, shown for 5 minutes to 23 h 55 min; the active messages with their
 * time left, each with Delete. Esc closes; the opener puts focus back on
 * its button.
 */
export function TeamMessageDialog({ onClose }: { onClose: () => void }) {
  const id = useId();
  const [teams, setTeams] = useState<FinesseTeam[] | null>(null);
  const [messages, setMessages] = useState<TeamMessage[]>([]);
  const [content, setContent] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [hours, setHours] = useState(1);
  const [minutes, setMinutes] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const dialogRef = useRef<HTMLElement>(null);
  const now = useNow(1_000);
  const t = useT();

  // Focus on the message box; Esc closes wherever focus is; Tab stays inside; focus returns to the opener.
  useDialogFocus(dialogRef, { onClose, modal: true });

  useEffect(() => {
    let alive = true;
    void Promise.all([call('finesse:teams', undefined), call('finesse:messages', undefined)]).then(
      ([teamList, list]) => {
        if (!alive) return;
        setTeams(teamList);
        setMessages(list);
        if (teamList.length === 1) setChosen(new Set([teamList[0]!.id]));
      },
      (failure: unknown) => alive && (setTeams([]), setError(shownError(failure))),
    );
    return () => {
      alive = false;
    };
  }, []);

  const left = TEAM_MESSAGE_MAX_CHARS - [...content].length;
  const seconds = hours * 3600 + minutes * 60;
  const durationProblem = seconds < TEAM_MESSAGE_MIN_SECONDS ? t('board.message.atLeast') : seconds > TEAM_MESSAGE_MAX_SECONDS ? t('board.message.atMost') : null;
  const ready = content.trim().length > 0 && left >= 0 && chosen.size > 0 && !durationProblem && !busy;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      setMessages(await call('finesse:message-send', { content: content.trim(), teamIds: [...chosen], durationSeconds: seconds }));
      setSent(translate('board.message.sent', { count: chosen.size }));
      setContent('');
    } catch (failure) {
      setError(shownError(failure));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (message: TeamMessage) => {
    setError(null);
    try {
      setMessages(await call('finesse:message-delete', { id: message.id }));
      // Its button is gone: keep focus in the dialog.
      textRef.current?.focus();
    } catch (failure) {
      setError(shownError(failure));
    }
  };

  const teamName = (teamId: string) => teams?.find((t) => t.id === teamId)?.name ?? t('board.message.team', { id: teamId });
  const toggle = (teamId: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(teamId);
      else next.delete(teamId);
      return next;
    });

  return (
    <div className="board-overlay">
      <section
        ref={dialogRef}
        className="panel team-message-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
      >
        <header className="team-message-head">
          <h2 id={`${id}-title`}>{t('board.message.title')}</h2>
          <button type="button" onClick={onClose}>
            {t('board.message.close')}
          </button>
        </header>
        <form onSubmit={(e) => void submit(e)}>
          <Field label={t('board.message.message')} hint={left >= 0 ? t('board.message.left', { count: left }) : t('board.message.tooMany', { count: -left })}>
            <textarea ref={textRef} data-autofocus rows={3} value={content} maxLength={TEAM_MESSAGE_MAX_CHARS * 2} onChange={(e) => setContent(e.target.value)} aria-invalid={left < 0} />
          </Field>
          <fieldset className="team-message-teams">
            <legend>{t('board.message.teams')}</legend>
            {teams === null ? (
              <p className="muted">{t('board.message.loadingTeams')}</p>
            ) : teams.length === 0 ? (
              <p className="muted">{t('board.message.noTeams')}</p>
            ) : (
              <>
                {teams.length > 1 && (
                  <label className="check">
                    <input type="checkbox" checked={chosen.size === teams.length} onChange={(e) => setChosen(new Set(e.target.checked ? teams.map((t) => t.id) : []))} /> {t('board.message.allTeams')}
                  </label>
                )}
                {teams.map((team) => (
                  <label key={team.id} className="check">
                    <input type="checkbox" checked={chosen.has(team.id)} onChange={(e) => toggle(team.id, e.target.checked)} /> <span translate="no">{team.name}</span>
                  </label>
                ))}
              </>
            )}
          </fieldset>
          <fieldset className="team-message-duration">
            <legend>{t('board.message.showsFor')}</legend>
            <Field label={t('board.message.hours')}>
              <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                {Array.from({ length: 24 }, (_, h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('board.message.minutes')}>
              <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
                {Array.from({ length: 12 }, (_, i) => i * 5).map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </Field>
            <span className={durationProblem ? 'field-error' : 'muted'}>{durationProblem ?? t('board.message.range')}</span>
          </fieldset>
          <div className="toolbar">
            <button type="submit" className="primary" disabled={!ready} aria-describedby={!ready && !busy ? `${id}-why` : undefined}>
              {busy ? t('board.message.sending') : t('board.message.send')}
            </button>
            {!ready && !busy && (
              <span id={`${id}-why`} className="muted">
                {!content.trim() ? t('board.message.write') : left < 0 ? t('board.message.tooLong') : chosen.size === 0 ? t('board.message.chooseTeam') : durationProblem}
              </span>
            )}
          </div>
          <div role="status" aria-live="polite">
            {sent && <p className="team-message-sent">✔ {sent}</p>}
          </div>
          {error && (
            <p className="banner banner-error" role="alert">
              <MainText said={error.said} english={error.message} />
            </p>
          )}
        </form>
        <section aria-labelledby={`${id}-active`}>
          <h3 id={`${id}-active`}>{t('board.message.active')}</h3>
          {messages.length === 0 ? (
            <p className="muted">{t('board.message.noActive')}</p>
          ) : (
            <ul className="team-message-list">
              {messages.map((message) => (
                <li key={message.id}>
                  <p className="team-message-text" translate="no">
                    {message.content}
                  </p>
                  <p className="muted">
                    <Message
                      id={message.createdBy.name ? 'board.message.toBy' : 'board.message.to'}
                      values={{ left: formatElapsed(message.expiresAt - now) }}
                      parts={{ teams: <span translate="no">{message.teamIds.map(teamName).join(', ')}</span>, name: <span translate="no">{message.createdBy.name}</span> }}
                    />
                  </p>
                  <button type="button" onClick={() => void remove(message)} aria-label={t('board.message.deleteLabel', { text: message.content.slice(0, 40) })}>
                    {t('board.message.delete')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </section>
    </div>
  );
}
