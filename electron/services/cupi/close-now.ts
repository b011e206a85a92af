import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PendingChange } from '../../../shared/domain/changes';
import {
  formatCupiTime,
  GREETING_LABELS,
  isRuleEnabled,
  type CloseNowPart,
  type CloseNowRequest,
  type CloseNowView,
  type CupiWriteOutcome,
} from '../../../shared/domain/cupi';
import { ConsoleError } from '../../../shared/ipc/result';
import type { MainMessage } from '../../../shared/domain/main-message';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import type { Logger } from '../log/logger';
import type { CupiService } from './service';
import type { UccxService } from '../uccx/service';
import type { JournalHub } from '../journal/hub';
import type { CloseNowOptions as CloseNowFormOptions } from '../../../shared/ipc/areas/cupi';
import { EventEmitter } from 'node:events';

/**
 * "Close now": in one step, enable the chosen Alternate or Closed greeting on
 * chosen call handlers and set one UCCX application script parameter, with an
 * end time after which both revert by themselves.
 *
 * - Every part is an ordinary change through the journal (so it is queued
 *   when a server cannot take it, and lands in the audit log), and each part
 *   reports its own outcome, so the person sees which one failed.
 * - The greeting is enabled with TimeExpires = the end time: Unity Connection
 *   itself turns it off then, even if the console is closed. Only when the
 *   greeting was already on beyond the end time does the console write the
 *   old value back.
 * - The UCCX parameter has no such expiry, so the schedule is kept on disk
 *   (close-now.json in the profile folder) and the revert runs at the end
 *   time, or at the next start when the console was not running then.
 */
export interface UccxParameterPort {
  /** Applications and their script parameters, for the form. */
  applications(): Promise<Array<{ name: string; params: Array<{ name: string; value: string }> }>>;
  /** The parameter's current value (null when the application or parameter does not exist). */
  read(application: string, parameter: string): Promise<string | null>;
  /** Queue the change through the UCCX side of the journal. */
  submit(application: string, parameter: string, base: string, value: string, label: string): Promise<PendingChange> | PendingChange;
}

interface StoredPart extends CloseNowPart {
  kind: 'greeting' | 'uccx-parameter';
  handlerId?: string;
  handlerName?: string;
  application?: string;
  parameter?: string;
  /** The value before Close now (TimeExpires or the parameter's value). */
  previous: string | null;
  /** The value Close now set. */
  applied: string;
  /** Journal change of the last write (close or revert), to follow its outcome. */
  changeId?: string;
}

interface StoredClosure extends Omit<CloseNowView, 'parts'> {
  parts: StoredPart[];
}

interface StoredFile {
  version: 1;
  closures: StoredClosure[];
}

export interface CloseNowOptions {
  dir: string;
  service: CupiService;
  /** The UCCX side, while UCCX is configured for the site. */
  uccx: () => UccxParameterPort | null;
  /** The journal every part goes through; its changes tell how parts queued earlier ended. */
  hub: Pick<JournalHub, 'on' | 'off'>;
  log: Logger;
  now?: () => number;
}

/** Longest a single timer may wait (setTimeout's limit); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const KEEP_FINISHED = 20;

/** Script parameters of UCCX applications, read and queued through the UCCX service (and so its journal applier). */
export function uccxParameterPort(uccx: UccxService): UccxParameterPort {
  const applications = async () => (await uccx.loadConfig()).applications.map((app) => ({ name: app.name, params: app.params.map((p) => ({ name: p.name, value: p.value })) }));
  return {
    applications,
    read: async (application, parameter) => (await applications()).find((a) => a.name === application)?.params.find((p) => p.name === parameter)?.value ?? null,
    submit: async (application, parameter, base, value, label) => {
      const [change] = uccx.submit([
        {
          type: 'application',
          id: application,
          operation: 'update',
          label,
          summary: `Parameter ${parameter}: ${base || '(none)'} → ${value || '(none)'}`,
          base: { [`param/${parameter}`]: base },
          mine: { [`param/${parameter}`]: value },
        },
      ]);
      return change!;
    },
  };
}

