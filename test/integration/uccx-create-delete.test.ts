import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { ConsoleError } from '../../shared/ipc/result';
import { startUccxStack, waitFor, type UccxStack } from './uccx-support';
import type { UccxEdit } from '../../electron/services/uccx/service';

/**
 * Creating and deleting CSQs, teams and calendars through the UCCX service
 * against the lab: what the editors send, main's checks before queuing
 * (the same rules, on configuration read just before) and the writer's
 * check at write time.
 */
let lab: Lab;
let stack: UccxStack | null = null;

beforeAll(async () => {
  lab = await startLab({ agents: 40 });
});
afterAll(async () => {
  await lab.stop();
});
afterEach(async () => {
  await stack?.stop();
  stack = null;
});

const csqIdNamed = (name: string) => lab.uccx.store.ids('csq').find((id) => lab.uccx.store.displayName('csq', id) === name);
const drained = () => waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 5000, 'the queue to drain');

/** Submit as the IPC handler does: read fresh configuration first when the edits need it. */
async function submit(edits: UccxEdit[]) {
  await stack!.service.prepareToJudge(edits);
  return stack!.service.submit(edits);
}

function newCsq(name: string, skillId: string): UccxEdit {
  return {
    type: 'csq',
    id: name,
    operation: 'create',
    label: `CSQ ${name}`,
    base: {},
    mine: { name, resourcePoolType: 'SKILL_GROUP', serviceLevel: 20, serviceLevelPercentage: 80, wrapupTime: 30, autoWork: true, selectionCriteria: 'Most Skilled', [`skill/${skillId}`]: 4 },
  };
}

