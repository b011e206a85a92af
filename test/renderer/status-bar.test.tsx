import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { StatusBar } from '../../renderer/src/components/StatusBar';
import { useAppStore } from '../../renderer/src/store/app-store';
import { nodeStatus, type NodeCondition, type ServerStatus } from '../../shared/domain/status';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const since = new Date(2026, 0, 1, 10, 42).getTime();
const node = (url: string, condition: Omit<NodeCondition, 'since'>): ServerStatus => ({ ...nodeStatus('uccx', url, { since, ...condition }), since });

describe('status bar', () => {
  it('shows each node in its own words, with the sentence as its tooltip, next to the system line', () => {
    const statuses: ServerStatus[] = [
      node('http://ccx-b:8443', { kind: 'not-master', latencyMs: 5 }),
      node('http://ccx-a:8443', { kind: 'errors', latencyMs: 5, httpStatus: 500 }),
      { id: 'uccx', kind: 'uccx', label: 'UCCX', state: 'degraded', detail: 'UCCX read-only: ccx-a answering with errors (HTTP 500) since 10:42', since },
      node('http://ccx-c:8443', { kind: 'slow', latencyMs: 2093 }),
    ];
    useAppStore.setState({ statuses, hostDisconnected: false });
    const container = document.createElement('div');
    const root = createRoot(container);
    act(() => root.render(<StatusBar />));
    const chips = [...container.querySelectorAll('[data-server]')].map((chip) => [chip.getAttribute('data-server'), chip.className, chip.textContent, chip.getAttribute('title')]);
    expect(chips).toEqual([
      ['uccx', 'status-chip state-degraded', '▲ UCCX: Limited · UCCX read-only: ccx-a answering with errors (HTTP 500) since 10:42', 'UCCX read-only: ccx-a answering with errors (HTTP 500) since 10:42'],
      ['uccx:ccx-b:8443', 'status-chip state-degraded', '▲ UCCX ccx-b:8443: Not master', 'Reachable, but not the database master, and neither is the other node (since 10:42): writes are paused.'],
      ['uccx:ccx-a:8443', 'status-chip state-degraded', '▲ UCCX ccx-a:8443: Answering with errors (HTTP 500)', 'Answering with errors (HTTP 500) since 10:42.'],
      ['uccx:ccx-c:8443', 'status-chip state-degraded', '▲ UCCX ccx-c:8443: Slow (2.1 s)', 'Slow: the last answer took 2.1 s.'],
    ]);
    expect(container.textContent).not.toMatch(/Unreachable/);
    act(() => root.unmount());
  });

  it('says "not encrypted" on a connection the profile lets travel in plain text', () => {
    useAppStore.setState({ statuses: [{ ...node('http://ccx-a:8443', { kind: 'ok', latencyMs: 5 }), unencrypted: true }, node('https://ccx-b:8443', { kind: 'standby', latencyMs: 5 })], hostDisconnected: false });
    const container = document.createElement('div');
    const root = createRoot(container);
    act(() => root.render(<StatusBar />));
    expect(container.querySelector('[data-server="uccx:ccx-a:8443"]')?.textContent).toMatch(/Connected · not encrypted$/);
    expect(container.querySelector('[data-server="uccx:ccx-b:8443"]')?.textContent).not.toContain('not encrypted');
    act(() => root.unmount());
  });
});
