import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import type { UccxAgent } from '../../shared/domain/uccx';
import { describeNode } from '../../shared/domain/status';
import { uccxServerState, type UccxEdit } from '../../electron/services/uccx/service';
import { cupiServerState } from '../../electron/services/cupi/service';
import { startUccxStack, waitFor, type UccxStack } from './uccx-support';
import { startCupiHarness, type CupiHarness } from './cupi-harness';

/**
 * Faults named truthfully, node by node, with the default probe timeouts
 * (1 s floor, 3 × the last answer time, 10 s ceiling): a slow node is slow
 * and keeps taking writes, a node answering 500 is "answering with errors",
 * a hung node is "not answering" and read around in about 2.5 s, and a
 * write is preceded by a fresh isDBMaster of both nodes.
 */
let lab: Lab;
let stack: UccxStack | null = null;

beforeAll(async () => {
  lab = await startLab({ agents: 60, rate: 0 });
});
afterAll(async () => {
  await lab.stop();
});
afterEach(async () => {
  await stack?.stop();
  stack = null;
  await lab.clearFaults();
});

function aliasEdit(agent: UccxAgent, alias: string): UccxEdit {
  return { type: 'resource', id: agent.userID, operation: 'update', label: `Agent ${agent.userID}`, base: { alias: agent.alias }, mine: { alias } };
}

/** Successful writes the lab answered for one agent. */
function agentWrites(userID: string): number {
  return lab.writes(`/adminapi/resource/${userID}`).filter((w) => w.status < 300).length;
}

function labAlias(userID: string): unknown {
  return lab.uccx.store.get('resource', userID)?.alias;
}

/** Default probe timeouts; only the poll period is shortened so the tests do not wait 5 s per step. */
const DEFAULT_TIMEOUTS = { pollIntervalMs: 400, probeTimeoutMs: undefined, readTimeoutMs: undefined };

