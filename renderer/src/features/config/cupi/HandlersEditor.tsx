import { useState } from 'react';
import { call } from '../../../api/client';
import {
  ALWAYS_ENABLED_GREETINGS,
  DISABLED_EXPIRY,
  GREETING_LABELS,
  GREETING_NAMES,
  INDEFINITE_EXPIRY_MS,
  formatCupiTime,
  isIndefinite,
  isRuleEnabled,
  parseCupiTime,
  type CupiFields,
  type GreetingName,
  type TransferRuleName,
} from '../../../../../shared/domain/cupi';
import { cupiTimeToLocalInput, localInputToMs, runWrite } from './cupi-hooks';
import { CreateForm, DetailHeader, HANDLER_FIELDS, MasterDetail, ObjectFields, deleteObject, labelOf, useDetail } from './editors';
import { FieldForm, type FieldSpec } from './FieldForm';

export function HandlersEditor({ readOnly }: { readOnly: boolean }) {
  return (
    <MasterDetail
      type="callhandler"
      label="call handlers"
      newLabel="New call handler"
      readOnly={readOnly}
      describe={(h) => [h.DisplayName ?? '', '', h.DtmfAccessId ?? '']}
      renderNew={(done) => <CreateForm type="callhandler" title="New call handler" fields={HANDLER_FIELDS.filter((f) => f.name !== 'UseDefaultTimeZone')} readOnly={readOnly} done={done} />}
      renderDetail={(id, afterWrite) => <HandlerDetail key={id} objectId={id} readOnly={readOnly} afterWrite={afterWrite} />}
    />
  );
}

/** "Enabled until 1 Jan 2031, 18:30 (your time)", "Enabled, no end date", "Off". */
export function describeExpiry(timeExpires: string | undefined): string {
  if (!isRuleEnabled(timeExpires)) return '○ Off';
  if (isIndefinite(timeExpires)) return '● On, no end date';
  const ms = parseCupiTime(timeExpires);
  return `● On until ${ms === null ? timeExpires : new Date(ms).toLocaleString()} (your time)`;
}

function HandlerDetail({ objectId, readOnly, afterWrite }: { objectId: string; readOnly: boolean; afterWrite: (gone?: boolean) => void }) {
  const { detail, error, reload } = useDetail('callhandler', objectId);
  if (error) return <p className="banner banner-error">⚠ {error}</p>;
  if (!detail) return <p className="muted">Loading…</p>;
  const name = detail.fields.DisplayName ?? objectId;
  const greetings = detail.greetings ?? [];
  const rules = detail.transferRules ?? [];
  return (
    <div>
      <DetailHeader
        title={labelOf('callhandler', detail.fields)}
        detail={detail}
        readOnly={readOnly || detail.fields.Undeletable === 'true'}
        onDelete={detail.fields.IsPrimary === 'true' ? undefined : () => deleteObject('callhandler', detail, afterWrite)}
      />
      <ObjectFields
        type="callhandler"
        detail={detail}
        fields={HANDLER_FIELDS}
        readOnly={readOnly}
        afterWrite={() => {
          reload();
          afterWrite();
        }}
      />
      <h4>Greetings</h4>
      <table className="data cupi-greetings">
        <thead>
          <tr>
            <th scope="col">Greeting</th>
            <th scope="col">State</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {GREETING_NAMES.map((greeting) => {
            const current = greetings.find((g) => g.GreetingType === greeting);
            if (!current) return null;
            return <GreetingRow key={greeting} handlerId={objectId} handlerName={name} greeting={greeting} current={current} readOnly={readOnly} afterWrite={reload} />;
          })}
        </tbody>
      </table>
      <h4>Transfer rules</h4>
      {(['Standard', 'Off Hours', 'Alternate'] as TransferRuleName[]).map((rule) => {
        const current = rules.find((r) => r.TransferOptionType === rule);
        return current ? <TransferRule key={rule} handlerId={objectId} handlerName={name} rule={rule} current={current} readOnly={readOnly} afterWrite={reload} /> : null;
      })}
    </div>
  );
}

/**
 * Enable a greeting until a date and time chosen in this computer's zone
 * (stored as CUPI's GMT form), or with no end date, or turn it off.
 */
