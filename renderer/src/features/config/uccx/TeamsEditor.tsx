import { useCallback, useId, useMemo, useState } from 'react';
import type { FieldMap, PendingChange } from '../../../../../shared/domain/changes';
import { agentName, localToday, teamFields, validateUccxCreate, type UccxConfig, type UccxTeam } from '../../../../../shared/domain/uccx';
import { HeadingWithDelete, ReviewNewObject, useCreateFlow, usePendingCreates, WaitingToBeCreated } from './CreateDelete';
import { DiffView } from '../../../components/DiffView';
import { Field } from '../../../components/Field';
import { LocalListDetail } from './LocalListDetail';
import { NamedOptions } from './NamedOptions';
import { ReviewAndQueue, useEditDraft } from './ReviewAndQueue';
import { uccxFieldWords } from './field-words';
import { sayProblemAt } from '../../../i18n/field-errors';
import { submitEdits, updateRequest, type UccxEditRequest } from './uccx-store';
import { useWithSavedValues } from './saved-values';
import { useT } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';

const teamKey = (team: UccxTeam) => team.id;

/** A team saved as new, as the list shows it until UCCX has it. */
function teamFromChange(change: PendingChange): UccxTeam {
  const supervisor = change.mine.primarySupervisor;
  return {
    id: change.ref.id,
    name: String(change.mine.name ?? change.ref.id),
    primarySupervisor: typeof supervisor === 'string' ? { id: supervisor, name: supervisor } : null,
    secondarySupervisors: [],
    members: [],
    csqs: (Array.isArray(change.mine.csqs) ? change.mine.csqs : []).map((id) => ({ id: String(id), name: String(id) })),
  };
}

export function TeamsEditor({ config }: { config: UccxConfig }) {
  const t = useT();
  const saved = useWithSavedValues('team', config.teams, teamKey, config);
  const names = useMemo(() => config.teams.map((team) => team.name), [config.teams]);
  const fromChange = useCallback(teamFromChange, []);
  const creating = usePendingCreates('team', names, fromChange);
  const create = useCreateFlow('team', config.teams, (onDone) => <NewTeamForm config={config} onDone={onDone} />);
  const onServer = (id: string) => config.teams.some((team) => team.id === id);
  return (
    <LocalListDetail
      items={[...saved, ...creating]}
      keyOf={teamKey}
      labelOf={(team) => team.name}
      pendingType="team"
      listLabel={t('uccx.teams.list')}
      select={create.select}
      actions={create.actions}
      detail={create.detail}
      render={(team) =>
        onServer(team.id) ? <TeamForm key={`${team.id}:${JSON.stringify(teamFields(team))}:${team.members.length}`} team={team} config={config} /> : <WaitingToBeCreated type="team" name={team.name} />
      }
    />
  );
}

/** The agents who are supervisors (UCCX resource type 2). */
const supervisorsOf = (config: UccxConfig) => config.agents.filter((agent) => agent.type === 2);

/** The supervisors as the options of a select: user id as value, name as text. */
function SupervisorOptions({ config }: { config: UccxConfig }) {
  return <NamedOptions items={supervisorsOf(config).map((agent) => ({ id: agent.userID, name: agentName(agent) }))} />;
}

