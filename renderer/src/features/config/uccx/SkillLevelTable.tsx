import { useState } from 'react';
import { NamedOptions } from './NamedOptions';
import { useT } from '../../../i18n/i18n';

/** A level picker 1..10 with a label for screen readers. */
export function LevelSelect({ value, onChange, label }: { value: number; onChange: (level: number) => void; label: string }) {
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(Number(event.target.value))}>
      {Array.from({ length: 10 }, (_, index) => index + 1).map((level) => (
        <option key={level} value={level}>
          {level}
        </option>
      ))}
    </select>
  );
}

/** "Add a skill…" picker shared by the agent and CSQ editors: lists only skills not yet in the map. */
export function SkillAdder<S extends { id: string; name: string }>(props: { skills: readonly S[]; taken: ReadonlySet<string>; full: boolean; onAdd: (skill: S) => void }) {
  const t = useT();
  const [chosen, setChosen] = useState('');
  const available = props.skills.filter((skill) => !props.taken.has(skill.id));
  return (
    <div className="toolbar">
      <select aria-label={t('uccx.skills.toAdd')} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{t('uccx.skills.addPrompt')}</option>
        <NamedOptions items={available} />
      </select>
      <button
        type="button"
        disabled={!chosen || props.full}
        onClick={() => {
          const skill = available.find((s) => s.id === chosen);
          if (skill) props.onAdd(skill);
          setChosen('');
        }}
      >
        {t('uccx.skills.add')}
      </button>
    </div>
  );
}

/**
 * A skill map: one row per skill with its level and a Remove button, then the
 * picker for another skill. Used by the agent editor (competence) and the CSQ
 * editor (minimum competence); `newRow` gives an added skill its defaults.
 */
export function SkillLevelTable<R extends { skillId: string; name: string; level: number }, S extends { id: string; name: string }>(props: {
  rows: readonly R[];
  allSkills: readonly S[];
  levelHeading: string;
  levelLabel: (skillName: string) => string;
  max: number;
  newRow: (skill: S) => R;
  onChange: (rows: R[]) => void;
}) {
  const t = useT();
  const { rows, onChange } = props;
  return (
    <>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('uccx.skills.skill')}</th>
            <th scope="col">{props.levelHeading}</th>
            <th scope="col">
              <span className="visually-hidden">{t('uccx.skills.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.skillId}>
              <td translate="no">{props.allSkills.find((s) => s.id === row.skillId)?.name ?? row.name}</td>
              <td>
                <LevelSelect
                  label={props.levelLabel(row.name)}
                  value={row.level}
                  onChange={(level) => onChange(rows.map((r) => (r.skillId === row.skillId ? { ...r, level } : r)))}
                />
              </td>
              <td>
                <button type="button" aria-label={t('uccx.skills.removeNamed', { name: row.name })} onClick={() => onChange(rows.filter((r) => r.skillId !== row.skillId))}>
                  {t('uccx.skills.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SkillAdder skills={props.allSkills} taken={new Set(rows.map((r) => r.skillId))} full={rows.length >= props.max} onAdd={(skill) => onChange([...rows, props.newRow(skill)])} />
    </>
  );
}