/** What the Close now form can offer: the applications and their parameters, or why not. */
export async function closeNowFormOptions(uccx: UccxParameterPort | null): Promise<CloseNowFormOptions> {
  if (!uccx) return { applications: null, unavailableReason: 'UCCX is not configured in this profile.', unavailableMessage: { id: 'errors.closeNow.noUccx' } };
  try {
    return { applications: await uccx.applications() };
  } catch (error) {
    const said = saidOf(error);
    return { applications: null, unavailableReason: messageOf(error), ...(said ? { unavailableMessage: said } : {}) };
  }
}

export class CloseNowScheduler extends EventEmitter<{ changed: [CloseNowView[]] }> {
  private closures: StoredClosure[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly file: string;
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly options: CloseNowOptions) {
    super();
    this.file = path.join(options.dir, 'close-now.json');
    this.now = options.now ?? Date.now;
  }

  /** Load the schedule; anything whose end passed while the console was not running reverts now. */
  start(): void {
    fs.mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    const stored = readJsonFile(this.file) as StoredFile | null;
    this.closures = stored?.version === 1 && Array.isArray(stored.closures) ? stored.closures : [];
    this.options.hub.on('changed', this.onJournalChanged);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.options.hub.off('changed', this.onJournalChanged);
  }

  private readonly onJournalChanged = (change: PendingChange | null): void => {
    if (change) this.onChange(change);
  };

