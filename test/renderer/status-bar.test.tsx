import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { StatusBar } from '../../renderer/src/components/StatusBar';
import { useAppStore } from '../../renderer/src/store/app-store';
import { nodeStatus, type NodeCondition, type ServerStatus } from '../../shared/domain/status';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { describeState } from '../../electron/services/uccx/service';
import type { UccxNodeState } from '../../shared/domain/uccx';

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
      ['uccx:ccx-b:8443', 'status-chip state-degraded', '▲ UCCX ccx-b:8443: Not master', 'Reachable, but not the database master, and neither is the other node (since 10:42 AM): writes are paused.'],
      // The test browser speaks en-US, whose clock has AM and PM.
      ['uccx:ccx-a:8443', 'status-chip state-degraded', '▲ UCCX ccx-a:8443: Answering with errors (HTTP 500)', 'Answering with errors (HTTP 500) since 10:42 AM.'],
      ['uccx:ccx-c:8443', 'status-chip state-degraded', '▲ UCCX ccx-c:8443: Slow (2.1 s)', 'Slow: the last answer took 2.1 s.'],
    ]);
    expect(container.textContent).not.toMatch(/Unreachable/);
    act(() => root.unmount());
  });

  it("speaks the user's language: our words and main's node words by id, times on the locale's clock, server names as they are", async () => {
    const statuses: ServerStatus[] = [
      { id: 'uccx', kind: 'uccx', label: 'UCCX', state: 'degraded', detail: 'UCCX read-only: ccx-a answering with errors (HTTP 500) since 10:42', since },
      node('http://ccx-b:8443', { kind: 'not-master', latencyMs: 5 }),
      node('http://ccx-c:8443', { kind: 'slow', latencyMs: 2000 }),
      { id: 'reports', kind: 'reports', label: 'Reports', state: 'ok', detail: 'Connected', since },
    ];
    useAppStore.setState({ statuses, hostDisconnected: false });
    const container = document.createElement('div');
    const root = createRoot(container);
    act(() => root.render(<StatusBar />));
    try {
      await act(() => applyLanguage('de'));
      const chips = [...container.querySelectorAll('[data-server]')].map((chip) => [chip.textContent, chip.getAttribute('title')]);
      expect(chips).toEqual([
        // The system's sentence is still main's English (docs/i18n.md, "Words from main").
        ['▲ UCCX: Eingeschränkt · UCCX read-only: ccx-a answering with errors (HTTP 500) since 10:42', 'UCCX read-only: ccx-a answering with errors (HTTP 500) since 10:42'],
        ['▲ UCCX ccx-b:8443: Nicht Master', 'Erreichbar, aber nicht der Datenbank-Master, und der andere Knoten auch nicht (seit 10:42): Schreibvorgänge sind angehalten.'],
        // Seconds keep their one decimal, with the locale's separator.
        ['▲ UCCX ccx-c:8443: Langsam (2,0 s)', 'Langsam: Die letzte Antwort dauerte 2,0 s.'],
        ['● Berichte: Verbunden', 'Connected'],
      ]);
      expect(container.querySelector('[role="status"]')?.getAttribute('aria-label')).toBe('Serververbindungen');
      await act(() => applyLanguage('es'));
      expect(container.querySelector('[data-server="uccx:ccx-c:8443"]')?.textContent).toBe('▲ UCCX ccx-c:8443: Lento (2,0 s)');
      expect(container.querySelector('[data-server="reports"]')?.textContent).toBe('● Informes: Conectado');
    } finally {
      await act(() => applyLanguage('en'));
      act(() => root.unmount());
    }
  });

  it("says a system's summary by id, each node's phrase in it and the nodes as the language lists them", async () => {
    const uccxNode = (name: string, condition: NodeCondition): UccxNodeState => ({ name, url: `https://${name}:8443`, reachable: false, master: false, since, problem: null, condition });
    const state = describeState(
      { topology: 'unreachable', master: null, nodes: [uccxNode('ccx-a', { kind: 'refused', since, latencyMs: null }), uccxNode('ccx-b', { kind: 'not-answering', since, latencyMs: null })] },
      3,
      since,
    );
    useAppStore.setState({ statuses: [{ id: 'uccx', kind: 'uccx', label: 'UCCX', state: 'down', detail: state.detail, detailMessage: state.detailMessage, since }], hostDisconnected: false });
    const container = document.createElement('div');
    const root = createRoot(container);
    act(() => root.render(<StatusBar />));
    const chip = () => container.querySelector('[data-server="uccx"]')!;
    try {
      expect(chip().textContent).toBe(
        '✖ UCCX: Unreachable · UCCX unreachable: ccx-a unreachable since 10:42 AM (connection refused), ccx-b not answering since 10:42 AM; showing data as of 10:42 AM; 3 changes waiting',
      );
      // Said by id: not marked as main's English any more.
      expect(chip().querySelector('.status-detail')?.hasAttribute('data-main-text')).toBe(false);
      expect(chip().hasAttribute('data-main-title')).toBe(false);
      await act(() => applyLanguage('de'));
      expect(chip().textContent).toBe(
        '✖ UCCX: Nicht erreichbar · UCCX nicht erreichbar: ccx-a seit 10:42 nicht erreichbar (Verbindung abgelehnt), ccx-b seit 10:42 ohne Antwort; angezeigt wird der Stand von 10:42; 3 Änderungen warten',
      );
      await act(() => applyLanguage('es'));
      expect(chip().getAttribute('title')).toBe(
        'UCCX inaccesible: ccx-a inaccesible desde las 10:42 (conexión rechazada) y ccx-b sin respuesta desde las 10:42; se muestran los datos de las 10:42; 3 cambios en espera',
      );
    } finally {
      await act(() => applyLanguage('en'));
      act(() => root.unmount());
    }
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
