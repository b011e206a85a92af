import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { agentFields, changedFields, type UccxAgent } from '../../shared/domain/uccx';
import { startUccxStack, waitFor, type UccxStack } from './uccx-support';
import type { UccxEdit } from '../../electron/services/uccx/service';

let lab: Lab;
let stack: UccxStack | null = null;

beforeAll(async () => {
  lab = await startLab({ agents: 400 });
});
afterAll(async () => {
  await lab.stop();
});
afterEach(async () => {
  await stack?.stop();
  stack = null;
  // Every test leaves the pair healthy for the next.
  for (const node of lab.uccx.nodes) {
    node.resume();
    await node.start();
  }
  lab.uccx.setDbMaster('a');
});

/** The lab's own view of an agent's skills: skillId → level. */
function labSkills(userID: string): Map<string, number> {
  const resource = lab.uccx.store.get('resource', userID)!;
  const map = resource.skillMap as { skillCompetency?: Array<{ competencelevel: number; skillNameUriPair: { refURL: string } }> };
  return new Map((map.skillCompetency ?? []).map((c) => [c.skillNameUriPair.refURL.split('/').pop()!, c.competencelevel]));
}

/** An edit that sets one skill level on an agent, as the editors build it. */
function reskill(agent: UccxAgent, skillId: string, level: number | null): UccxEdit {
  const before = agentFields(agent);
  const after = { ...before, [`skill/${skillId}`]: level };
  const { base, mine } = changedFields(before, after);
  return { type: 'resource', id: agent.userID, operation: 'update', label: `Agent ${agent.userID}`, base, mine };
}

function unusedSkill(agent: UccxAgent, skills: Array<{ id: string }>): string {
  return skills.find((skill) => !agent.skills.some((s) => s.skillId === skill.id))!.id;
}