function GreetingRow(props: { handlerId: string; handlerName: string; greeting: GreetingName; current: CupiFields; readOnly: boolean; afterWrite: () => void }) {
  const { greeting, current } = props;
  const [until, setUntil] = useState(() => cupiTimeToLocalInput(Date.now() + 12 * 3600_000));
  const fixed = ALWAYS_ENABLED_GREETINGS.includes(greeting);
  const id = `greeting-${props.handlerId}-${greeting.replace(' ', '-')}`;
  const write = (timeExpires: string) =>
    void runWrite(() =>
      call('cupi:greeting', {
        handlerId: props.handlerId,
        handlerName: props.handlerName,
        greeting,
        base: { TimeExpires: current.TimeExpires ?? '' },
        changes: { TimeExpires: timeExpires },
      }),
    ).then(props.afterWrite);
  const untilMs = localInputToMs(until);
  return (
    <tr>
      <th scope="row">{GREETING_LABELS[greeting]}</th>
      <td data-testid={`${id}-state`}>{fixed ? '● Always on' : describeExpiry(current.TimeExpires)}</td>
      <td>
        {fixed ? (
          <span className="muted">The standard greeting cannot be turned off.</span>
        ) : (
          <div className="cupi-greeting-actions">
            <label htmlFor={`${id}-until`} className="visually-hidden">
              {GREETING_LABELS[greeting]} greeting on until (your time)
            </label>
            <input id={`${id}-until`} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} disabled={props.readOnly} />
            <button type="button" disabled={props.readOnly || untilMs === null || untilMs <= Date.now()} onClick={() => write(formatCupiTime(untilMs!))} title={untilMs ? `Stored as ${formatCupiTime(untilMs)} GMT` : undefined}>
              On until then
            </button>
            <button type="button" disabled={props.readOnly} onClick={() => write(formatCupiTime(INDEFINITE_EXPIRY_MS))}>
              On, no end date
            </button>
            <button type="button" disabled={props.readOnly || !isRuleEnabled(current.TimeExpires)} onClick={() => write(DISABLED_EXPIRY)}>
              Off
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

const RULE_FIELDS: FieldSpec[] = [
  {
    name: 'Action',
    label: 'When this rule is active',
    kind: 'select',
    options: [
      { value: '0', label: 'Send callers to the greeting' },
      { value: '1', label: 'Transfer to an extension' },
    ],
  },
  { name: 'Extension', label: 'Transfer extension' },
  {
    name: 'TransferType',
    label: 'Transfer type',
    kind: 'select',
    options: [
      { value: '0', label: 'Release to switch' },
      { value: '1', label: 'Supervise transfer' },
    ],
  },
  { name: 'TransferRings', label: 'Rings to wait (supervised)' },
];

function TransferRule(props: { handlerId: string; handlerName: string; rule: TransferRuleName; current: CupiFields; readOnly: boolean; afterWrite: () => void }) {
  const { rule, current } = props;
  const [until, setUntil] = useState(() => cupiTimeToLocalInput(Date.now() + 12 * 3600_000));
  const untilMs = localInputToMs(until);
  const title = rule === 'Off Hours' ? 'Closed (Off Hours)' : rule;
  const id = `rule-${props.handlerId}-${rule.replace(' ', '-')}`;
  const send = (base: CupiFields, changes: CupiFields) =>
    runWrite(() => call('cupi:transfer-rule', { handlerId: props.handlerId, handlerName: props.handlerName, rule, base, changes }));
  return (
    <section className="cupi-rule" aria-label={`${title} transfer rule`}>
      <h5>
        {title} <span className="muted">— {rule === 'Standard' ? 'always on' : describeExpiry(current.TimeExpires)}</span>
      </h5>
      {rule !== 'Standard' ? (
        <div className="cupi-greeting-actions">
          <label htmlFor={`${id}-until`} className="visually-hidden">
            {title} rule on until (your time)
          </label>
          <input id={`${id}-until`} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} disabled={props.readOnly} />
          <button
            type="button"
            disabled={props.readOnly || untilMs === null || untilMs <= Date.now()}
            onClick={() => void send({ TimeExpires: current.TimeExpires ?? '' }, { TimeExpires: formatCupiTime(untilMs!) }).then(props.afterWrite)}
          >
            On until then
          </button>
          <button type="button" disabled={props.readOnly} onClick={() => void send({ TimeExpires: current.TimeExpires ?? '' }, { TimeExpires: formatCupiTime(INDEFINITE_EXPIRY_MS) }).then(props.afterWrite)}>
            On, no end date
          </button>
          <button type="button" disabled={props.readOnly || !isRuleEnabled(current.TimeExpires)} onClick={() => void send({ TimeExpires: current.TimeExpires ?? '' }, { TimeExpires: DISABLED_EXPIRY }).then(props.afterWrite)}>
            Off
          </button>
        </div>
      ) : null}
      <FieldForm
        idPrefix={id}
        fields={RULE_FIELDS}
        base={current}
        readOnly={props.readOnly}
        onSave={async (changes) => {
          const base = Object.fromEntries(Object.keys(changes).map((k) => [k, current[k] ?? '']));
          const outcome = await send(base, changes);
          if (outcome) props.afterWrite();
          return outcome !== null;
        }}
      />
    </section>
  );
}
