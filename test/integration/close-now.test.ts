import { afterEach, describe, expect, it } from 'vitest';
import { startCupiHarness, type CupiHarness } from './cupi-harness';
import { CloseNowScheduler, type UccxParameterPort } from '../../electron/services/cupi/close-now';
import { createLogger } from '../../electron/services/log/logger';
import type { CloseNowView } from '../../shared/domain/cupi';
import type { FieldMap } from '../../shared/domain/changes';
import { ApplyError } from '../../electron/services/journal/journal';

let harness: CupiHarness | null = null;
let schedulers: CloseNowScheduler[] = [];
afterEach(async () => {
  for (const s of schedulers) s.stop();
  schedulers = [];
  await harness?.stop();
  harness = null;
});

/** A stand-in UCCX application store behind the real journal (system "uccx"), with a switch to refuse writes. */
function fakeUccx(h: CupiHarness) {
  const params = new Map<string, string>([['Customer_Service/emergencyClosed', 'false']]);
  const state = { refuse: false };
  h.journal!.registerApplier<FieldMap>('uccx', {
    read: async (change) => {
      const out: FieldMap = {};
      for (const [key, value] of params) if (key.startsWith(`${change.ref.id}/`)) out[`param/${key.split('/')[1]}`] = value;
      return Object.keys(out).length ? out : null;
    },
    fieldsOf: (fields) => fields,
    apply: async (change) => {
      if (state.refuse) throw new ApplyError('UCCX refused the parameter.', false);
      for (const [field, value] of Object.entries(change.mine)) params.set(`${change.ref.id}/${field.slice(6)}`, String(value));
    },
  });
  const port: UccxParameterPort = {
    applications: async () => [{ name: 'Customer_Service', params: [{ name: 'emergencyClosed', value: params.get('Customer_Service/emergencyClosed')! }] }],
    read: async (application, parameter) => params.get(`${application}/${parameter}`) ?? null,
    submit: (application, parameter, base, value, label) =>
      h.journal!.enqueue({
        ref: { system: 'uccx', type: 'application', id: application },
        operation: 'update',
        label,
        base: { [`param/${parameter}`]: base },
        mine: { [`param/${parameter}`]: value },
        user: 'test',
      }),
  };
  return { params, port, state };
}