describe('UCCX client and write-behind queue against the lab', () => {
  it('loads the whole configuration with one request per list', async () => {
    stack = await startUccxStack(lab);
    const before = stack.service.client.requestCount;
    const config = await stack.service.loadConfig();
    expect(config.agents).toHaveLength(lab.seed.agents.length);
    expect(config.skills).toHaveLength(lab.seed.skills.length);
    expect(config.csqs).toHaveLength(lab.seed.csqs.length);
    expect(config.teams.length).toBeGreaterThanOrEqual(lab.seed.teams.length);
    expect(config.source).toBe('live');
    expect(config.node).toBe(new URL(lab.endpoints.uccx.nodes[0]).host);
    // 8 lists and the account's capabilities, plus at most a few master probes that may fall in the window.
    expect(stack.service.client.requestCount - before).toBeLessThanOrEqual(13);
    expect(stack.service.state().mode).toBe('ok');
  });

  it('re-skills one agent, keeping elements the console does not model', async () => {
    stack = await startUccxStack(lab);
    const userID = lab.seed.agents[3]!.userID;
    // An element this console has never heard of, set behind its back.
    lab.uccx.store.update('resource', userID, (tree) => {
      tree.customerTier = { '@level': 'gold', '#text': 'keep me' };
    });
    const config = await stack.service.loadConfig();
    const agent = config.agents.find((a) => a.userID === userID)!;
    const skillId = unusedSkill(agent, config.skills);
    const [change] = stack.service.submit([reskill(agent, skillId, 7)]);
    await waitFor(() => stack!.hub.journal!.get(change!.id)?.state === 'applied' || !stack!.hub.journal!.get(change!.id), 5000, 'apply');
    expect(labSkills(userID).get(skillId)).toBe(7);
    // The other skills and the unknown element are untouched.
    for (const skill of agent.skills) expect(labSkills(userID).get(skill.skillId)).toBe(skill.level);
    expect(lab.uccx.store.get('resource', userID)!.customerTier).toEqual({ '@level': 'gold', '#text': 'keep me' });
  });

  it('re-skills 50 agents in bulk, each exactly once', async () => {
    stack = await startUccxStack(lab);
    const config = await stack.service.loadConfig();
    const agents = config.agents.filter((a) => a.type === 1).slice(10, 60);
    const skillId = config.skills[0]!.id;
    const edits = agents.map((agent) => reskill(agent, skillId, 9));
    let writes = 0;
    const onChange = (change: { entity: string; kind: string }) => {
      if (change.entity === 'resource' && change.kind === 'updated') writes++;
    };
    lab.uccx.store.on('change', onChange);
    const started = Date.now();
    const changes = stack.service.submit(edits);
    expect(changes).toHaveLength(50);
    await waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 20_000, 'bulk drain');
    lab.uccx.store.off('change', onChange);
    for (const agent of agents) expect(labSkills(agent.userID).get(skillId)).toBe(9);
    // Agents that already had level 9 need no write; every other one exactly one.
    const alreadyNine = agents.filter((a) => a.skills.some((s) => s.skillId === skillId && s.level === 9)).length;
    expect(writes).toBe(50 - alreadyNine);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('primary stopped: reads from the secondary, edits queue, and drain when the primary is back', async () => {
    stack = await startUccxStack(lab);
    const config = await stack.service.loadConfig();
    await lab.uccx.nodes[0].stop();
    await waitFor(() => stack!.service.state().mode === 'read-only', 3000, 'read-only');
    expect(stack.service.state().detail).toMatch(/^UCCX read-only: .+ unreachable since \d\d:\d\d \(connection refused\)$/);

    const reread = await stack.service.loadConfig();
    expect(reread.source).toBe('live');
    expect(reread.node).toBe(new URL(lab.endpoints.uccx.nodes[1]).host);

    const agent = config.agents.find((a) => a.type === 1 && a.userID !== lab.seed.agents[3]!.userID)!;
    const skillId = unusedSkill(agent, config.skills);
    stack.service.submit([reskill(agent, skillId, 4)]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(labSkills(agent.userID).has(skillId)).toBe(false);
    expect(stack.service.state().detail).toMatch(/; 1 change waiting$/);

    await lab.uccx.nodes[0].start();
    await waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 5000, 'drain');
    expect(labSkills(agent.userID).get(skillId)).toBe(4);
    expect(stack.service.state().mode).toBe('ok');
  });

  it('both nodes down: edits queue and the editors get the cached configuration', async () => {
    stack = await startUccxStack(lab);
    const config = await stack.service.loadConfig();
    await Promise.all(lab.uccx.nodes.map((node) => node.stop()));
    await waitFor(() => stack!.service.state().mode === 'offline', 3000, 'offline');
    const cached = await stack.service.loadConfig();
    expect(cached.source).toBe('cache');
    expect(cached.agents).toHaveLength(config.agents.length);
    expect(stack.service.state().detail).toMatch(/^UCCX unreachable: .*showing data as of \d\d:\d\d/);

    const agent = config.agents[20]!;
    const [change] = stack.service.submit([{ ...reskill(agent, unusedSkill(agent, config.skills), 2) }]);
    expect(stack.hub.journal!.get(change!.id)?.state).toBe('queued');
    await Promise.all(lab.uccx.nodes.map((node) => node.start()));
    await waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 5000, 'drain');
  });

  it('primary hung: the configuration still loads from the secondary within a bounded time', async () => {
    stack = await startUccxStack(lab);
    lab.uccx.nodes[0].hang();
    await waitFor(() => !stack!.service.client.health().nodes[0]!.reachable, 3000, 'hung node noticed');
    const started = Date.now();
    const config = await stack.service.loadConfig();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(config.source).toBe('live');
    expect(stack.service.state().mode).toBe('read-only');
    expect(stack.service.state().detail).toContain('not answering');
  });

  it('both nodes claiming master: read-only with a warning, nothing written', async () => {
    stack = await startUccxStack(lab);
    const config = await stack.service.loadConfig();
    lab.uccx.setDbMaster('both');
    await waitFor(() => stack!.service.state().mode === 'read-only', 3000, 'island mode');
    expect(stack.service.state().detail).toContain('claim to be database master');
    const agent = config.agents[30]!;
    const skillId = unusedSkill(agent, config.skills);
    stack.service.submit([reskill(agent, skillId, 5)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(labSkills(agent.userID).has(skillId)).toBe(false);
    lab.uccx.setDbMaster('a');
    await waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 5000, 'drain');
    expect(labSkills(agent.userID).get(skillId)).toBe(5);
  });

  it('a change made behind the console’s back is a conflict and is not overwritten', async () => {
    stack = await startUccxStack(lab);
    const config = await stack.service.loadConfig();
    const agent = config.agents.find((a) => a.type === 1 && a.skills.length > 0 && a.userID !== lab.seed.agents[3]!.userID)!;
    const skill = agent.skills[0]!;
    lab.uccx.setDbMaster('none');
    await waitFor(() => stack!.service.state().mode === 'read-only', 3000, 'read-only');
    const [change] = stack.service.submit([reskill(agent, skill.skillId, skill.level === 10 ? 1 : skill.level + 1)]);
    // Someone else changes the same skill directly on UCCX.
    const theirs = skill.level === 3 ? 6 : 3;
    lab.uccx.store.update('resource', agent.userID, (tree) => {
      const map = tree.skillMap as { skillCompetency: Array<{ competencelevel: number; skillNameUriPair: { refURL: string } }> };
      for (const c of map.skillCompetency) if (c.skillNameUriPair.refURL.endsWith(`/${skill.skillId}`)) c.competencelevel = theirs;
    });
    lab.uccx.setDbMaster('a');
    await waitFor(() => stack!.hub.journal!.get(change!.id)?.state === 'conflicted', 5000, 'conflict');
    const conflicted = stack.hub.journal!.get(change!.id)!;
    expect(conflicted.theirs).toEqual({ [`skill/${skill.skillId}`]: theirs });
    expect(conflicted.base).toEqual({ [`skill/${skill.skillId}`]: skill.level });
    expect(labSkills(agent.userID).get(skill.skillId)).toBe(theirs);

    // Reapplying mine after seeing theirs writes it.
    stack.hub.journal!.resolve(change!.id, { kind: 'reapply-mine' });
    await waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 5000, 'reapply');
    expect(labSkills(agent.userID).get(skill.skillId)).toBe(conflicted.mine[`skill/${skill.skillId}`]);
  });

  it('a refusal by UCCX fails the change with the server’s message', async () => {
    stack = await startUccxStack(lab);
    const config = await stack.service.loadConfig();
    const agent = config.agents[40]!;
    // The console's own check refuses a 40-character alias before queuing; queued straight into the journal, UCCX's refusal is what shows.
    expect(() => stack!.service.submit([{ type: 'resource', id: agent.userID, operation: 'update', label: 'Agent', base: { alias: agent.alias }, mine: { alias: 'x'.repeat(40) } }])).toThrow(/31 characters/);
    const change = stack.hub.require().enqueue({ ref: { system: 'uccx', type: 'resource', id: agent.userID }, operation: 'update', label: 'Agent', base: { alias: agent.alias }, mine: { alias: 'x'.repeat(40) }, user: 'administrator' });
    await waitFor(() => stack!.hub.journal!.get(change!.id)?.state === 'failed', 5000, 'failure');
    expect(stack.hub.journal!.get(change!.id)!.lastError).toMatch(/HTTP 400.*31 characters/);
  });

  it('creates, renames and deletes a skill; queues a prompt upload and refuses a bad file', async () => {
    stack = await startUccxStack(lab);
    await stack.service.loadConfig();
    const [created] = stack.service.submit([{ type: 'skill', id: 'Klingon', operation: 'create', label: 'Skill Klingon', base: {}, mine: { name: 'Klingon' } }]);
    await waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 5000, 'create');
    const skillId = lab.uccx.store.ids('skill').find((id) => lab.uccx.store.displayName('skill', id) === 'Klingon');
    expect(skillId, `created ${created!.id}`).toBeDefined();
    stack.service.submit([{ type: 'skill', id: skillId!, operation: 'update', label: 'Skill Klingon', base: { name: 'Klingon' }, mine: { name: 'Vulcan' } }]);
    await waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 5000, 'rename');
    expect(lab.uccx.store.displayName('skill', skillId!)).toBe('Vulcan');
    stack.service.submit([{ type: 'skill', id: skillId!, operation: 'delete', label: 'Skill Vulcan', base: { name: 'Vulcan' }, mine: {} }]);
    await waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 5000, 'delete');
    expect(lab.uccx.store.exists('skill', skillId!)).toBe(false);

    const { createToneWav } = await import('../../lab/uccx');
    const wav = createToneWav(300, 500);
    stack.service.queuePromptUpload('/en_US/', 'hello.wav', wav, null);
    await waitFor(() => stack!.hub.journal!.counts('uccx').waiting === 0, 5000, 'upload');
    expect(lab.uccx.store.promptAudio('/en_US/hello.wav')?.equals(wav)).toBe(true);
    expect((await stack.service.promptAudio('/en_US/', 'hello.wav')).equals(wav)).toBe(true);
    expect(() => stack!.service.queuePromptUpload('/en_US/', 'bad.wav', Buffer.from('not audio at all'), null)).toThrow(/not a WAVE/);
  });
});