/** One checkbox per CSQ: the CSQs a team serves. */
function CsqChoices(props: { legend: string; config: UccxConfig; isChosen: (csqId: string) => boolean; onToggle: (csq: { id: string; name: string }, chosen: boolean) => void }) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.config.csqs.map((csq) => (
        <label key={csq.id} className="inline">
          <input type="checkbox" checked={props.isChosen(csq.id)} onChange={(e) => props.onToggle(csq, e.target.checked)} />
          <span translate="no">{csq.name}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** "New team…": a name, an optional primary supervisor and the CSQs it serves; agents join it from their own form or the team's once it exists. */
function NewTeamForm({ config, onDone }: { config: UccxConfig; onDone: (createdKey: string | null) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [supervisor, setSupervisor] = useState('');
  const [csqs, setCsqs] = useState<string[]>([]);
  const mine: FieldMap = { name, primarySupervisor: supervisor || null, csqs: [...csqs].sort() };
  const errors = validateUccxCreate('team', mine, { config, today: localToday() });
  const errorOf = (field: string) => sayProblemAt(errors, field);
  return (
    <form className="panel" aria-label={t('uccx.teams.new.title')} onSubmit={(e) => e.preventDefault()}>
      <h2>{t('uccx.teams.new.title')}</h2>
      <div className="form-grid">
        <Field label={t('uccx.teams.field.name')} required hint={t('uccx.teams.new.nameHint')} error={name === '' ? null : errorOf('name')}>
          <input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('uccx.teams.field.primarySupervisor')} error={errorOf('primarySupervisor')}>
          <select value={supervisor} onChange={(e) => setSupervisor(e.target.value)}>
            <option value="">{t('uccx.teams.noSupervisor')}</option>
            <SupervisorOptions config={config} />
          </select>
        </Field>
      </div>
      <CsqChoices
        legend={t('uccx.teams.new.csqs')}
        config={config}
        isChosen={(id) => csqs.includes(id)}
        onToggle={(csq, chosen) => setCsqs(chosen ? [...csqs, csq.id] : csqs.filter((id) => id !== csq.id))}
      />
      <ReviewNewObject type="team" name={name} mine={mine} labels={uccxFieldWords(Object.keys(mine), config)} errors={errors} onDone={onDone} />
    </form>
  );
}

function TeamForm({ team, config }: { team: UccxTeam; config: UccxConfig }) {
  const t = useT();
  const { draft, setDraft, base, mine, labels, shownLabels, errors, errorOf, reset } = useEditDraft(team, teamFields, config, 'team');
  const [joining, setJoining] = useState<string[]>([]);
  const [leaving, setLeaving] = useState<string[]>([]);
  const [candidate, setCandidate] = useState('');
  const supervisors = supervisorsOf(config);
  const defaultTeam = config.teams.find((t) => t.name.toLowerCase() === 'default' && t.id !== team.id);
  const removeHintId = useId();
  const name = (userID: string) => {
    const agent = config.agents.find((a) => a.userID === userID);
    return agent ? agentName(agent) : userID;
  };
  const nameRef = (userID: string) => ({ id: userID, name: userID });

  // Membership lives on each agent (resource.team): joining or leaving is an edit of the agent.
  const memberEdits: UccxEditRequest[] = [
    ...joining.map((userID): UccxEditRequest => {
      const agent = config.agents.find((a) => a.userID === userID)!;
      return { type: 'resource', id: userID, operation: 'update', label: `Agent ${name(userID)}`, summary: `Team: ${team.name}`, base: { team: agent.team?.id ?? null }, mine: { team: team.id } };
    }),
    ...(defaultTeam
      ? leaving.map((userID): UccxEditRequest => ({ type: 'resource', id: userID, operation: 'update', label: `Agent ${name(userID)}`, summary: `Team: ${defaultTeam.name}`, base: { team: team.id }, mine: { team: defaultTeam.id } }))
      : []),
  ];
  const members = [...team.members.map((m) => m.id).filter((id) => !leaving.includes(id)), ...joining];
  const invalid = !draft.name.trim() || draft.name.length > 49 ? t('uccx.teams.nameLength') : null;

  return (
    <form className="panel" aria-label={t('uccx.teams.edit.label', { name: team.name })} onSubmit={(e) => e.preventDefault()}>
      <HeadingWithDelete
        type="team"
        id={team.id}
        name={team.name}
        config={config}
        consequence={<Message id="uccx.teams.deleteConsequence" parts={{ name: <span translate="no">{team.name}</span> }} />}
      />
      <div className="form-grid">
        <Field label={t('uccx.teams.field.name')} error={errorOf('name')}>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label={t('uccx.teams.field.primarySupervisor')}>
          <select value={draft.primarySupervisor?.id ?? ''} onChange={(e) => setDraft({ ...draft, primarySupervisor: e.target.value ? nameRef(e.target.value) : null })}>
            <option value="">{t('uccx.teams.noSupervisor')}</option>
            <SupervisorOptions config={config} />
          </select>
        </Field>
      </div>
      <fieldset>
        <legend>{t('uccx.teams.secondarySupervisors')}</legend>
        {supervisors.map((s) => (
          <label key={s.userID} className="inline">
            <input
              type="checkbox"
              checked={draft.secondarySupervisors.some((r) => r.id === s.userID)}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  secondarySupervisors: e.target.checked ? [...draft.secondarySupervisors, nameRef(s.userID)] : draft.secondarySupervisors.filter((r) => r.id !== s.userID),
                })
              }
            />
            <span translate="no">{agentName(s)}</span>
          </label>
        ))}
      </fieldset>
      <CsqChoices
        legend={t('uccx.teams.csqs')}
        config={config}
        isChosen={(id) => draft.csqs.some((r) => r.id === id)}
        onToggle={(csq, chosen) => setDraft({ ...draft, csqs: chosen ? [...draft.csqs, { id: csq.id, name: csq.name }] : draft.csqs.filter((r) => r.id !== csq.id) })}
      />
      <fieldset>
        <legend>{t('uccx.teams.members', { count: members.length })}</legend>
        {/* Why Remove does what it does (or nothing), in words a keyboard user reaches too. */}
        <p id={removeHintId} className="muted">
          {defaultTeam ? (
            <Message id="uccx.teams.removeMoves" parts={{ team: <span translate="no">{defaultTeam.name}</span> }} />
          ) : (
            t('uccx.teams.removeUnavailable')
          )}
        </p>
        <ul className="member-list" tabIndex={0} aria-label={t('uccx.teams.membersOf', { name: team.name })}>
          {members.map((userID) => (
            <li key={userID}>
              <span translate="no">{name(userID)}</span> {joining.includes(userID) ? <span className="muted">{t('uccx.teams.joining')}</span> : null}{' '}
              <button
                type="button"
                disabled={!defaultTeam && !joining.includes(userID)}
                aria-describedby={removeHintId}
                onClick={() => (joining.includes(userID) ? setJoining(joining.filter((id) => id !== userID)) : setLeaving([...leaving, userID]))}
              >
                {t('uccx.teams.remove')}
              </button>
            </li>
          ))}
        </ul>
        <div className="toolbar">
          <select aria-label={t('uccx.teams.agentToAdd')} value={candidate} onChange={(e) => setCandidate(e.target.value)}>
            <option value="">{t('uccx.teams.addMemberChoice')}</option>
            {config.agents
              .filter((a) => !members.includes(a.userID))
              .map((a) =>
                // An agent and their team are server data; "(no team)" is ours.
                a.team ? (
                  <option key={a.userID} value={a.userID} translate="no">
                    {t('uccx.teams.candidate', { agent: agentName(a), team: a.team.name })}
                  </option>
                ) : (
                  <option key={a.userID} value={a.userID}>
                    {t('uccx.teams.candidateNoTeam', { agent: agentName(a) })}
                  </option>
                ),
              )}
          </select>
          <button
            type="button"
            disabled={!candidate}
            onClick={() => {
              if (leaving.includes(candidate)) setLeaving(leaving.filter((id) => id !== candidate));
              else setJoining([...joining, candidate]);
              setCandidate('');
            }}
          >
            {t('uccx.teams.addMember')}
          </button>
        </div>
      </fieldset>
      {memberEdits.length > 0 ? (
        <section aria-label={t('uccx.teams.membershipChanges')}>
          <h3>{t('uccx.teams.membershipChanges')}</h3>
          {memberEdits.map((edit) => (
            <DiffView key={edit.id} caption={t('uccx.teams.memberChange', { agent: name(edit.id) })} base={edit.base} mine={edit.mine} labels={{ team: t('uccx.teams.diffTeam') }} />
          ))}
        </section>
      ) : null}
      <ReviewAndQueue
        name={team.name}
        base={base}
        mine={Object.keys(mine).length || memberEdits.length ? mine : {}}
        labels={shownLabels}
        disabled={invalid}
        errors={errors}
        onReset={() => {
          reset();
          setJoining([]);
          setLeaving([]);
        }}
        onQueue={async () => {
          const edits: UccxEditRequest[] = [...memberEdits];
          if (Object.keys(mine).length) edits.unshift(updateRequest('team', team.id, `Team ${team.name}`, { base, mine, labels }));
          await submitEdits(edits);
        }}
      />
      {Object.keys(mine).length === 0 && memberEdits.length > 0 ? (
        <button type="button" className="primary" onClick={() => void submitEdits(memberEdits)}>
          {t('uccx.teams.queueMembership')}
        </button>
      ) : null}
    </form>
  );
}
