import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSeed } from '../../lab/seed';
import { createUccxLab, type UccxLab } from '../../lab/uccx';

// Plain fetch and string/JSON checks only: these tests describe the product's
// wire format, independently of any console client code.

const CREDENTIALS = { username: 'ccxadmin', password: 'lab-secret' };
const AUTH = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;
const seed = createSeed();

let lab: UccxLab;
let nodeA: string;
let nodeB: string;

beforeEach(async () => {
  lab = createUccxLab(seed, { credentials: CREDENTIALS });
  await lab.start();
  nodeA = lab.nodes[0].url;
  nodeB = lab.nodes[1].url;
});

afterEach(async () => {
  await lab.stop();
});

function call(path: string, init: RequestInit & { node?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', AUTH);
  return fetch(`${init.node ?? nodeA}${path}`, { ...init, headers });
}

async function getXml(path: string, node?: string): Promise<string> {
  const response = await call(path, { node });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/xml');
  return response.text();
}

async function getJson(path: string, node?: string): Promise<any> {
  const response = await call(path, { node, headers: { accept: 'application/json' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return response.json();
}

function putXml(path: string, body: string, node?: string): Promise<Response> {
  return call(path, { node, method: 'PUT', headers: { 'content-type': 'application/xml' }, body });
}

function putJson(path: string, body: unknown): Promise<Response> {
  return call(path, { method: 'PUT', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
}

function postXml(path: string, body: string): Promise<Response> {
  return call(path, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
}

/** Text of every `<element>` in a document, in order. */
function elementTexts(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((m) => m[1]!);
}

function expectInOrder(xml: string, markers: string[]): void {
  const positions = markers.map((marker) => xml.indexOf(marker));
  for (const [i, position] of positions.entries()) expect(position, `${markers[i]} missing`).toBeGreaterThanOrEqual(0);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

const agent = seed.agents.find((a) => a.type === 1 && a.skills.length >= 2 && a.resourceGroupId !== null)!;
const skillName = (skillId: number) => seed.skills.find((s) => s.skillId === skillId)!.skillName;

describe('UCCX lab: documented shapes', () => {
  it('answers GET resource in XML with the documented elements, order and name/URI pairs on the serving node', async () => {
    const xml = await getXml(`/adminapi/resource/${agent.userID}`);
    expect(xml.startsWith('<?xml')).toBe(true);
    expectInOrder(xml, [
      '<resource>', '<self>', '<resourceId>', '<userID>', '<firstName>', '<lastName>', '<extension>', '<alias>',
      '<resourceGroup name=', '<skillMap>', '<autoAvailable>', '<type>1</type>', '<team name=', '<primarySupervisorOf/>',
      '<secondarySupervisorOf/>', '</resource>',
    ]);
    expect(xml).toContain(`<self>${nodeA}/adminapi/resource/${agent.userID}</self>`);
    expect(xml).toContain(`<userID>${agent.userID}</userID>`);
    const team = seed.teams.find((t) => t.teamId === agent.teamId)!;
    expect(xml).toContain(`<team name="${team.teamname.replace('&', '&amp;')}"><refURL>${nodeA}/adminapi/team/${team.teamId}</refURL></team>`);
    const first = agent.skills[0]!;
    expect(xml).toContain(
      `<skillCompetency><competencelevel>${first.competencelevel}</competencelevel><skillNameUriPair name="${skillName(first.skillId)}"><refURL>${nodeA}/adminapi/skill/${first.skillId}</refURL></skillNameUriPair></skillCompetency>`,
    );
    expect(elementTexts(xml, 'competencelevel')).toHaveLength(agent.skills.length);

    // The other node names itself in every URL.
    const fromB = await getXml(`/adminapi/resource/${agent.userID}`, nodeB);
    expect(fromB).toContain(`<refURL>${nodeB}/adminapi/team/${team.teamId}</refURL>`);
    expect(fromB).not.toContain(nodeA);
  });

  it('answers GET resource in JSON with real numbers and booleans and "@name" pairs', async () => {
    const resource = await getJson(`/adminapi/resource/${agent.userID}`);
    expect(resource.userID).toBe(agent.userID);
    expect(resource.autoAvailable).toBe(agent.autoAvailable);
    expect(resource.type).toBe(1);
    expect(resource.resourceGroup).toEqual({
      '@name': seed.resourceGroups.find((g) => g.id === agent.resourceGroupId)!.name,
      refURL: `${nodeA}/adminapi/resourceGroup/${agent.resourceGroupId}`,
    });
    expect(Array.isArray(resource.skillMap.skillCompetency)).toBe(true);
    expect(resource.skillMap.skillCompetency[0].competencelevel).toBe(agent.skills[0]!.competencelevel);
    expect(resource.skillMap.skillCompetency[0].skillNameUriPair['@name']).toBe(skillName(agent.skills[0]!.skillId));
    expect(resource.primarySupervisorOf).toEqual({});
    expect(resource.secondarySupervisorOf).toEqual({});
  });

  it('answers a team with teamname, the misspelled secondrySupervisor and its member list', async () => {
    const team = seed.teams.find((t) => t.secondarySupervisors.length > 0 && t.primarySupervisor)!;
    const xml = await getXml(`/adminapi/team/${team.teamId}`);
    expectInOrder(xml, ['<team>', '<self>', `<teamId>${team.teamId}</teamId>`, '<teamname>', '<primarySupervisor name=', '<secondarySupervisors>', '<resources>', '<csqs>']);
    expect(xml).toContain(`<teamname>${team.teamname.replace('&', '&amp;')}</teamname>`);
    expect(xml).not.toContain('<teamName>');
    expect(xml).toContain(
      `<secondarySupervisors><secondrySupervisor name="${team.secondarySupervisors[0]}"><refURL>${nodeA}/adminapi/resource/${team.secondarySupervisors[0]}</refURL></secondrySupervisor>`,
    );
    const members = seed.agents.filter((a) => a.teamId === team.teamId).map((a) => a.userID);
    const listed = [...xml.matchAll(/<resource name="([^"]+)"><refURL>[^<]*\/adminapi\/resource\/([^<]+)<\/refURL><\/resource>/g)];
    expect(listed.map((m) => m[1]).sort()).toEqual([...members].sort());

    // The supervisor's own resource lists the team it supervises.
    const supervisor = await getXml(`/adminapi/resource/${team.primarySupervisor}`);
    expect(supervisor).toContain(`<primarySupervisorOf><supervisorOfTeamName name="${team.teamname.replace('&', '&amp;')}">`);
  });

  it('answers a CSQ with poolSpecificInfo/skillGroup (competencelevel, skill pair, weight) and selectionCriteria', async () => {
    const csq = seed.csqs[0]!;
    const xml = await getXml(`/adminapi/csq/${csq.id}`);
    expectInOrder(xml, [
      '<csq>', '<self>', `<id>${csq.id}</id>`, `<name>${csq.name}</name>`, '<queueType>VOICE</queueType>', '<queueAlgorithm>FIFO</queueAlgorithm>',
      '<autoWork>', '<wrapupTime>', '<resourcePoolType>SKILL_GROUP</resourcePoolType>', '<serviceLevel>', '<serviceLevelPercentage>',
      '<poolSpecificInfo><skillGroup><skillCompetency><competencelevel>', '<skillNameUriPair name=', '<weight>1</weight></skillCompetency>',
      `<selectionCriteria>${csq.selectionCriteria}</selectionCriteria></skillGroup></poolSpecificInfo>`,
    ]);
    // Cisco's CSQ samples spell the skill segment with a capital S.
    expect(xml).toContain(`<refURL>${nodeA}/adminapi/Skill/${csq.skills[0]!.skillId}</refURL>`);
    const json = await getJson(`/adminapi/csq/${csq.id}`);
    expect(json.wrapupTime).toBe(csq.wrapupTime);
    expect(json.autoWork).toBe(csq.autoWork);
    expect(json.poolSpecificInfo.skillGroup.skillCompetency[0].weight).toBe(1);
  });

  it('answers an application by name with ScriptApplication/script and scriptParams name, value, type', async () => {
    const application = seed.applications[0]!;
    const xml = await getXml(`/adminapi/application/${application.applicationName}`);
    expectInOrder(xml, ['<application>', '<self>', '<ScriptApplication>', `<script>${application.scriptName}</script>`, '<scriptParams>', `<id>${application.id}</id>`, '<applicationName>', '<maxsession>', '<enabled>true</enabled>']);
    const parameter = application.scriptParams[0]!;
    expect(xml).toContain(`<scriptParams><name>${parameter.name}</name><value>${parameter.value}</value><type>${parameter.type}</type></scriptParams>`);
    expect(elementTexts(xml, 'name')).toHaveLength(application.scriptParams.length);
  });

  it('answers lists under plural XML roots and JSON keyed by the singular type, a one-item list as a bare object', async () => {
    const skills = await getXml('/adminapi/skill');
    expect(skills).toMatch(/^<\?xml[^>]*\?><skills><skill><self>/);
    expect(elementTexts(skills, 'skillName')).toHaveLength(seed.skills.length);
    const resources = await getXml('/adminapi/resource');
    expect(resources).toContain('<resources><resource><self>');
    expect(elementTexts(resources, 'userID')).toHaveLength(seed.agents.length);
    for (const root of ['csqs', 'teams', 'resourceGroups', 'applications', 'calendars']) {
      const xml = await getXml(`/adminapi/${root.slice(0, -1)}`);
      expect(xml).toContain(`<${root}><${root.slice(0, -1)}>`);
    }

    const skillList = await getJson('/adminapi/skill');
    expect(Array.isArray(skillList.skill)).toBe(true);
    expect(skillList.skill).toHaveLength(seed.skills.length);
    expect(skillList.skill[0].skillId).toBe(1);

    expect(seed.calendars).toHaveLength(2);
    expect((await call('/adminapi/calendar/2', { method: 'DELETE' })).status).toBe(200);
    const calendars = await getJson('/adminapi/calendar');
    expect(Array.isArray(calendars.calendar)).toBe(false);
    expect(calendars.calendar.name).toBe(seed.calendars[0]!.name);
  });
});

describe('UCCX lab: authentication and status codes', () => {
  it('refuses missing or wrong Basic credentials with 401 and a Basic challenge', async () => {
    const anonymous = await fetch(`${nodeA}/adminapi/skill`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="UCCX"');
    const wrong = await call('/adminapi/skill', { headers: { authorization: `Basic ${Buffer.from('ccxadmin:nope').toString('base64')}` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('<apiErrors><apiError><errorType>');
    const anonymousWrite = await fetch(`${nodeA}/adminapi/skill`, { method: 'POST', body: '<skill><skillName>X</skillName></skill>' });
    expect(anonymousWrite.status).toBe(401);
    expect(lab.store.count('skill')).toBe(seed.skills.length);
  });

  it('creates with POST: 201, the new URL in the body and Location, then the object is readable', async () => {
    const response = await postXml('/adminapi/skill', '<skill><skillName>Mandarin</skillName></skill>');
    expect(response.status).toBe(201);
    const url = await response.text();
    expect(url).toBe(`${nodeA}/adminapi/skill/${seed.skills.length + 1}`);
    expect(response.headers.get('location')).toBe(url);
    const created = await getXml(new URL(url).pathname);
    expect(created).toContain('<skillName>Mandarin</skillName>');
    expect(created).toContain(`<skillId>${seed.skills.length + 1}</skillId>`);

    const team = await call('/adminapi/team', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ teamname: 'Weekend Crew', primarySupervisor: { '@name': 'sup01', refURL: `${nodeB}/adminapi/resource/sup01` } }),
    });
    expect(team.status).toBe(201);
    const teamView = await getJson(new URL(await team.text()).pathname);
    expect(teamView.teamname).toBe('Weekend Crew');
    expect(teamView.primarySupervisor.refURL).toBe(`${nodeA}/adminapi/resource/sup01`);
  });

  it('refuses a duplicate name on create with 409', async () => {
    const response = await postXml('/adminapi/skill', `<skill><skillName>${seed.skills[0]!.skillName}</skillName></skill>`);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('<errorType>Conflict</errorType>');
    const team = await postXml('/adminapi/team', `<team><teamname>${seed.teams[1]!.teamname}</teamname></team>`);
    expect(team.status).toBe(409);
    expect(lab.store.count('team')).toBe(seed.teams.length);
  });

  it('answers 404 for unknown ids', async () => {
    expect((await call('/adminapi/resource/nobody.here')).status).toBe(404);
    expect((await call('/adminapi/skill/9999')).status).toBe(404);
    expect((await call('/adminapi/team/999', { headers: { accept: 'application/json' } })).status).toBe(404);
    const missing = await putXml('/adminapi/skill/9999', '<skill><skillName>Ghost</skillName></skill>');
    expect(missing.status).toBe(404);
    expect((await call('/adminapi/csq/999', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses to create or delete agents (405): they come from Unified CM', async () => {
    const create = await postXml('/adminapi/resource', '<resource><userID>newbie</userID></resource>');
    expect(create.status).toBe(405);
    expect(create.headers.get('allow')).not.toContain('POST');
    const remove = await call(`/adminapi/resource/${agent.userID}`, { method: 'DELETE' });
    expect(remove.status).toBe(405);
    expect(lab.store.count('resource')).toBe(seed.agents.length);
  });

  it('encodes and decodes resource ids with special characters', async () => {
    lab.store.create('resource', {
      userID: "o'brien.jr+1@corp",
      firstName: 'Sean',
      lastName: "O'Brien",
      extension: '4999',
      team: { refURL: '/adminapi/team/1' },
    });
    const path = `/adminapi/resource/${encodeURIComponent("o'brien.jr+1@corp")}`;
    const json = await getJson(path);
    expect(json.userID).toBe("o'brien.jr+1@corp");
    expect(json.self).toBe(`${nodeA}${path}`);
  });
});

describe('UCCX lab: validation', () => {
  async function resourceXml(): Promise<string> {
    return getXml(`/adminapi/resource/${agent.userID}`);
  }

  it('refuses competence levels outside 1-10 with 400 and an apiErrors body, leaving the agent unchanged', async () => {
    const original = await resourceXml();
    for (const level of ['11', '0', 'seven']) {
      const changed = original.replace(/<competencelevel>\d+<\/competencelevel>/, `<competencelevel>${level}</competencelevel>`);
      const response = await putXml(`/adminapi/resource/${agent.userID}`, changed);
      expect(response.status).toBe(400);
      const body = await response.text();
      expect(body).toMatch(/<apiErrors><apiError><errorType>[^<]+<\/errorType><errorData>[^<]*competencelevel<\/errorData><errorMessage>[^<]+<\/errorMessage><\/apiError><\/apiErrors>/);
    }
    const jsonError = await putJson(`/adminapi/resource/${agent.userID}`, { ...(await getJson(`/adminapi/resource/${agent.userID}`)), skillMap: { skillCompetency: [{ competencelevel: 12, skillNameUriPair: { refURL: `${nodeA}/adminapi/skill/1` } }] } });
    expect(jsonError.status).toBe(400);
    expect((await jsonError.json()).apiError[0].errorMessage).toContain('competencelevel');
    expect(await resourceXml()).toBe(original);
  });

  it('accepts 50 skills per agent and refuses 51', async () => {
    for (let i = seed.skills.length; i < 51; i++) lab.store.create('skill', { skillName: `Extra_${i}` });
    const competency = (skillId: number) => `<skillCompetency><competencelevel>5</competencelevel><skillNameUriPair name="x"><refURL>${nodeA}/adminapi/skill/${skillId}</refURL></skillNameUriPair></skillCompetency>`;
    const original = await resourceXml();
    const withSkills = (count: number) =>
      original.replace(/<skillMap>.*<\/skillMap>/, `<skillMap>${Array.from({ length: count }, (_, i) => competency(i + 1)).join('')}</skillMap>`);
    const tooMany = await putXml(`/adminapi/resource/${agent.userID}`, withSkills(51));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain('50');
    const fifty = await putXml(`/adminapi/resource/${agent.userID}`, withSkills(50));
    expect(fifty.status).toBe(200);
    expect(elementTexts(await resourceXml(), 'competencelevel')).toHaveLength(50);
  });

  it('refuses references to a missing skill, team or resource group', async () => {
    const original = await resourceXml();
    const badSkill = original.replace(/\/adminapi\/skill\/\d+</, '/adminapi/skill/777<');
    const badTeam = original.replace(/\/adminapi\/team\/\d+</, '/adminapi/team/404<');
    const badGroup = original.replace(/\/adminapi\/resourceGroup\/\d+</, '/adminapi/resourceGroup/55<');
    const wrongType = original.replace(/\/adminapi\/team\/\d+</, '/adminapi/skill/1<');
    for (const body of [badSkill, badTeam, badGroup, wrongType]) {
      expect(body).not.toBe(original);
      const response = await putXml(`/adminapi/resource/${agent.userID}`, body);
      expect(response.status).toBe(400);
    }
    const csq = await postXml(
      '/adminapi/csq',
      `<csq><name>Broken</name><queueType>VOICE</queueType><queueAlgorithm>FIFO</queueAlgorithm><resourcePoolType>SKILL_GROUP</resourcePoolType><poolSpecificInfo><skillGroup><skillCompetency><competencelevel>3</competencelevel><skillNameUriPair name="None"><refURL>${nodeA}/adminapi/skill/999</refURL></skillNameUriPair><weight>1</weight></skillCompetency><selectionCriteria>Most Skilled</selectionCriteria></skillGroup></poolSpecificInfo></csq>`,
    );
    expect(csq.status).toBe(400);
    expect(await resourceXml()).toBe(original);
  });

  it('refuses missing required elements and malformed XML or JSON with 400', async () => {
    const original = await resourceXml();
    const withoutTeam = original.replace(/<team name="[^"]*"><refURL>[^<]*<\/refURL><\/team>/, '');
    expect(withoutTeam).not.toBe(original);
    expect((await putXml(`/adminapi/resource/${agent.userID}`, withoutTeam)).status).toBe(400);
    expect((await postXml('/adminapi/skill', '<skill><skillId>99</skillId></skill>')).status).toBe(400);
    expect((await postXml('/adminapi/csq', '<csq><name>NoPool</name><queueType>VOICE</queueType><queueAlgorithm>FIFO</queueAlgorithm><resourcePoolType>SKILL_GROUP</resourcePoolType></csq>')).status).toBe(400);
    const malformedXml = await putXml(`/adminapi/resource/${agent.userID}`, original.slice(0, -20));
    expect(malformedXml.status).toBe(400);
    expect(await malformedXml.text()).toContain('Malformed');
    const malformedJson = await call('/adminapi/skill', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"skillName": "Half' });
    expect(malformedJson.status).toBe(400);
    expect((await malformedJson.json()).apiError[0].errorType).toBe('Malformed Request');
    expect(await resourceXml()).toBe(original);
  });
});

describe('UCCX lab: full-object PUT', () => {
  it('keeps unknown elements and drops omitted ones (XML)', async () => {
    const original = await getXml(`/adminapi/resource/${agent.userID}`);
    expect(original).toContain('<alias>');
    const changed = original
      .replace(/<alias>[^<]*<\/alias>/, '')
      .replace('<autoAvailable>', '<deskNote lang="en"><line>Window seat</line><line>Headset B</line></deskNote><autoAvailable>');
    const response = await putXml(`/adminapi/resource/${agent.userID}`, changed);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const after = await getXml(`/adminapi/resource/${agent.userID}`);
    expect(after).not.toContain('<alias>');
    expect(after).toContain('<deskNote lang="en"><line>Window seat</line><line>Headset B</line></deskNote>');
    // Names, extension and type come from Unified CM: omitting or changing them changes nothing.
    const withoutNames = after.replace(/<firstName>[^<]*<\/firstName>/, '').replace('<type>1</type>', '<type>2</type>');
    expect((await putXml(`/adminapi/resource/${agent.userID}`, withoutNames)).status).toBe(200);
    const final = await getXml(`/adminapi/resource/${agent.userID}`);
    expect(final).toContain(`<firstName>${agent.firstName}</firstName>`);
    expect(final).toContain('<type>1</type>');
  });

  it('re-skills an agent with the documented JSON body and keeps unknown JSON elements', async () => {
    const teamId = agent.teamId;
    const body = {
      self: `${nodeA}/adminapi/resource/${agent.userID}`,
      userID: agent.userID,
      alias: 'Desk 7',
      resourceGroup: { '@name': 'ignored', refURL: `${nodeB}/adminapi/resourceGroup/3` },
      skillMap: {
        skillCompetency: [
          { competencelevel: 7, skillNameUriPair: { '@name': 'Billing', refURL: `${nodeA}/adminapi/skill/1` } },
          { competencelevel: 4, skillNameUriPair: { '@name': 'Spanish', refURL: `${nodeA}/adminapi/skill/5` } },
        ],
      },
      autoAvailable: false,
      type: 1,
      team: { '@name': 'whatever', refURL: `${nodeA}/adminapi/team/${teamId}` },
      wallboard: { pinned: true, slot: 3 },
    };
    const response = await putJson(`/adminapi/resource/${agent.userID}`, body);
    expect(response.status).toBe(200);
    const after = await getJson(`/adminapi/resource/${agent.userID}`);
    expect(after.skillMap.skillCompetency.map((s: any) => [s.skillNameUriPair['@name'], s.competencelevel])).toEqual([
      [skillName(1), 7],
      [skillName(5), 4],
    ]);
    expect(after.resourceGroup).toEqual({ '@name': seed.resourceGroups[2]!.name, refURL: `${nodeA}/adminapi/resourceGroup/3` });
    expect(after.alias).toBe('Desk 7');
    expect(after.autoAvailable).toBe(false);
    expect(after.wallboard).toEqual({ pinned: true, slot: 3 });
  });

  it('shows a renamed skill under its new name wherever it is referenced', async () => {
    const skillId = agent.skills[0]!.skillId;
    const response = await putXml(`/adminapi/skill/${skillId}`, `<skill><skillId>${skillId}</skillId><skillName>Renamed_Skill</skillName></skill>`);
    expect(response.status).toBe(200);
    const resource = await getXml(`/adminapi/resource/${agent.userID}`);
    expect(resource).toContain(`<skillNameUriPair name="Renamed_Skill"><refURL>${nodeA}/adminapi/skill/${skillId}</refURL>`);
  });

  it('refuses changing an id through the body', async () => {
    const response = await putXml('/adminapi/skill/2', '<skill><skillId>3</skillId><skillName>Sales</skillName></skill>');
    expect(response.status).toBe(400);
  });

  it('deletes unused objects and refuses to delete referenced ones with 409', async () => {
    const usedSkill = agent.skills[0]!.skillId;
    expect((await call(`/adminapi/skill/${usedSkill}`, { method: 'DELETE' })).status).toBe(409);
    const created = await postXml('/adminapi/skill', '<skill><skillName>Temporary</skillName></skill>');
    const path = new URL(await created.text()).pathname;
    const removed = await call(path, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect((await call(path)).status).toBe(404);
  });
});

describe('UCCX lab: team membership and CSQ queries', () => {
  it('moves an agent between team member lists when resource.team changes', async () => {
    const from = seed.teams.find((t) => t.teamId === agent.teamId)!;
    const to = seed.teams.find((t) => t.teamId !== agent.teamId)!;
    const original = await getXml(`/adminapi/resource/${agent.userID}`);
    const moved = original.replace(/<team name="[^"]*"><refURL>[^<]*<\/refURL><\/team>/, `<team name="${to.teamname}"><refURL>${nodeA}/adminapi/team/${to.teamId}</refURL></team>`);
    expect((await putXml(`/adminapi/resource/${agent.userID}`, moved)).status).toBe(200);
    const toXml = await getXml(`/adminapi/team/${to.teamId}`);
    const fromXml = await getXml(`/adminapi/team/${from.teamId}`);
    expect(toXml).toContain(`<resource name="${agent.userID}">`);
    expect(fromXml).not.toContain(`<resource name="${agent.userID}">`);
  });

  it('moves agents when a team PUT lists them, and sends agents left out to the Default team', async () => {
    const team = seed.teams[2]!;
    const newcomer = seed.agents.find((a) => a.type === 1 && a.teamId !== team.teamId)!;
    const leaver = seed.agents.find((a) => a.type === 1 && a.teamId === team.teamId)!;
    const teamJson = await getJson(`/adminapi/team/${team.teamId}`);
    const members = teamJson.resources.resource.filter((r: any) => r['@name'] !== leaver.userID);
    members.push({ '@name': newcomer.userID, refURL: `${nodeA}/adminapi/resource/${newcomer.userID}` });
    expect((await putJson(`/adminapi/team/${team.teamId}`, { ...teamJson, resources: { resource: members } })).status).toBe(200);

    const newcomerJson = await getJson(`/adminapi/resource/${newcomer.userID}`);
    expect(newcomerJson.team.refURL).toBe(`${nodeA}/adminapi/team/${team.teamId}`);
    const leaverJson = await getJson(`/adminapi/resource/${leaver.userID}`);
    expect(leaverJson.team['@name']).toBe('Default');
    const after = await getJson(`/adminapi/team/${team.teamId}`);
    expect(after.resources.resource.map((r: any) => r['@name']).sort()).toEqual(members.map((m: any) => m['@name']).sort());

    // A PUT without the resources element leaves membership alone.
    const { resources: _omitted, ...withoutResources } = after;
    expect((await putJson(`/adminapi/team/${team.teamId}`, { ...withoutResources, teamname: 'Renamed Team' })).status).toBe(200);
    const renamed = await getJson(`/adminapi/team/${team.teamId}`);
    expect(renamed.teamname).toBe('Renamed Team');
    expect(renamed.resources.resource).toHaveLength(members.length);
  });

  it('refuses a team supervisor who is not a supervisor', async () => {
    const response = await postXml('/adminapi/team', `<team><teamname>Bad</teamname><primarySupervisor name="x"><refURL>${nodeA}/adminapi/resource/${agent.userID}</refURL></primarySupervisor></team>`);
    expect(response.status).toBe(400);
  });

  it('lists the agents that can serve a CSQ (?csqid=) and adds csqMap with ?withCsqs', async () => {
    const csq = seed.csqs[1]!;
    const requirement = csq.skills[0]!;
    const expected = seed.agents
      .filter((a) => a.skills.some((s) => s.skillId === requirement.skillId && s.competencelevel >= requirement.competencelevel))
      .map((a) => a.userID);
    expect(expected.length).toBeGreaterThan(0);
    const xml = await getXml(`/adminapi/resource?csqid=${csq.id}`);
    expect(elementTexts(xml, 'userID').sort()).toEqual([...expected].sort());
    expect(xml).not.toContain('<csqMap>');

    const servingAgent = seed.agents.find((a) => a.userID === expected[0])!;
    const expectedCsqs = seed.csqs
      .filter((c) => c.skills.every((cs) => servingAgent.skills.some((s) => s.skillId === cs.skillId && s.competencelevel >= cs.competencelevel)))
      .map((c) => c.name);
    const one = await getJson(`/adminapi/resource/${servingAgent.userID}?withCsqs`);
    const csqMap = Array.isArray(one.csqMap.csq) ? one.csqMap.csq : [one.csqMap.csq];
    expect(csqMap.map((c: any) => c['@name']).sort()).toEqual([...expectedCsqs].sort());
    expect(csqMap[0].refURL).toMatch(new RegExp(`^${nodeA}/adminapi/csq/\\d+$`));

    const all = await getXml('/adminapi/resource?withCsqs');
    expect((all.match(/<csqMap[ >/]/g) ?? []).length).toBe(seed.agents.length);
    expect((await call('/adminapi/resource?csqid=999')).status).toBe(404);
  });
});
