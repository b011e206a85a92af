import { useState } from 'react';
import { formatDateTime } from '../../../../../shared/domain/time-words';
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
import { HANDLER_FIELDS, SUPERVISED_TRANSFER_FIELDS, TRANSFER_RULE_FORM_FIELDS, supervisedOptionsUnavailable, validateTransferRuleFields } from '../../../../../shared/domain/cupi-fields';
import type { CupiDetail } from '../../../../../shared/ipc/areas/cupi';
import { cupiTimeToLocalInput, localInputToMs, runWrite } from './cupi-hooks';
import { CreateForm, ObjectDetail } from './ObjectDetail';
import { FieldForm, type FieldGroup } from './FieldForm';
import { ServerListDetail } from './ServerListDetail';

export function HandlersEditor({ readOnly }: { readOnly: boolean }) {
  return (
    <ServerListDetail
      type="callhandler"
      label="call handlers"
      newLabel="New call handler"
      readOnly={readOnly}
      renderNew={(done) => <CreateForm type="callhandler" title="New call handler" fields={HANDLER_FIELDS.filter((f) => f.name !== 'UseDefaultTimeZone')} readOnly={readOnly} done={done} />}
      renderDetail={(id, afterWrite) => (
        <ObjectDetail
          key={id}
          type="callhandler"
          objectId={id}
          fields={HANDLER_FIELDS}
          readOnly={readOnly}
          afterWrite={afterWrite}
          deletion={(detail) => (detail.fields.IsPrimary === 'true' ? null : { locked: detail.fields.Undeletable === 'true' })}
        >
          {(detail, reload) => <GreetingsAndRules handler={detail} readOnly={readOnly} reload={reload} />}
        </ObjectDetail>
      )}
    />
  );
}

/** "Enabled until 1 Jan 2031, 18:30 (your time)", "Enabled, no end date", "Off". */
export function describeExpiry(timeExpires: string | undefined): string {
  if (!isRuleEnabled(timeExpires)) return '○ Off';
  if (isIndefinite(timeExpires)) return '● On, no end date';
  const ms = parseCupiTime(timeExpires);
  return `● On until ${ms === null ? timeExpires : formatDateTime(ms)} (your time)`;
}

/** A call handler's greetings (on until, no end date, off) and its transfer rules. */
function GreetingsAndRules({ handler, readOnly, reload }: { handler: CupiDetail; readOnly: boolean; reload: () => void }) {
  const objectId = handler.fields.ObjectId!;
  const name = handler.fields.DisplayName ?? objectId;
  const greetings = handler.greetings ?? [];
  const rules = handler.transferRules ?? [];
  return (
    <>
      <h3>Greetings</h3>
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
      <h3>Transfer rules</h3>
      {(['Standard', 'Off Hours', 'Alternate'] as TransferRuleName[]).map((rule) => {
        const current = rules.find((r) => r.TransferOptionType === rule);
        return current ? <TransferRule key={rule} handlerId={objectId} handlerName={name} rule={rule} current={current} readOnly={readOnly} afterWrite={reload} /> : null;
      })}
    </>
  );
}

/**
 * The end time of a greeting or transfer rule: on until a date and time
 * chosen in this computer's zone (stored as CUPI's GMT form), on with no end
 * date, or off. `onSet` gets the new TimeExpires.
 */
function ExpiryButtons(props: { id: string; label: string; timeExpires: string | undefined; readOnly: boolean; onSet: (timeExpires: string) => void }) {
  const [until, setUntil] = useState(() => cupiTimeToLocalInput(Date.now() + 12 * 3600_000));
  const untilMs = localInputToMs(until);
  return (
    <div className="cupi-greeting-actions">
      <label htmlFor={`${props.id}-until`} className="visually-hidden">
        {props.label}
      </label>
      <input id={`${props.id}-until`} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} disabled={props.readOnly} />
      <button
        type="button"
        disabled={props.readOnly || untilMs === null || untilMs <= Date.now()}
        onClick={() => props.onSet(formatCupiTime(untilMs!))}
        aria-describedby={`${props.id}-until-hint`}
      >
        On until then
      </button>
      <button type="button" disabled={props.readOnly} onClick={() => props.onSet(formatCupiTime(INDEFINITE_EXPIRY_MS))}>
        On, no end date
      </button>
      <button type="button" disabled={props.readOnly || !isRuleEnabled(props.timeExpires)} onClick={() => props.onSet(DISABLED_EXPIRY)}>
        Off
      </button>
      <span id={`${props.id}-until-hint`} className="muted">
        {untilMs === null ? 'Choose a date and time for “On until then”.' : untilMs <= Date.now() ? '“On until then” needs a time in the future.' : `Stored as ${formatCupiTime(untilMs)} GMT.`}
      </span>
    </div>
  );
}

function GreetingRow(props: { handlerId: string; handlerName: string; greeting: GreetingName; current: CupiFields; readOnly: boolean; afterWrite: () => void }) {
  const { greeting, current } = props;
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
  return (
    <tr>
      <th scope="row">{GREETING_LABELS[greeting]}</th>
      <td data-testid={`${id}-state`}>{fixed ? '● Always on' : describeExpiry(current.TimeExpires)}</td>
      <td>
        {fixed ? (
          <span className="muted">The standard greeting cannot be turned off.</span>
        ) : (
          <ExpiryButtons id={id} label={`${GREETING_LABELS[greeting]} greeting on until (your time)`} timeExpires={current.TimeExpires} readOnly={props.readOnly} onSet={write} />
        )}
      </td>
    </tr>
  );
}

/** Rings, announce, introduce, confirm and screening: usable only while the rule transfers with supervision. */
const SUPERVISED_GROUP: readonly FieldGroup[] = [
  {
    legend: 'While Unity Connection supervises the transfer',
    names: SUPERVISED_TRANSFER_FIELDS.map((field) => field.name),
    unavailable: supervisedOptionsUnavailable,
  },
];

function TransferRule(props: { handlerId: string; handlerName: string; rule: TransferRuleName; current: CupiFields; readOnly: boolean; afterWrite: () => void }) {
  const { rule, current } = props;
  const title = rule === 'Off Hours' ? 'Closed (Off Hours)' : rule;
  const id = `rule-${props.handlerId}-${rule.replace(' ', '-')}`;
  const send = (base: CupiFields, changes: CupiFields) =>
    runWrite(() => call('cupi:transfer-rule', { handlerId: props.handlerId, handlerName: props.handlerName, rule, base, changes }));
  return (
    <section className="cupi-rule" aria-label={`${title} transfer rule`}>
      <h4>
        {title} <span className="muted">— {rule === 'Standard' ? 'always on' : describeExpiry(current.TimeExpires)}</span>
      </h4>
      {rule !== 'Standard' ? (
        <ExpiryButtons
          id={id}
          label={`${title} rule on until (your time)`}
          timeExpires={current.TimeExpires}
          readOnly={props.readOnly}
          onSet={(timeExpires) => void send({ TimeExpires: current.TimeExpires ?? '' }, { TimeExpires: timeExpires }).then(props.afterWrite)}
        />
      ) : null}
      <FieldForm
        idPrefix={id}
        name={`the ${title} transfer rule of ${props.handlerName}`}
        fields={TRANSFER_RULE_FORM_FIELDS}
        groups={SUPERVISED_GROUP}
        validate={validateTransferRuleFields}
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
