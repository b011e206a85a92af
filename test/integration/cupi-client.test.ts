import { afterEach, describe, expect, it } from 'vitest';
import { startCupiHarness, CREDENTIALS, type CupiHarness } from './cupi-harness';

let harness: CupiHarness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

const auth = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;

describe('CUPI client against the Unity Connection lab', () => {
  it('normalises 0, 1 and many search results (the wire really has the quirks)', async () => {
    harness = await startCupiHarness();
    const { service, lab } = harness;
    const alias = lab.store.listUsers('rowsPerPage=1&pageNumber=1').items[0]!.Alias!;

    // Plain HTTP: what the server really sends for one hit is a bare object.
    const raw = await fetch(`${lab.publisher.url}/vmrest/users?query=(alias%20is%20${encodeURIComponent(alias)})`, {
      headers: { accept: 'application/json', authorization: auth },
    });
    const rawBody = (await raw.json()) as Record<string, unknown>;
    expect(Array.isArray(rawBody.User)).toBe(false);
    expect(rawBody['@total']).toBe('1');

    const none = await service.search({ type: 'user', column: 'Alias', text: 'zzzz-nobody' });
    expect(none.total).toBe(0);
    expect(none.items).toEqual([]);

    const one = await service.search({ type: 'user', column: 'Alias', operator: 'is', text: alias });
    expect(one.total).toBe(1);
    expect(one.items).toHaveLength(1);
    expect(one.items[0]!.Alias).toBe(alias);
    expect(one.source).toBe('publisher');

    const many = await service.search({ type: 'user', pageSize: 25 });
    expect(many.total).toBe(lab.store.userCount);
    expect(many.items).toHaveLength(25);
    expect(typeof many.items[0]!.Inactive).toBe('string');
  });

  it('searches by extension and name with startswith and pages with 1-based page numbers', async () => {
    harness = await startCupiHarness({ cucUsers: 300 });
    const { service, lab } = harness;
    const byExtension = await service.search({ type: 'user', column: 'DtmfAccessId', text: '201', pageSize: 5 });
    const expected = lab.store.listUsers('query=(dtmfaccessid startswith 201)&rowsPerPage=0');
    expect(byExtension.total).toBe(expected.total);
    expect(byExtension.items.every((u) => u.DtmfAccessId!.startsWith('201'))).toBe(true);

    const page1 = await service.search({ type: 'user', pageSize: 10, page: 1 });
    const page2 = await service.search({ type: 'user', pageSize: 10, page: 2 });
    expect(page2.items[0]!.ObjectId).not.toBe(page1.items[0]!.ObjectId);
    const name = page1.items[3]!.DisplayName!;
    const byName = await service.search({ type: 'user', column: 'DisplayName', text: name.slice(0, 4) });
    expect(byName.items.some((u) => u.DisplayName === name)).toBe(true);
  });

  it('signs in once with Basic and then reuses the session cookie', async () => {
    harness = await startCupiHarness();
    await harness.service.search({ type: 'contact' });
    // The start-up probes (publisher and subscriber) may race the first search: at most those three sign in with Basic.
    const signIns = harness.client.basicAuthRequests;
    expect(signIns).toBeGreaterThanOrEqual(1);
    expect(signIns).toBeLessThanOrEqual(3);
    for (let i = 0; i < 5; i++) await harness.service.search({ type: 'contact' });
    expect(harness.client.basicAuthRequests).toBe(signIns);
    // Sessions forgotten by the server: the client signs in again by itself.
    harness.lab.clearSessions();
    await harness.service.search({ type: 'contact' });
    expect(harness.client.basicAuthRequests).toBe(signIns + 1);
  });

  it('retries 503 "server busy" with back-off and tells the person it is waiting', async () => {
    harness = await startCupiHarness({ client: { maxConcurrent: 2 } });
    const { lab, service } = harness;
    // One slot on the server, a short queue wait and slow processing: the second request in flight gets 503.
    lab.setThrottle(1, 20);
    lab.processingDelayMs = 150;
    const results = await Promise.all([service.search({ type: 'user', pageSize: 5 }), service.search({ type: 'contact', pageSize: 5 })]);
    expect(results[0]!.items).toHaveLength(5);
    expect(results[1]!.items.length).toBeGreaterThan(0);
    const waits = harness.busyMessages.filter((m): m is string => m !== null);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toMatch(/busy.*retrying in/i);
    // The wait is over: the last word is "not busy" again.
    expect(harness.busyMessages.at(-1)).toBeNull();
    expect(harness.states.some((s) => s.busy !== null)).toBe(true);
  });

  it('gives up after the configured retries with a message a person understands', async () => {
    harness = await startCupiHarness({ client: { busyRetries: 1 } });
    const { lab, service } = harness;
    lab.setThrottle(1, 10);
    lab.processingDelayMs = 300;
    const outcomes = await Promise.allSettled([service.search({ type: 'user' }), service.search({ type: 'contact' })]);
    const failure = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult | undefined;
    expect(failure).toBeDefined();
    expect(String((failure!.reason as Error).message)).toMatch(/busy/i);
  });

  it('reads from the subscriber while the publisher is down and says it is read-only', async () => {
    harness = await startCupiHarness();
    const { lab, service } = harness;
    await lab.publisher.stop();
    const page = await service.search({ type: 'distributionlist' });
    expect(page.source).toBe('subscriber');
    expect(page.total).toBeGreaterThan(0);
    const state = service.state();
    expect(state.readOnly).toBe(true);
    expect(state.detail).toMatch(/read-only.*publisher is unreachable.*subscriber/i);

    // Back up: the next probe or read finds it and writes are possible again.
    await lab.publisher.start();
    await harness.client.probe('publisher');
    expect(service.state().readOnly).toBe(false);
  });
});
