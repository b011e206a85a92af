import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeed, teamsSupervisedBy } from '../../lab/seed';
import { createUccxLab, type UccxLab } from '../../lab/uccx';

// The adminapi signed in as a supervisor instead of the administrator: what
// the lab lists, grants and refuses (lab/uccx/supervisor-access.ts). Plain
// fetch and string checks: the wire format, independent of the console.

const ADMIN = { username: 'ccxadmin', password: 'lab-secret' };
const SUPERVISOR_PASSWORD = 'sup-secret';
const seed = createSeed({ agents: 80, teams: 6, cucUsers: 0 });
const SUPERVISOR = 'sup02';

let lab: UccxLab;
let node: string;

beforeAll(async () => {
  lab = createUccxLab(seed, { credentials: ADMIN, supervisorPassword: SUPERVISOR_PASSWORD });
  await lab.start();
  node = lab.nodes[0].url;
});

afterAll(async () => {
  await lab.stop();
});

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const AS_ADMIN = basic(ADMIN.username, ADMIN.password);
const AS_SUPERVISOR = basic(SUPERVISOR, SUPERVISOR_PASSWORD);

function call(path: string, authorization: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${node}${path}`, { ...init, headers: { authorization, ...(init.body ? { 'content-type': 'application/xml' } : {}), ...(init.headers as Record<string, string>) } });
}

/** GET as the administrator, PUT the same document back as `authorization`. */
async function putBack(path: string, authorization: string, edit: (xml: string) => string = (xml) => xml): Promise<Response> {
  const xml = await (await call(path, AS_ADMIN)).text();
  return call(path, authorization, { method: 'PUT', body: edit(xml) });
}

function elementTexts(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((match) => match[1]!);
}

async function expectForbidden(response: Response, messagePart: RegExp): Promise<void> {
  expect(response.status).toBe(403);
  const body = await response.text();
  expect(body).toMatch(/^<\?xml[^>]*\?><apiErrors><apiError>/);
  expect(elementTexts(body, 'errorType')).toEqual(['Forbidden']);
  expect(elementTexts(body, 'errorMessage')[0]).toMatch(messagePart);
}

describe('UCCX lab signed in as a supervisor', () => {
  it('refuses a wrong password and an agent with 401, and lets the supervisor in', async () => {
    expect((await call('/adminapi/skill', basic(SUPERVISOR, 'wrong'))).status).toBe(401);
    const agent = seed.agents.find((candidate) => candidate.type === 1)!;
    expect((await call('/adminapi/skill', basic(agent.userID, SUPERVISOR_PASSWORD))).status).toBe(401);
    expect((await call('/adminapi/skill', AS_SUPERVISOR)).status).toBe(200);
  });

  it('lists only the agents of the teams the supervisor supervises, primary or secondary; the administrator sees all', async () => {
    const teams = new Set(teamsSupervisedBy(seed, SUPERVISOR).map((team) => team.teamId));
    expect(teams.size).toBeGreaterThan(0);
    expect(teams.size).toBeLessThan(seed.teams.length);
    const expected = seed.agents.filter((agent) => teams.has(agent.teamId)).map((agent) => agent.userID).sort();
    const listed = elementTexts(await (await call('/adminapi/resource', AS_SUPERVISOR)).text(), 'userID').sort();
    expect(listed).toEqual(expected);
    expect(elementTexts(await (await call('/adminapi/resource', AS_ADMIN)).text(), 'userID')).toHaveLength(seed.agents.length);

    const outsider = seed.agents.find((agent) => !teams.has(agent.teamId))!;
    await expectForbidden(await call(`/adminapi/resource/${outsider.userID}`, AS_SUPERVISOR), /does not supervise/);
  });

  it('answers the supervisor its own capabilities and managed calendars (Cisco\'s <caledarList>), and 403 for anyone else\'s', async () => {
    const own = await (await call(`/adminapi/resource/${SUPERVISOR}/capabilities`, AS_SUPERVISOR)).text();
    expect(own).toContain('<capabilities><resource name=');
    expect(elementTexts(own, 'capability')).toEqual(['CALENDAR_MGMT']);
    const calendars = await (await call(`/adminapi/resource/${SUPERVISOR}/capabilities/calendars`, AS_SUPERVISOR)).text();
    expect(calendars).toMatch(/<caledarList><calendar name="Business Hours"><refURL>http:\/\/[^<]+\/adminapi\/calendar\/1<\/refURL><\/calendar><\/caledarList>/);
    await expectForbidden(await call('/adminapi/resource/sup01/capabilities', AS_SUPERVISOR), /only their own/);
    expect(elementTexts(await (await call('/adminapi/resource/sup01/capabilities', AS_ADMIN)).text(), 'capability')).toEqual(['CAMPAIGN_MGMT', 'APPLICATION_MGMT', 'QUEUE_MGMT', 'CALENDAR_MGMT']);
    // An administrator is not a resource: its own "capabilities" do not exist.
    expect((await call(`/adminapi/resource/${ADMIN.username}/capabilities`, AS_ADMIN)).status).toBe(404);
  });

  it('refuses administrator-only writes with 403 and an adminapi error body, and changes nothing', async () => {
    const skillBefore = lab.store.get('skill', '1');
    await expectForbidden(await putBack('/adminapi/skill/1', AS_SUPERVISOR, (xml) => xml.replace(/<skillName>[^<]*</, '<skillName>Renamed<')), /only administrators may change skills/);
    expect(lab.store.get('skill', '1')).toEqual(skillBefore);
    await expectForbidden(await putBack('/adminapi/team/1', AS_SUPERVISOR), /only administrators may change teams/);
    await expectForbidden(await call('/adminapi/resourceGroup/1', AS_SUPERVISOR, { method: 'DELETE' }), /only administrators may delete resource groups/);
    await expectForbidden(await putBack('/adminapi/csq/1', AS_SUPERVISOR), /queue management capability \(QUEUE_MGMT\) is not granted/);
    // Reading them is allowed.
    for (const path of ['/adminapi/skill', '/adminapi/csq', '/adminapi/team', '/adminapi/resourceGroup', '/adminapi/prompt']) {
      expect((await call(path, AS_SUPERVISOR)).status, path).toBe(200);
    }
  });

  it('reads and changes only the calendars in its list, and no applications without APPLICATION_MGMT', async () => {
    expect(elementTexts(await (await call('/adminapi/calendar', AS_SUPERVISOR)).text(), 'name')).toEqual(['Business Hours']);
    expect((await putBack('/adminapi/calendar/1', AS_SUPERVISOR)).status).toBe(200);
    await expectForbidden(await putBack('/adminapi/calendar/2', AS_SUPERVISOR), /not in the calendar list of supervisor sup02/);
    await expectForbidden(await call('/adminapi/application', AS_SUPERVISOR), /application management capability/);
  });

  it('re-skills an agent of its own team, not one of another team, and may not move an agent away', async () => {
    const teams = new Set(teamsSupervisedBy(seed, SUPERVISOR).map((team) => team.teamId));
    const own = seed.agents.find((agent) => agent.type === 1 && teams.has(agent.teamId) && agent.skills.length > 0)!;
    const outsider = seed.agents.find((agent) => agent.type === 1 && !teams.has(agent.teamId))!;
    const setLevel = (xml: string) => xml.replace(/<competencelevel>\d+</, '<competencelevel>9<');
    expect((await putBack(`/adminapi/resource/${own.userID}`, AS_SUPERVISOR, setLevel)).status).toBe(200);
    expect(elementTexts(await (await call(`/adminapi/resource/${own.userID}`, AS_ADMIN)).text(), 'competencelevel')[0]).toBe('9');
    await expectForbidden(await putBack(`/adminapi/resource/${outsider.userID}`, AS_SUPERVISOR, setLevel), /does not supervise the team/);
    const otherTeam = seed.teams.find((team) => !teams.has(team.teamId))!;
    const moveAway = (xml: string) => xml.replace(/\/adminapi\/team\/\d+</, `/adminapi/team/${otherTeam.teamId}<`);
    await expectForbidden(await putBack(`/adminapi/resource/${own.userID}`, AS_SUPERVISOR, moveAway), /may not move resource/);
  });

  it('lets only an administrator grant capabilities; a granted QUEUE_MGMT opens CSQ updates', async () => {
    const grant = '<capabilities><capabilityList><capability>CALENDAR_MGMT</capability><capability>QUEUE_MGMT</capability></capabilityList></capabilities>';
    await expectForbidden(await call(`/adminapi/resource/${SUPERVISOR}/capabilities`, AS_SUPERVISOR, { method: 'PUT', body: grant }), /only administrators may grant/);
    expect((await call(`/adminapi/resource/${SUPERVISOR}/capabilities`, AS_ADMIN, { method: 'PUT', body: grant.replace('QUEUE_MGMT', 'NOPE') })).status).toBe(400);
    expect((await call(`/adminapi/resource/${SUPERVISOR}/capabilities`, AS_ADMIN, { method: 'PUT', body: grant })).status).toBe(200);
    expect((await putBack('/adminapi/csq/1', AS_SUPERVISOR)).status).toBe(200);
    await expectForbidden(await call('/adminapi/csq/1', AS_SUPERVISOR, { method: 'DELETE' }), /only administrators may delete CSQs/);
    // The calendar list takes either spelling.
    const list = '<calendars><calendarList><calendar name="Always Open"><refURL>/adminapi/calendar/2</refURL></calendar></calendarList></calendars>';
    expect((await call(`/adminapi/resource/${SUPERVISOR}/capabilities/calendars`, AS_ADMIN, { method: 'PUT', body: list })).status).toBe(200);
    expect(lab.grants.get(SUPERVISOR)).toMatchObject({ capabilities: ['CALENDAR_MGMT', 'QUEUE_MGMT'], calendars: ['2'] });
    lab.grants.set(SUPERVISOR, { capabilities: ['CALENDAR_MGMT'], calendars: ['1'] });
  });
});

describe('one world: the UCCX supervisor account is the Finesse and report supervisor of the same teams', () => {
  it('sup02 supervises the same teams in the adminapi, in Finesse and on the report server', async () => {
    const { startLab } = await import('../../lab');
    const full = await startLab({ agents: 80, teams: 6, cucUsers: 0, rate: 0 });
    try {
      const account = full.endpoints.uccxSupervisor;
      const authorization = basic(account.username, account.password);
      const adminapi = await (await fetch(`${account.nodes[0]}/adminapi/resource`, { headers: { authorization } })).text();
      const uccxTeams = new Set([...adminapi.matchAll(/<team name="[^"]*"><refURL>[^<]*\/adminapi\/team\/(\d+)</g)].map((match) => match[1]!));
      const finesse = await (await fetch(`${account.nodes[0]}/finesse/api/User/${account.username}`, { headers: { authorization } })).text();
      const finesseTeams = new Set([...finesse.matchAll(/<Team><id>(\d+)<\/id>/g)].map((match) => match[1]!));
      const reportTeams = new Set(full.reports.snapshot(account.username).map((team: { teamId: string | number }) => String(team.teamId)));
      const seedTeams = new Set(teamsSupervisedBy(full.seed, account.username).map((team) => String(team.teamId)));
      expect(seedTeams.size).toBeGreaterThan(0);
      expect(uccxTeams).toEqual(seedTeams);
      expect(finesseTeams).toEqual(seedTeams);
      expect(reportTeams).toEqual(seedTeams);
    } finally {
      await full.stop();
    }
  });
});
