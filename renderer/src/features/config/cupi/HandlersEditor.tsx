import { useState } from 'react';
import { formatDateTime } from '../../../i18n/format';
import { t as translate, useLocale, useT } from '../../../i18n/i18n';
import { greetingLabel, ruleLabel } from './cupi-words';
import { call } from '../../../api/client';
import {
  ALWAYS_ENABLED_GREETINGS,
  DISABLED_EXPIRY,
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
  const t = useT();
  return (
    <ServerListDetail
      type="callhandler"
      label={t('cupi.handlers.label')}
      newLabel={t('cupi.handlers.new')}
      readOnly={readOnly}
      renderNew={(done) => <CreateForm type="callhandler" title={t('cupi.handlers.new')} fields={HANDLER_FIELDS.filter((f) => f.name !== 'UseDefaultTimeZone')} readOnly={readOnly} done={done} />}
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

/** "● On until 1/1/2031, 6:30 PM (your time)", "● On, no end date", "○ Off", in the user's language and locale. */
export function describeExpiry(t: typeof translate, locale: string, timeExpires: string | undefined): string {
  if (!isRuleEnabled(timeExpires)) return t('cupi.expiry.off');
  if (isIndefinite(timeExpires)) return t('cupi.expiry.noEnd');
  const ms = parseCupiTime(timeExpires);
  return t('cupi.expiry.until', { when: ms === null ? (timeExpires ?? '') : formatDateTime(ms, locale) });
}

/** A call handler's greetings (on until, no end date, off) and its transfer rules. */
function GreetingsAndRules({ handler, readOnly, reload }: { handler: CupiDetail; readOnly: boolean; reload: () => void }) {
  const t = useT();
  const objectId = handler.fields.ObjectId!;
  const name = handler.fields.DisplayName ?? objectId;
  const greetings = handler.greetings ?? [];
  const rules = handler.transferRules ?? [];
  return (
    <>
      <h3>{t('cupi.greetings.title')}</h3>
      <table className="data cupi-greetings">
        <thead>
          <tr>
            <th scope="col">{t('cupi.greetings.greeting')}</th>
            <th scope="col">{t('cupi.greetings.state')}</th>
            <th scope="col">{t('cupi.greetings.change')}</th>
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
      <h3>{t('cupi.rules.title')}</h3>
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
  const t = useT();
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
        {t('cupi.expiry.onUntilThen')}
      </button>
      <button type="button" disabled={props.readOnly} onClick={() => props.onSet(formatCupiTime(INDEFINITE_EXPIRY_MS))}>
        {t('cupi.expiry.onNoEnd')}
      </button>
      <button type="button" disabled={props.readOnly || !isRuleEnabled(props.timeExpires)} onClick={() => props.onSet(DISABLED_EXPIRY)}>
        {t('cupi.expiry.turnOff')}
      </button>
      <span id={`${props.id}-until-hint`} className="muted">
        {untilMs === null ? t('cupi.expiry.chooseTime') : untilMs <= Date.now() ? t('cupi.expiry.future') : t('cupi.expiry.stored', { time: formatCupiTime(untilMs) })}
      </span>
    </div>
  );
}

function GreetingRow(props: { handlerId: string; handlerName: string; greeting: GreetingName; current: CupiFields; readOnly: boolean; afterWrite: () => void }) {
  const t = useT();
  const locale = useLocale();
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
      <th scope="row">{greetingLabel(t, greeting)}</th>
      <td data-testid={`${id}-state`}>{fixed ? t('cupi.greeting.alwaysOn') : describeExpiry(t, locale, current.TimeExpires)}</td>
      <td>
        {fixed ? (
          <span className="muted">{t('cupi.greeting.standardFixed')}</span>
        ) : (
          <ExpiryButtons id={id} label={t('cupi.greeting.untilLabel', { greeting: greetingLabel(t, greeting) })} timeExpires={current.TimeExpires} readOnly={props.readOnly} onSet={write} />
        )}
      </td>
    </tr>
  );
}

/** Rings, announce, introduce, confirm and screening: usable only while the rule transfers with supervision. */
function supervisedGroup(t: typeof translate): readonly FieldGroup[] {
  return [
    {
      legend: t('cupi.supervised.legend'),
      names: SUPERVISED_TRANSFER_FIELDS.map((field) => field.name),
      // The shared rule decides; the words are the screen's.
      unavailable: (values) => (supervisedOptionsUnavailable(values) === null ? null : values.Action !== '1' ? t('cupi.supervised.greeting') : t('cupi.supervised.release')),
    },
  ];
}

function TransferRule(props: { handlerId: string; handlerName: string; rule: TransferRuleName; current: CupiFields; readOnly: boolean; afterWrite: () => void }) {
  const t = useT();
  const locale = useLocale();
  const { rule, current } = props;
  const title = ruleLabel(t, rule);
  const id = `rule-${props.handlerId}-${rule.replace(' ', '-')}`;
  const send = (base: CupiFields, changes: CupiFields) =>
    runWrite(() => call('cupi:transfer-rule', { handlerId: props.handlerId, handlerName: props.handlerName, rule, base, changes }));
  return (
    <section className="cupi-rule" aria-label={t('cupi.rule.label', { rule: title })}>
      <h4>
        {title} <span className="muted">— {rule === 'Standard' ? t('cupi.rule.alwaysOn') : describeExpiry(t, locale, current.TimeExpires)}</span>
      </h4>
      {rule !== 'Standard' ? (
        <ExpiryButtons
          id={id}
          label={t('cupi.rule.untilLabel', { rule: title })}
          timeExpires={current.TimeExpires}
          readOnly={props.readOnly}
          onSet={(timeExpires) => void send({ TimeExpires: current.TimeExpires ?? '' }, { TimeExpires: timeExpires }).then(props.afterWrite)}
        />
      ) : null}
      <FieldForm
        idPrefix={id}
        name={t('cupi.rule.formName', { rule: title, handler: props.handlerName })}
        fields={TRANSFER_RULE_FORM_FIELDS}
        groups={supervisedGroup(t)}
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