describe('UCCX nodes under faults', () => {
  it('1.5 s latency on every node: both nodes are slow, not "not answering", and writes keep going', async () => {
    stack = await startUccxStack(lab, DEFAULT_TIMEOUTS);
    const config = await stack.service.loadConfig();
    for (const node of lab.uccx.nodes) node.latencyMs = 1500;
    await waitFor(() => stack!.service.state().nodes.every((n) => n.condition.kind === 'slow'), 12_000, 'both nodes slow');
    const state = stack.service.state();
    expect(state.mode).toBe('ok');
    expect(state.detail).toMatch(/^UCCX: writing to \S+, which is slow \(1\.5 s\); \S+ slow \(1\.5 s, standby\)$/);
    expect(uccxServerState(state)).toBe('degraded');
    expect(describeNode(state.nodes[0]!.condition).word).toBe('Slow (1.5 s)');

    const agent = config.agents[5]!;
    stack.service.submit([aliasEdit(agent, 'Slow Alias')]);
    await waitFor(() => labAlias(agent.userID) === 'Slow Alias', 15_000, 'write through a slow master');
    // It stayed slow and writable the whole time it was written.
    expect(stack.service.state().mode).toBe('ok');
    expect(agentWrites(agent.userID)).toBe(1);
  }, 40_000);

  it('HTTP 500 on the primary: "answering with errors (HTTP 500)", not "unreachable"; reads from the secondary; the edit waits and is written once', async () => {
    stack = await startUccxStack(lab, DEFAULT_TIMEOUTS);
    const config = await stack.service.loadConfig();
    lab.uccx.nodes[0].failWith500 = true;
    await waitFor(() => stack!.service.state().mode === 'read-only', 5000, 'read-only');
    const state = stack.service.state();
    expect(state.detail).toMatch(/^UCCX read-only: \S+ answering with errors \(HTTP 500\) since \d\d:\d\d$/);
    expect(state.detail).not.toContain('unreachable');
    expect(state.nodes[0]!.condition).toMatchObject({ kind: 'errors', httpStatus: 500 });
    expect(state.nodes[1]!.condition.kind).toBe('not-master');

    const reread = await stack.service.loadConfig();
    expect(reread.source).toBe('live');
    expect(reread.node).toBe(new URL(lab.endpoints.uccx.nodes[1]).host);

    const agent = config.agents[6]!;
    stack.service.submit([aliasEdit(agent, 'After 500s')]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(agentWrites(agent.userID)).toBe(0);
    lab.uccx.nodes[0].failWith500 = false;
    await waitFor(() => labAlias(agent.userID) === 'After 500s', 5000, 'drain after the 500s');
    expect(agentWrites(agent.userID)).toBe(1);
    expect(stack.service.state().nodes.map((n) => n.condition.kind)).toEqual(['ok', 'standby']);
  });

  it('primary hung: found "not answering" and read around within about 2.5 s with the default timeouts', async () => {
    stack = await startUccxStack(lab, { ...DEFAULT_TIMEOUTS, pollIntervalMs: 60_000 });
    await stack.service.loadConfig();
    lab.uccx.nodes[0].hang();
    const started = Date.now();
    const config = await stack.service.loadConfig();
    const elapsed = Date.now() - started;
    expect(config.source).toBe('live');
    expect(config.node).toBe(new URL(lab.endpoints.uccx.nodes[1]).host);
    // 1.5 s until the slow answer triggers a probe, 1 s probe timeout, then the secondary answers.
    expect(elapsed).toBeLessThan(4000);
    expect(stack.service.client.health().nodes[0]!.condition).toMatchObject({ kind: 'not-answering', waitedMs: 1000 });
  });

  it('a hung node does not hold back the other node’s probes', async () => {
    stack = await startUccxStack(lab, DEFAULT_TIMEOUTS);
    lab.uccx.nodes[0].hang();
    // Let the hung node's probe timeout grow (1 s, 3 s, then 9 s): its probe is now waiting for seconds.
    await waitFor(() => stack!.service.client.health().nodes[0]!.condition.kind === 'not-answering', 3000, 'hung node');
    await new Promise((resolve) => setTimeout(resolve, 4000));
    lab.uccx.nodes[1].failWith500 = true;
    const started = Date.now();
    await waitFor(() => stack!.service.client.health().nodes[1]!.condition.kind === 'errors', 3000, 'the other node still probed');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('island: the write is held back by the fresh isDBMaster before it, even before the next poll', async () => {
    // A poll period far longer than the test: only the pre-write check can notice the island.
    stack = await startUccxStack(lab, { ...DEFAULT_TIMEOUTS, pollIntervalMs: 60_000 });
    const config = await stack.service.loadConfig();
    expect(stack.service.state().mode).toBe('ok');
    lab.uccx.setDbMaster('both');
    const agent = config.agents[7]!;
    stack.service.submit([aliasEdit(agent, 'Island Alias')]);
    await waitFor(() => stack!.service.state().mode === 'read-only', 3000, 'island noticed by the write');
    expect(stack.service.state().detail).toContain('claim to be database master');
    expect(stack.service.state().nodes.map((n) => n.condition.kind)).toEqual(['island', 'island']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(agentWrites(agent.userID)).toBe(0);
    expect(labAlias(agent.userID)).toBe(agent.alias);

    lab.uccx.setDbMaster('a');
    await stack.service.client.probe();
    await waitFor(() => labAlias(agent.userID) === 'Island Alias', 5000, 'drain after the island');
    expect(agentWrites(agent.userID)).toBe(1);
  });
});

describe('Unity Connection nodes under faults', () => {
  let harness: CupiHarness | null = null;
  afterEach(async () => {
    await harness?.stop();
    harness = null;
  });

  async function firstContact(h: CupiHarness) {
    return (await h.service.search({ type: 'contact' })).items[0]!;
  }

  it('publisher answering 500: read-only "answering with errors (HTTP 500)", reads from the subscriber, the edit is written once after', async () => {
    harness = await startCupiHarness({ client: { timeoutMs: 15_000 } });
    const contact = await firstContact(harness);
    harness.lab.publisher.failWith500 = true;
    await waitFor(async () => (await harness!.client.probe('publisher')) === false, 3000, 'publisher errors');
    const state = harness.service.state();
    expect(state.readOnly).toBe(true);
    expect(state.detail).toMatch(/^Unity Connection read-only: the publisher is answering with errors \(HTTP 500\) since \d\d:\d\d; reading from the subscriber/);
    expect(cupiServerState(state)).toBe('degraded');
    expect(state.nodes.map((n) => n.condition.kind)).toEqual(['errors', 'ok']);
    expect((await harness.service.search({ type: 'contact' })).source).toBe('subscriber');

    const outcome = await harness.service.update('contact', contact.ObjectId!, 'Contact', { DisplayName: contact.DisplayName! }, { DisplayName: 'After Errors' });
    expect(outcome.state).toBe('queued');
    const writes = () => harness!.lab.publisher.writes.filter((w) => w.path.endsWith(contact.ObjectId!) && w.status < 300).length + harness!.lab.subscriber.writes.filter((w) => w.status < 300).length;
    expect(writes()).toBe(0);
    harness.lab.publisher.failWith500 = false;
    await waitFor(() => harness!.lab.store.getContact(contact.ObjectId!).DisplayName === 'After Errors', 5000, 'drain');
    expect(writes()).toBe(1);
    expect(harness.service.state().readOnly).toBe(false);
  });

  it('1.2 s latency: publisher and subscriber are slow, the state says so, and writes keep going', async () => {
    harness = await startCupiHarness({ client: { timeoutMs: 15_000 } });
    const contact = await firstContact(harness);
    harness.lab.publisher.latencyMs = 1200;
    harness.lab.subscriber.latencyMs = 1200;
    // The first probe may time out at the 1 s floor; the quick retry waits 3 s and finds both slow.
    void harness.client.probe('publisher');
    void harness.client.probe('subscriber');
    await waitFor(() => harness!.service.state().nodes.every((n) => n.condition.kind === 'slow'), 8000, 'both nodes slow');
    const state = harness.service.state();
    expect(state.readOnly).toBe(false);
    expect(state.detail).toMatch(/^Unity Connection publisher slow \(1\.2 s\); changes are still written; the subscriber is slow \(1\.2 s\)/);
    expect(cupiServerState(state)).toBe('degraded');
    const outcome = await harness.service.update('contact', contact.ObjectId!, 'Contact', { DisplayName: contact.DisplayName! }, { DisplayName: 'Slowly Saved' });
    expect(outcome.state).toBe('applied');
  });

  it('a hung publisher does not hold back the subscriber’s probes', async () => {
    harness = await startCupiHarness({ client: { timeoutMs: 15_000 }, probe: { probeUpMs: 300, probeDownMs: 300 } });
    harness.lab.publisher.hang();
    // Its probe timeout grows (1 s, 3 s, then 9 s): the publisher's probe is now waiting for seconds.
    await waitFor(() => harness!.service.state().nodes[0]!.condition.kind === 'not-answering', 8000, 'hung publisher');
    await new Promise((resolve) => setTimeout(resolve, 4000));
    harness.lab.subscriber.failWith500 = true;
    const started = Date.now();
    await waitFor(() => harness!.service.state().nodes[1]!.condition.kind === 'errors', 3000, 'the subscriber still probed');
    expect(Date.now() - started).toBeLessThan(2000);
    harness.lab.publisher.resume();
  });

  it('publisher hung: "not answering" within about 2.5 s, reads move to the subscriber', async () => {
    harness = await startCupiHarness({ client: { timeoutMs: 15_000 } });
    await firstContact(harness);
    harness.lab.publisher.hang();
    const started = Date.now();
    const page = await harness.service.search({ type: 'distributionlist' });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(page.source).toBe('subscriber');
    expect(harness.service.state().nodes[0]!.condition.kind).toBe('not-answering');
    expect(harness.service.state().detail).toMatch(/the publisher is not answering since \d\d:\d\d; reading from the subscriber/);
    harness.lab.publisher.resume();
  });
});
