import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { teamsSupervisedBy } from '../../lab/seed';
import { startUccxStack, waitFor, type UccxStack } from './uccx-support';
import { calendarFields, csqFields } from '../../shared/domain/uccx';

// The UCCX service signed in with a supervisor's account instead of the
// administrator's: what it finds out after connecting, and what a write the
// account may not make becomes.

let lab: Lab;
let admin: UccxStack;
let supervisor: UccxStack;

beforeAll(async () => {
  lab = await startLab({ agents: 80, teams: 6, cucUsers: 0, rate: 0 });
  admin = await startUccxStack(lab);
  const { username, password } = lab.endpoints.uccxSupervisor;
  supervisor = await startUccxStack(lab, { username, password });
});

afterAll(async () => {
  await supervisor?.stop();
  await admin?.stop();
  await lab?.stop();
});

describe('UCCX service with supervisor credentials', () => {
  it('an administrator account is found to be one and may use every editor', async () => {
    const config = await admin.service.loadConfig();
    expect(config.account?.role).toBe('administrator');
    expect(Object.values(config.account!.editors).map((editor) => editor.access)).toEqual(Array(9).fill('edit'));
    expect(config.agents).toHaveLength(80);
  });

  it('a supervisor sees only its teams\' agents, its own capability, administrator-only editors read-only and unreadable ones hidden', async () => {
    const config = await supervisor.service.loadConfig();
    const account = config.account!;
    expect(account).toMatchObject({ role: 'supervisor', username: 'sup02', capabilities: ['CALENDAR_MGMT'] });
    const teams = new Set(teamsSupervisedBy(lab.seed, 'sup02').map((team) => team.teamId));
    const expected = lab.seed.agents.filter((agent) => teams.has(agent.teamId)).map((agent) => agent.userID).sort();
    expect(config.agents.map((agent) => agent.userID).sort()).toEqual(expected);

    const access = Object.fromEntries(Object.entries(account.editors).map(([key, editor]) => [key, editor.access]));
    expect(access).toEqual({ agents: 'edit', skills: 'read-only', csqs: 'read-only', teams: 'read-only', applications: 'hidden', calendars: 'edit', prompts: 'read-only', callerLists: 'read-only', switches: 'read-only' });
    expect(account.editors.agents.reason).toBe(`Signed in to UCCX as supervisor sup02: UCCX lists only the agents of the teams this account supervises (${expected.length}).`);
    expect(account.editors.csqs.reason).toMatch(/may not change CSQs; UCCX does not list the Queue management capability \(QUEUE_MGMT\) for it\. Ask an administrator for the Queue management capability\./);
    expect(account.editors.applications.reason).toMatch(/may not see applications \(UCCX answered 403 Forbidden: supervisor sup02 may not read applications/);
    expect(config.applications).toEqual([]);
    expect(config.calendars.map((calendar) => calendar.name)).toEqual(['Business Hours']);
  });

  it('a CSQ change the supervisor may not make ends "not permitted" with the server\'s reason, is not retried, and makes the CSQs editor read-only on what UCCX answered', async () => {
    const config = await supervisor.service.loadConfig();
    const csq = config.csqs[0]!;
    const [change] = supervisor.service.submit([
      { type: 'csq', id: csq.id, operation: 'update', label: `CSQ ${csq.name}`, base: { serviceLevel: csqFields(csq).serviceLevel }, mine: { serviceLevel: 45 } },
    ]);
    const journal = supervisor.hub.require();
    await waitFor(() => journal.get(change!.id)?.state === 'failed', 5000, 'the refusal');
    const path = `/adminapi/csq/${csq.id}`;
    const writesAtRefusal = lab.writes(path).length;
    expect(writesAtRefusal).toBe(1);
    expect(journal.get(change!.id)).toMatchObject({ notPermitted: true, attempts: 1, lastError: expect.stringContaining('queue management capability (QUEUE_MGMT) is not granted') });
    expect(journal.get(change!.id)!.nextAttemptAt).toBeUndefined();
    const reloaded = await supervisor.service.loadConfig();
    expect(reloaded.account!.editors.csqs.access).toBe('read-only');
    expect(reloaded.account!.editors.csqs.reason).toMatch(/UCCX answered 403 Forbidden: supervisor sup02 may not change CSQs/);
    // Longer than the first two retry periods of a retryable failure (1 s, then 2 s).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(lab.writes(path)).toHaveLength(writesAtRefusal);
    expect(journal.get(change!.id)!.attempts).toBe(1);
    expect((await admin.service.loadConfig()).csqs.find((item) => item.id === csq.id)!.serviceLevel).toBe(csq.serviceLevel);
  });

  it('a calendar create UCCX refuses leaves the calendar the supervisor manages editable: only New and Delete are held back, with the reason', async () => {
    const config = await supervisor.service.loadConfig();
    const managed = config.calendars[0]!;
    const [create] = supervisor.service.submit([
      { type: 'calendar', id: 'Sup02 Holidays', operation: 'create', label: 'Calendar Sup02 Holidays', base: {}, mine: { ...calendarFields(managed), name: 'Sup02 Holidays', holidays: [] } },
    ]);
    const journal = supervisor.hub.require();
    await waitFor(() => journal.get(create!.id)?.state === 'failed', 5000, 'the refusal');
    expect(journal.get(create!.id)).toMatchObject({ notPermitted: true });

    const reloaded = await supervisor.service.loadConfig();
    expect(reloaded.account!.editors.calendars.access).toBe('edit');
    expect(reloaded.account!.editors.calendars.createDelete).toMatch(/may not create or delete calendars \(UCCX answered 403 Forbidden: only administrators may create calendars/);
    // The calendar in the supervisor's list is still changed.
    const [update] = supervisor.service.submit([
      { type: 'calendar', id: managed.id, operation: 'update', label: `Calendar ${managed.name}`, base: { description: managed.description }, mine: { description: 'Edited by sup02' } },
    ]);
    await waitFor(() => journal.get(update!.id)?.state !== 'queued' && journal.get(update!.id)?.state !== 'applying', 5000, 'the update');
    expect(journal.get(update!.id)?.state ?? 'applied').toBe('applied');
  });
});
