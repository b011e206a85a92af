import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { parseSwitches } from '../../electron/services/uccx/switch-document';
import { untilText, type SwitchEntry } from '../../shared/domain/switches';
import { startUccxStack, waitFor, type UccxStack } from './uccx-support';

/**
 * Timed switches against the lab: the console writes the switches document
 * through the repository's two-step upload, and turns a timed switch off by
 * itself at its time, also when the service was stopped over that time (the
 * console restarted).
 */
let lab: Lab;
const DOCUMENT = '/en_US/lists/switches.xml';
/** "On for 2 s": the shortest choice sets how soon an end time may be (half of it). */
const options = { switchDurations: [2] };

beforeAll(async () => {
  lab = await startLab({ agents: 10 });
});
afterAll(async () => {
  await lab.stop();
});

/** The switches as the lab's document repository holds them (null: no document). */
function onUccx(): SwitchEntry[] | null {
  const bytes = lab.uccx.store.repository.read('document', DOCUMENT);
  return bytes ? parseSwitches(bytes).switches : null;
}

async function written(stack: UccxStack, id: string): Promise<void> {
  await waitFor(() => (stack.hub.journal?.get(id)?.state ?? 'applied') === 'applied', 10_000, `change ${id} written`);
}

describe('switches against the lab', () => {
  it('a timed switch is written with its end time and turned off by itself at that time', async () => {
    const stack = await startUccxStack(lab, options);
    try {
      await waitFor(() => stack.service.state().writable, 10_000, 'UCCX writable');
      const outage: SwitchEntry = { name: 'outage', enabled: false, prompt: 'en_US/outage.wav', until: '' };
      await written(stack, stack.service.switches.submit([], [outage], 'administrator').id);
      expect(onUccx()).toEqual([outage]);

      const until = untilText(Math.ceil((Date.now() + 2500) / 1000) * 1000);
      const on = stack.service.switches.submit([outage], [{ ...outage, enabled: true, until }], 'administrator');
      await written(stack, on.id);
      expect(onUccx()).toEqual([{ ...outage, enabled: true, until }]);
      expect(stack.service.switches.timerViews()).toMatchObject([{ name: 'outage', state: 'waiting', late: false }]);

      await waitFor(() => onUccx()?.[0]?.enabled === false, 8000, 'the switch turned off in the lab');
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
      expect(onUccx()).toEqual([outage]);
      const [timer] = (await stack.service.switches.load()).timers;
      expect(timer).toMatchObject({ name: 'outage', state: 'reverted', late: false });
      // Written by the applier like any save: the audit log has it.
      const ended = stack.hub.audit!.search({}).find((entry) => entry.changeId === timer!.changeId);
      expect(ended).toMatchObject({ objectType: 'switches', result: 'applied', after: { 'switch/outage': { enabled: false, prompt: 'en_US/outage.wav', until: '' } } });
    } finally {
      await stack.stop();
    }
  });

  it('a timed switch whose time passed while the service was stopped is turned off at the next start, marked late', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switches-restart-'));
    const first = await startUccxStack(lab, options, dir);
    const base = onUccx() ?? [];
    const until = untilText(Math.ceil((Date.now() + 2500) / 1000) * 1000);
    const weather: SwitchEntry = { name: 'weather', enabled: true, prompt: 'en_US/weather.wav', until };
    try {
      await waitFor(() => first.service.state().writable, 10_000, 'UCCX writable');
      await written(first, first.service.switches.submit(base, [...base, weather], 'administrator').id);
      expect(onUccx()).toContainEqual(weather);
    } finally {
      await first.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, Date.parse(until) - Date.now() + 500));
    // Nobody turned it off while the console was not running.
    expect(onUccx()).toContainEqual(weather);

    const second = await startUccxStack(lab, options, dir);
    try {
      await waitFor(() => onUccx()?.find((entry) => entry.name === 'weather')?.enabled === false, 10_000, 'the switch turned off after the restart');
      expect(onUccx()).toContainEqual({ ...weather, enabled: false, until: '' });
      const view = await second.service.switches.load();
      expect(view.timers).toMatchObject([{ name: 'weather', state: 'reverted', late: true }]);
      expect(view.timers[0]!.revertedAt!).toBeGreaterThan(Date.parse(until));
    } finally {
      await second.stop();
    }
  });
});