function scheduler(h: CupiHarness, port: UccxParameterPort, clock: { now: number }, published: CloseNowView[][] = []) {
  const s = new CloseNowScheduler({
    dir: h.dir,
    service: h.service,
    uccx: () => port,
    hub: h.hub,
    log: createLogger('close-now-test'),
    now: () => clock.now,
  });
  s.on('changed', (list) => published.push(list));
  s.start();
  schedulers.push(s);
  return s;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

describe('Close now', () => {
  it('enables the Closed greeting on chosen handlers and sets the UCCX parameter, then reverts both at the end time', async () => {
    const h = (harness = await startCupiHarness());
    const uccx = fakeUccx(h);
    const clock = { now: Date.now() };
    const s = scheduler(h, uccx.port, clock);
    const support = h.lab.store.findCallHandlerByName('Support Line')!.ObjectId!;
    const sales = h.lab.store.findCallHandlerByName('Sales Line')!.ObjectId!;
    const end = Date.now() + 2 * 3600_000;

    const view = await s.close({ handlerObjectIds: [support, sales], greeting: 'Off Hours', until: end, reason: 'Snow', uccx: { application: 'Customer_Service', parameter: 'emergencyClosed', value: 'true' } });
    await until(() => uccx.params.get('Customer_Service/emergencyClosed') === 'true');
    expect(view.parts).toHaveLength(3);
    expect(view.parts.filter((p) => p.system === 'cupi').every((p) => p.state === 'applied')).toBe(true);
    for (const id of [support, sales]) expect(h.lab.store.getGreeting(id, 'Off Hours').Enabled).toBe('true');
    expect(uccx.params.get('Customer_Service/emergencyClosed')).toBe('true');
    // The greeting's own expiry is the end time, so Unity Connection turns it off even if the console is not running.
    const { parseCupiTime } = await import('../../shared/domain/cupi');
    expect(parseCupiTime(h.lab.store.getGreeting(support, 'Off Hours').TimeExpires)).toBe(end);
    // Every part went through the journal (and so the audit log).
    expect(h.journal!.list().filter((c) => c.state === 'applied')).toHaveLength(3);

    clock.now = end + 1000;
    await s.runDueNow();
    await until(() => uccx.params.get('Customer_Service/emergencyClosed') === 'false');
    expect(uccx.params.get('Customer_Service/emergencyClosed')).toBe('false');
    expect(s.list()[0]!.state).toBe('reverted');
  });

  it('reverts after a restart when the end time passed while the console was closed', async () => {
    const h = (harness = await startCupiHarness());
    const uccx = fakeUccx(h);
    const clock = { now: Date.now() };
    const first = scheduler(h, uccx.port, clock);
    const end = Date.now() + 3600_000;
    await first.close({ handlerObjectIds: [], greeting: 'Alternate', until: end, reason: 'Fire drill', uccx: { application: 'Customer_Service', parameter: 'emergencyClosed', value: 'true' } });
    await until(() => uccx.params.get('Customer_Service/emergencyClosed') === 'true');
    first.stop();

    // "Restart": a new scheduler reads the schedule from disk with the clock past the end.
    clock.now = end + 60_000;
    const second = scheduler(h, uccx.port, clock);
    await until(() => uccx.params.get('Customer_Service/emergencyClosed') === 'false');
    expect(uccx.params.get('Customer_Service/emergencyClosed')).toBe('false');
    await until(() => second.list()[0]?.state === 'reverted');
    expect(second.list()[0]!.state).toBe('reverted');
  });

  it('tells which part failed and still does the others', async () => {
    const h = (harness = await startCupiHarness());
    const uccx = fakeUccx(h);
    uccx.state.refuse = true;
    const published: CloseNowView[][] = [];
    const s = scheduler(h, uccx.port, { now: Date.now() }, published);
    const support = h.lab.store.findCallHandlerByName('Support Line')!.ObjectId!;
    const missing = '00000000-0000-4000-8000-000000000000';
    const view = await s.close({ handlerObjectIds: [support, missing], greeting: 'Alternate', until: Date.now() + 3600_000, reason: 'Storm', uccx: { application: 'Customer_Service', parameter: 'emergencyClosed', value: 'true' } });
    expect(h.lab.store.getGreeting(support, 'Alternate').Enabled).toBe('true');
    const failedHandler = view.parts.find((p) => p.label.includes(missing));
    expect(failedHandler?.state).toBe('failed');
    expect(failedHandler?.error).toMatch(/no longer has this object|No call handler/i);
    await until(() => s.list()[0]!.parts.find((p) => p.system === 'uccx')!.state === 'failed');
    const uccxPart = s.list()[0]!.parts.find((p) => p.system === 'uccx')!;
    expect(uccxPart.state).toBe('failed');
    expect(uccxPart.error).toMatch(/UCCX refused/);
    expect(s.list()[0]!.state).toBe('partly-failed');
    expect(published.length).toBeGreaterThan(0);
  });

  it('reopens early: the greeting is switched off again', async () => {
    const h = (harness = await startCupiHarness());
    const uccx = fakeUccx(h);
    const s = scheduler(h, uccx.port, { now: Date.now() });
    const support = h.lab.store.findCallHandlerByName('Support Line')!.ObjectId!;
    const view = await s.close({ handlerObjectIds: [support], greeting: 'Alternate', until: Date.now() + 3600_000, reason: 'Power cut' });
    expect(h.lab.store.getGreeting(support, 'Alternate').Enabled).toBe('true');
    const reopened = await s.reopen(view.id);
    expect(reopened.state).toBe('reverted');
    expect(h.lab.store.getGreeting(support, 'Alternate').Enabled).toBe('false');
  });
});
