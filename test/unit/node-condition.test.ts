import { describe, expect, it } from 'vitest';
import { NodeProber } from '../../electron/services/net/node-prober';
import { NetworkError } from '../../electron/services/net/network-error';
import type { HttpResponse } from '../../electron/services/net/http-client';
import { describeNode, nodeStatus, type NodeCondition } from '../../shared/domain/status';
import { statusIdFor } from '../../shared/domain/profile';

const since = new Date(2026, 0, 1, 10, 42).getTime();
const condition = (kind: NodeCondition['kind'], extra: Partial<NodeCondition> = {}): NodeCondition => ({ kind, since, latencyMs: null, ...extra });

describe('the node rule: one condition, one chip', () => {
  it('names every condition in words, with the chip state', () => {
    const table = (
      [
        ['ok', {}],
        ['standby', {}],
        ['slow', { latencyMs: 2093 }],
        ['slow', { latencyMs: 2093, standby: true }],
        ['errors', { httpStatus: 500 }],
        ['not-answering', { waitedMs: 1000 }],
        ['refused', {}],
        ['unreachable', { reason: 'name not found' }],
        ['island', {}],
        ['not-master', {}],
        ['checking', {}],
      ] as const
    ).map(([kind, extra]) => {
      const { state, word, phrase } = describeNode(condition(kind, extra));
      return [kind, state, word, phrase];
    });
    expect(table).toEqual([
      ['ok', 'ok', 'Connected', 'connected'],
      ['standby', 'ok', 'Standby', 'standby'],
      ['slow', 'degraded', 'Slow (2.1 s)', 'slow (2.1 s)'],
      ['slow', 'degraded', 'Slow (2.1 s)', 'slow (2.1 s, standby)'],
      ['errors', 'degraded', 'Answering with errors (HTTP 500)', 'answering with errors (HTTP 500) since 10:42'],
      ['not-answering', 'down', 'Not answering', 'not answering since 10:42'],
      ['refused', 'down', 'Unreachable (connection refused)', 'unreachable since 10:42 (connection refused)'],
      ['unreachable', 'down', 'Unreachable (name not found)', 'unreachable since 10:42 (name not found)'],
      ['island', 'degraded', 'Both claim master', 'claiming to be the database master, like the other node'],
      ['not-master', 'degraded', 'Not master', 'not the database master'],
      ['checking', 'connecting', 'Checking', 'not checked yet'],
    ]);
    expect(describeNode(condition('not-answering', { waitedMs: 1000 })).detail).toBe('Not answering since 10:42 (no answer within 1.0 s).');
  });

  it('gives a node the status-bar id and label of the connection test', () => {
    const url = 'https://ccx-a.example.com:8443';
    const errors = condition('errors', { httpStatus: 502 });
    expect(nodeStatus('uccx', url, errors)).toEqual({
      id: statusIdFor('uccx', url),
      kind: 'uccx',
      label: 'UCCX ccx-a.example.com:8443',
      nodeName: 'ccx-a.example.com:8443',
      state: 'degraded',
      word: 'Answering with errors (HTTP 502)',
      detail: 'Answering with errors (HTTP 502) since 10:42.',
      // The same words by message id, for the renderer to say in the user's language (docs/i18n.md).
      wordMessage: { id: 'node.errors.word', values: { status: 502, since: errors.since } },
      detailMessage: { id: 'node.errors.detail', values: { status: 502, since: errors.since } },
    });
    expect(nodeStatus('cupi', 'https://cuc-pub.example.com', condition('ok')).label).toBe('Unity Connection cuc-pub.example.com');
  });
});

function response(status: number): HttpResponse {
  return { status, headers: {}, body: Buffer.alloc(0), text: () => '' };
}

describe('NodeProber: adaptive timeout and naming', () => {
  /** A fake node answering after `delay` ms of a fake clock (or never, when delay is null). */
  function fakeNode(delays: Array<number | null>, status = 200) {
    let clock = 0;
    const timeouts: number[] = [];
    const prober = new NodeProber({
      now: () => clock,
      retrySoonMs: 60_000, // retries are driven by hand below
      send: async (timeoutMs) => {
        timeouts.push(timeoutMs);
        const delay = delays.shift();
        if (delay === null || delay === undefined || delay > timeoutMs) {
          clock += timeoutMs;
          throw new NetworkError('timed-out', `no answer within ${timeoutMs} ms`);
        }
        clock += delay;
        return response(status);
      },
    });
    return { prober, timeouts };
  }

  it('waits 3 × the last answer time, between 1 s and 10 s', async () => {
    const { prober, timeouts } = fakeNode([5, 2000, 2100, 4000, 100]);
    for (let i = 0; i < 5; i++) await prober.probe();
    expect(timeouts).toEqual([1000, 1000, 3000, 6300, 10_000]); // 2 s: timed out, retried with 3 s; then 3 × 2.1 s; then 3 × 4 s capped
    expect(prober.timeoutMs).toBe(1000);
    prober.stop();
  });

  it('after a timeout tries again with a timeout three times as long, up to 10 s: a slow node is slow, not "not answering"', async () => {
    const { prober, timeouts } = fakeNode([5, 2100, 2100]);
    await prober.probe(); // 5 ms: timeout stays at the 1 s floor
    await prober.probe(); // 2.1 s > 1 s: not answering, ask again with 3 s
    expect(prober.condition).toMatchObject({ kind: 'not-answering', waitedMs: 1000 });
    await prober.probe();
    expect(prober.condition).toMatchObject({ kind: 'slow', latencyMs: 2100 });
    expect(describeNode(prober.condition).word).toBe('Slow (2.1 s)');
    expect(timeouts).toEqual([1000, 1000, 3000]);
    prober.stop();
  });

  it('a hung node: 1 s, then 3 s, 9 s and 10 s, and stays at 10 s', async () => {
    const { prober, timeouts } = fakeNode([null, null, null, null, null]);
    for (let i = 0; i < 5; i++) await prober.probe();
    expect(timeouts).toEqual([1000, 3000, 9000, 10_000, 10_000]);
    expect(prober.condition.kind).toBe('not-answering');
    prober.stop();
  });

  it('an HTTP error is "answering with errors", never "unreachable"; 503 (busy) is an answer', async () => {
    const errors = fakeNode([5], 500).prober;
    await errors.probe();
    expect(errors.condition).toMatchObject({ kind: 'errors', httpStatus: 500 });
    expect(errors.answering).toBe(false);
    const busy = fakeNode([5], 503).prober;
    await busy.probe();
    expect(busy.condition.kind).toBe('ok');
    // Ordinary requests: a 404 is an answer, a 502 an error.
    busy.answered(10, 404);
    expect(busy.condition.kind).toBe('ok');
    busy.answered(10, 502);
    expect(busy.condition).toMatchObject({ kind: 'errors', httpStatus: 502 });
    busy.failed(new NetworkError('connection-refused', 'refused'));
    expect(busy.condition.kind).toBe('refused');
  });

  it('joins a probe in flight instead of sending another', async () => {
    let sent = 0;
    const prober = new NodeProber({ send: async () => (sent++, response(200)) });
    await Promise.all([prober.probe(), prober.probe(), prober.probe()]);
    expect(sent).toBe(1);
  });
});