describe('creating and deleting CSQs, teams and calendars', () => {
  it('creates a skill-based and a resource-group CSQ with the values sent, and they show in the queue statistics', async () => {
    stack = await startUccxStack(lab);
    await stack.service.loadConfig();
    const skillId = lab.seed.skills[0]!.skillId.toString();
    await submit([newCsq('Recall_Desk_9', skillId)]);
    const group = lab.seed.resourceGroups[0]!;
    await submit([
      {
        type: 'csq',
        id: 'Pool_CSQ',
        operation: 'create',
        label: 'CSQ Pool_CSQ',
        base: {},
        mine: { name: 'Pool_CSQ', resourcePoolType: 'RESOURCE_GROUP', resourceGroup: String(group.id), serviceLevel: 5, serviceLevelPercentage: 70, wrapupTime: 0, autoWork: false, selectionCriteria: 'Longest Available' },
      },
    ]);
    await drained();
    const claims = lab.uccx.store.get('csq', csqIdNamed('Recall_Desk_9')!)!;
    expect(claims).toMatchObject({ queueType: 'VOICE', queueAlgorithm: 'FIFO', resourcePoolType: 'SKILL_GROUP', serviceLevel: 20, serviceLevelPercentage: 80, wrapupTime: 30, autoWork: true });
    expect(claims.poolSpecificInfo).toMatchObject({ skillGroup: { selectionCriteria: 'Most Skilled', skillCompetency: [{ competencelevel: 4 }] } });
    const pool = lab.uccx.store.get('csq', csqIdNamed('Pool_CSQ')!)!;
    expect(pool.poolSpecificInfo).toMatchObject({ resourceGroup: { selectionCriteria: 'Longest Available', resourceGroupNameUriPair: { '@name': group.name } } });
    // One world: the queue statistics list the new CSQs, with no calls yet.
    const queued = lab.queues.stats().filter((stats) => stats.esdName === 'Recall_Desk_9' || stats.esdName === 'Pool_CSQ');
    expect(queued.map((stats) => [stats.esdName, stats.nTotalContacts])).toEqual([
      ['Recall_Desk_9', 0],
      ['Pool_CSQ', 0],
    ]);
  });

  it('refuses a new CSQ whose name is taken or breaks UCCX rules, before queuing', async () => {
    stack = await startUccxStack(lab);
    await stack.service.loadConfig();
    const taken = lab.seed.csqs[0]!.name.toUpperCase();
    const skillId = lab.seed.skills[0]!.skillId.toString();
    const waiting = stack.hub.journal!.counts('uccx').waiting;
    await expect(submit([newCsq(taken, skillId)])).rejects.toMatchObject({ code: 'invalid_value', fields: [{ field: 'name', message: expect.stringMatching(/already exists/) }] });
    await expect(submit([newCsq(' Padded', skillId)])).rejects.toMatchObject({ code: 'invalid_value', fields: [{ field: 'name' }] });
    const noSkills = newCsq('Lonely_CSQ', skillId);
    delete noSkills.mine[`skill/${skillId}`];
    await expect(submit([noSkills])).rejects.toMatchObject({ fields: [{ field: 'skills' }] });
    expect(stack.hub.journal!.counts('uccx').waiting).toBe(waiting);
  });

  it('refuses deleting a CSQ a team serves, naming the team; deletes it once no team does', async () => {
    stack = await startUccxStack(lab);
    const config = await stack.service.loadConfig();
    const team = config.teams.find((t) => t.csqs.length > 0)!;
    const csq = team.csqs[0]!;
    const servedBy = config.teams.filter((t) => t.csqs.some((c) => c.id === csq.id)).map((t) => t.name);
    const remove: UccxEdit = { type: 'csq', id: csq.id, operation: 'delete', label: `CSQ ${csq.name}`, base: { name: csq.name }, mine: {} };
    const refusal = await submit([remove]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConsoleError);
    expect((refusal as ConsoleError).code).toBe('in_use');
    for (const name of servedBy) expect((refusal as Error).message).toContain(name);
    expect(stack.hub.journal!.counts('uccx').waiting).toBe(0);
    expect(lab.uccx.store.exists('csq', csq.id)).toBe(true);

    // Behind the console's back, every team stops serving it: main reads UCCX again and lets the delete through.
    for (const t of config.teams.filter((t) => t.csqs.some((c) => c.id === csq.id))) {
      lab.uccx.store.update('team', t.id, (tree) => {
        const csqs = tree.csqs as { csq?: Array<{ refURL: string }> };
        csqs.csq = (csqs.csq ?? []).filter((ref) => !ref.refURL.endsWith(`/csq/${csq.id}`));
      });
    }
    await submit([remove]);
    await drained();
    expect(lab.uccx.store.exists('csq', csq.id)).toBe(false);
    expect(lab.queues.stats().some((stats) => stats.esdName === csq.name)).toBe(false);
  });

  it('fails, without retrying, a queued delete whose CSQ came into use before it was written', async () => {
    stack = await startUccxStack(lab);
    await stack.service.loadConfig();
    const skillId = lab.seed.skills[1]!.skillId.toString();
    await submit([newCsq('Late_CSQ', skillId)]);
    await drained();
    const csqId = csqIdNamed('Late_CSQ')!;
    // UCCX stops taking writes; the delete waits in the queue.
    lab.uccx.setDbMaster('none');
    await waitFor(() => stack!.service.state().mode === 'read-only', 15000, 'read-only');
    const [change] = await submit([{ type: 'csq', id: csqId, operation: 'delete', label: 'CSQ Late_CSQ', base: { name: 'Late_CSQ' }, mine: {} }]);
    // Meanwhile someone makes a team serve it.
    const teamId = lab.uccx.store.ids('team')[0]!;
    lab.uccx.store.update('team', teamId, (tree) => {
      const csqs = (tree.csqs ?? {}) as { csq?: Array<{ '@name': string; refURL: string }> };
      tree.csqs = { csq: [...(csqs.csq ?? []), { '@name': 'Late_CSQ', refURL: `/adminapi/csq/${csqId}` }] };
    });
    lab.uccx.setDbMaster('a');
    stack.hub.wake('uccx');
    await waitFor(() => stack!.hub.journal!.get(change!.id)?.state === 'failed', 15000, 'the delete to fail');
    expect(stack.hub.journal!.get(change!.id)!.lastError).toMatch(new RegExp(`team ${lab.uccx.store.displayName('team', teamId)} serves it`));
    expect(lab.uccx.store.exists('csq', csqId)).toBe(true);
  });

  it('creates and deletes a team and a calendar; refuses a calendar an application uses and a team with agents', async () => {
    stack = await startUccxStack(lab);
    const config = await stack.service.loadConfig();
    const supervisor = config.agents.find((agent) => agent.type === 2)!;
    const csq = config.csqs[0]!;
    await submit([{ type: 'team', id: 'Overnight Crew 9', operation: 'create', label: 'Team Overnight Crew 9', base: {}, mine: { name: 'Overnight Crew 9', primarySupervisor: supervisor.userID, csqs: [csq.id] } }]);
    await submit([
      {
        type: 'calendar',
        id: 'Winter Hours',
        operation: 'create',
        label: 'Calendar Winter Hours',
        base: {},
        mine: { name: 'Winter Hours', description: '', timeZone: 'Europe/Paris', calendarType: 'PARTTIME', workingDays: [{ day: 'MONDAY', startTime: '09:00', endTime: '12:00' }], holidays: [{ date: '2099-12-24', description: 'Eve' }] },
      },
    ]);
    await drained();
    const teamId = lab.uccx.store.ids('team').find((id) => lab.uccx.store.displayName('team', id) === 'Overnight Crew 9')!;
    const calendarId = lab.uccx.store.ids('calendar').find((id) => lab.uccx.store.displayName('calendar', id) === 'Winter Hours')!;
    expect(lab.uccx.store.get('team', teamId)).toMatchObject({ primarySupervisor: { '@name': supervisor.userID }, csqs: { csq: [{ '@name': csq.name }] } });
    expect(lab.uccx.store.get('calendar', calendarId)).toMatchObject({ timeZone: 'Europe/Paris', workingDays: { workingDay: [{ day: 'MONDAY', startTime: '09:00' }] } });

    await submit([{ type: 'team', id: teamId, operation: 'delete', label: 'Team Overnight Crew 9', base: { name: 'Overnight Crew 9' }, mine: {} }]);
    await submit([{ type: 'calendar', id: calendarId, operation: 'delete', label: 'Calendar Winter Hours', base: { name: 'Winter Hours' }, mine: {} }]);
    await drained();
    expect(lab.uccx.store.exists('team', teamId)).toBe(false);
    expect(lab.uccx.store.exists('calendar', calendarId)).toBe(false);

    const businessHours = config.calendars.find((calendar) => calendar.name === 'Business Hours')!;
    await expect(submit([{ type: 'calendar', id: businessHours.id, operation: 'delete', label: 'Calendar Business Hours', base: { name: 'Business Hours' }, mine: {} }])).rejects.toMatchObject({
      code: 'in_use',
      message: expect.stringMatching(/application After_Hours uses it/),
    });
    const staffed = config.teams.find((team) => config.agents.some((agent) => agent.team?.id === team.id && team.name !== 'Default'))!;
    await expect(submit([{ type: 'team', id: staffed.id, operation: 'delete', label: `Team ${staffed.name}`, base: { name: staffed.name }, mine: {} }])).rejects.toMatchObject({
      code: 'in_use',
      message: expect.stringMatching(/agents? (is|are) in it/),
    });
  });

  it('the lab refuses, as UCCX would, deleting a CSQ a team serves or a calendar an application uses, naming the user', async () => {
    const { nodes, username, password } = lab.endpoints.uccx;
    const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const remove = (path: string) => fetch(`${nodes[0]}${path}`, { method: 'DELETE', headers: { authorization, accept: 'application/xml' } });
    const served = lab.uccx.store.list('team').find((team) => ((team.csqs as { csq?: unknown[] } | undefined)?.csq ?? []).length > 0)!;
    const csqId = ((served.csqs as { csq: Array<{ refURL: string }> }).csq[0]!.refURL.split('/').pop())!;
    const csqAnswer = await remove(`/adminapi/csq/${csqId}`);
    expect(csqAnswer.status).toBe(409);
    expect(await csqAnswer.text()).toMatch(/is in use by team &apos;/);
    const calendarId = lab.uccx.store.ids('calendar').find((id) => lab.uccx.store.displayName('calendar', id) === 'Business Hours')!;
    const calendarAnswer = await remove(`/adminapi/calendar/${calendarId}`);
    expect(calendarAnswer.status).toBe(409);
    expect(await calendarAnswer.text()).toMatch(/calendar &apos;Business Hours&apos; is in use by application &apos;After_Hours&apos;/);
    expect(lab.uccx.store.exists('calendar', calendarId)).toBe(true);
  });
});