  list(): CloseNowView[] {
    return this.closures.map(toView).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Close: every part is attempted even when another fails. */
  async close(request: CloseNowRequest): Promise<CloseNowView> {
    if (request.until <= this.now() + 60_000) {
      throw new ConsoleError('invalid_payload', 'The end time must be at least a minute from now.', undefined, { id: 'errors.closeNow.tooSoon' });
    }
    if (request.handlerObjectIds.length === 0 && !request.uccx) {
      throw new ConsoleError('invalid_payload', 'Choose at least one call handler or a UCCX parameter.', undefined, { id: 'errors.closeNow.nothingChosen' });
    }
    const uccx = this.options.uccx();
    if (request.uccx && !uccx) {
      throw new ConsoleError('unavailable', 'UCCX is not configured for this site, so the script parameter cannot be set.', undefined, { id: 'errors.closeNow.uccxGone' });
    }

    const closure: StoredClosure = {
      id: randomUUID(),
      reason: request.reason.trim() || 'Closed now',
      greeting: request.greeting,
      createdAt: this.now(),
      until: request.until,
      state: 'active',
      parts: [],
    };
    const applied = formatCupiTime(request.until);
    const greetingWord = GREETING_LABELS[request.greeting];

    const greetingParts = request.handlerObjectIds.map(async (handlerId): Promise<StoredPart> => {
      const part: StoredPart = {
        id: randomUUID(),
        kind: 'greeting',
        system: 'cupi',
        label: `${greetingWord} greeting on call handler ${handlerId}`,
        state: 'pending',
        handlerId,
        previous: null,
        applied,
      };
      closure.parts.push(part);
      try {
        const handler = await this.options.service.get('callhandler', handlerId);
        part.handlerName = handler.fields.DisplayName ?? handlerId;
        part.label = `${greetingWord} greeting on ${part.handlerName}`;
        const current = await this.options.service.readGreeting(handlerId, request.greeting);
        part.previous = current.TimeExpires ?? null;
        const outcome = await this.options.service.updateGreeting(handlerId, part.handlerName, request.greeting, current, { TimeExpires: applied });
        this.noteOutcome(part, outcome);
      } catch (error) {
        part.state = 'failed';
        noteError(part, error);
      }
      return part;
    });

    const uccxPart = async (): Promise<StoredPart | null> => {
      if (!request.uccx || !uccx) return null;
      const { application, parameter, value } = request.uccx;
      const part: StoredPart = {
        id: randomUUID(),
        kind: 'uccx-parameter',
        system: 'uccx',
        label: `${application} ${parameter} = ${value}`,
        state: 'pending',
        application,
        parameter,
        previous: null,
        applied: value,
      };
      closure.parts.push(part);
      try {
        const previous = await uccx.read(application, parameter);
        if (previous === null) {
          throw new ConsoleError('not_found', `UCCX application ${application} has no script parameter ${parameter}.`, undefined, {
            id: 'errors.closeNow.noParameter',
            values: { application, parameter },
          });
        }
        part.previous = previous;
        const change = await uccx.submit(application, parameter, previous, value, `Close now (${closure.reason}): ${application}`);
        part.changeId = change.id;
        part.state = stateOfChange(change) ?? 'queued';
        if (change.lastError && part.state === 'failed') noteError(part, change.lastError, change.lastErrorMessage);
      } catch (error) {
        part.state = 'failed';
        noteError(part, error);
      }
      return part;
    };

    // Listed from the start, so journal outcomes that arrive while other parts are still going are not missed.
    this.closures.push(closure);
    await Promise.all([Promise.all(greetingParts), uccxPart()]);
    this.refreshState(closure);
    this.save();
    this.arm();
    this.publish();
    return toView(closure);
  }

  /** Reopen early: revert every part now. */
  async reopen(id: string): Promise<CloseNowView> {
    const closure = this.closures.find((c) => c.id === id);
    if (!closure) throw new ConsoleError('not_found', 'That closure is no longer listed.', undefined, { id: 'errors.closeNow.gone' });
    if (closure.state === 'reverted') return toView(closure);
    await this.revert(closure, true);
    return toView(closure);
  }

  private async revert(closure: StoredClosure, early: boolean): Promise<void> {
    const uccx = this.options.uccx();
    for (const part of closure.parts) {
      if (part.state === 'reverted') continue;
      if (part.state === 'failed' && !part.changeId) {
        // Never written: nothing to undo.
        part.state = 'reverted';
        continue;
      }
      try {
        if (part.kind === 'greeting') {
          const previousStillOn = part.previous === null || isRuleEnabled(part.previous ?? undefined, closure.until);
          if (!early && !previousStillOn) {
            // Unity Connection turned the greeting off at the end time by itself.
            part.state = 'reverted';
            continue;
          }
          // [U] "previous === null" means enabled with no end date; CUPI cannot write null, so a far-future date stands in.
          const restore = part.previous ?? '2199-12-31 00:00:00.0';
          const outcome = await this.options.service.updateGreeting(part.handlerId!, part.handlerName ?? part.handlerId!, closure.greeting, { TimeExpires: part.applied }, { TimeExpires: restore });
          part.changeId = outcome.entryId;
          part.state = outcome.state === 'applied' ? 'reverted' : 'queued';
        } else {
          if (!uccx) throw new ConsoleError('unavailable', 'UCCX is not configured any more; set the parameter back by hand.', undefined, { id: 'errors.closeNow.revertByHand' });
          const change = await uccx.submit(part.application!, part.parameter!, part.applied, part.previous ?? '', `Reopen (${closure.reason}): ${part.application}`);
          part.changeId = change.id;
          part.state = change.state === 'applied' ? 'reverted' : 'queued';
        }
        delete part.error;
        delete part.errorMessage;
      } catch (error) {
        part.state = 'revert-failed';
        noteError(part, error);
      }
    }
    closure.state = closure.parts.some((p) => p.state === 'revert-failed') ? 'partly-failed' : 'reverted';
    // Parts whose revert is queued are marked reverted when the journal applies them.
    this.trim();
    this.save();
    this.arm();
    this.publish();
  }

  private noteOutcome(part: StoredPart, outcome: CupiWriteOutcome): void {
    part.changeId = outcome.entryId;
    part.state = outcome.state === 'applied' ? 'applied' : 'queued';
  }

  /** Follow parts whose change is still in the journal. */
  private onChange(change: PendingChange): void {
    let touched = false;
    for (const closure of this.closures) {
      for (const part of closure.parts) {
        if (part.changeId !== change.id) continue;
        const reverting = closure.state !== 'active';
        const next = stateOfChange(change);
        if (!next) continue;
        if (next === 'applied') part.state = reverting ? 'reverted' : 'applied';
        else if (next === 'failed') {
          part.state = reverting ? 'revert-failed' : 'failed';
          if (change.lastError) noteError(part, change.lastError, change.lastErrorMessage);
          else if (change.state === 'conflicted') noteError(part, 'Changed on the server in the meantime.', { id: 'errors.closeNow.changedMeanwhile' });
          else noteError(part, 'Refused by the server.', { id: 'errors.closeNow.refused' });
        }
        touched = true;
      }
      if (touched) this.refreshState(closure);
    }
    if (touched) {
      this.save();
      this.publish();
    }
  }

  private refreshState(closure: StoredClosure): void {
    if (closure.state === 'reverted') {
      if (closure.parts.some((p) => p.state === 'revert-failed')) closure.state = 'partly-failed';
      return;
    }
    if (closure.parts.some((p) => p.state === 'failed')) closure.state = 'partly-failed';
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const due = this.closures.filter((c) => c.state !== 'reverted' && !c.parts.every((p) => p.state === 'reverted' || p.state === 'revert-failed'));
    if (due.length === 0) return;
    const next = Math.min(...due.map((c) => c.until));
    const wait = Math.max(0, Math.min(MAX_TIMER_MS, next - this.now()));
    this.timer = setTimeout(() => void this.runDue(), wait);
    this.timer.unref?.();
  }

  private async runDue(): Promise<void> {
    const now = this.now();
    for (const closure of this.closures) {
      const pending = closure.parts.some((p) => p.state !== 'reverted' && p.state !== 'revert-failed');
      if (closure.until <= now && pending && closure.state !== 'reverted') {
        try {
          await this.revert(closure, false);
        } catch (error) {
          this.options.log.error('Close now revert failed', error);
        }
      }
    }
    this.arm();
  }

  private trim(): void {
    const finished = this.closures.filter((c) => c.state === 'reverted');
    if (finished.length <= KEEP_FINISHED) return;
    const drop = new Set(finished.sort((a, b) => a.until - b.until).slice(0, finished.length - KEEP_FINISHED).map((c) => c.id));
    this.closures = this.closures.filter((c) => !drop.has(c.id));
  }

  private save(): void {
    try {
      writeFileAtomic(this.file, JSON.stringify({ version: 1, closures: this.closures } satisfies StoredFile, null, 1));
    } catch (error) {
      this.options.log.error('could not save the Close now schedule', error);
    }
  }

  private publish(): void {
    this.emit('changed', this.list());
  }

  /** For tests: run what is due now. */
  async runDueNow(): Promise<void> {
    await this.runDue();
  }
}

function stateOfChange(change: PendingChange): 'applied' | 'failed' | 'queued' | null {
  if (change.state === 'applied') return 'applied';
  if (change.state === 'failed' || change.state === 'conflicted' || change.state === 'discarded') return 'failed';
  if (change.state === 'queued') return 'queued';
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The sentence by id a typed error carries, if any. */
function saidOf(error: unknown): MainMessage | undefined {
  return error instanceof ConsoleError ? error.said : undefined;
}

/** Why a part failed: the English (kept with the closure, as the audit log has it) and, when main has one, the same by message id. */
function noteError(part: StoredPart, error: unknown, said: MainMessage | undefined = saidOf(error)): void {
  part.error = messageOf(error);
  if (said) part.errorMessage = said;
  else delete part.errorMessage;
}

/** What a part changed, by message id; a UCCX parameter's "application parameter = value" is all server data and has none. */
function partLabelMessage(closure: StoredClosure, part: StoredPart): MainMessage | undefined {
  if (part.kind !== 'greeting') return undefined;
  const greeting = closure.greeting === 'Off Hours' ? 'closed' : 'alternate';
  return part.handlerName
    ? { id: 'main.closeNow.part.greeting', values: { greeting, handler: part.handlerName } }
    : { id: 'main.closeNow.part.greetingOnId', values: { greeting, handler: part.handlerId ?? '' } };
}

function toView(closure: StoredClosure): CloseNowView {
  return {
    id: closure.id,
    reason: closure.reason,
    greeting: closure.greeting,
    createdAt: closure.createdAt,
    until: closure.until,
    state: closure.state,
    parts: closure.parts.map((part) => {
      const { id, label, system, state, error, errorMessage } = part;
      const labelMessage = partLabelMessage(closure, part);
      return { id, label, system, state, ...(labelMessage ? { labelMessage } : {}), ...(error ? { error } : {}), ...(error && errorMessage ? { errorMessage } : {}) };
    }),
  };
}
