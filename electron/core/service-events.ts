import type { EventBus } from './event-bus';
import type { StatusRegistry } from '../services/status/status-registry';
import type { ProfileService } from '../services/profiles/profile-service';
import type { BoardService } from '../services/reports/board-service';
import type { JournalHub } from '../services/journal/hub';
import type { PerSite, SiteService } from '../services/site/per-site';
import { uccxServerState, type UccxService } from '../services/uccx/service';
import { CUPI_OFF, cupiServerState, type CupiService } from '../services/cupi/service';
import type { CloseNowScheduler } from '../services/cupi/close-now';
import { nodeStatus, type MainSentence, type NodeCondition, type ServerStatus } from '../../shared/domain/status';
import { NO_CHANGES, type ChangeProgress } from '../../shared/domain/changes';
import { FINESSE_OFF } from '../../shared/domain/finesse';
import { QUEUES_OFF } from '../../shared/domain/queues';
import type { QueueService } from '../services/queues/service';
import { promptUploadProgressSchema } from '../../shared/ipc/areas/uccx';
import { finesseNodeStatuses, finesseServerState, type FinesseService } from '../services/finesse/service';

export interface ConsoleServices {
  status: StatusRegistry;
  profiles: ProfileService;
  board: BoardService;
  journals: JournalHub;
  uccx: PerSite<UccxService>;
  cupi: PerSite<CupiService>;
  closeNow: PerSite<CloseNowScheduler>;
  finesse?: PerSite<FinesseService>;
  queues?: PerSite<QueueService>;
}

/** How often at most the renderer hears that the queue changed (a bulk re-skill writes hundreds of changes). */
const CHANGES_THROTTLE_MS = 250;
/** How often at most the renderer is told to reload the UCCX configuration. */
const CONFIG_HINT_THROTTLE_MS = 1000;

/**
 * Where service events become contract events. Every service reports what
 * happens to it as typed events (a per-site service: a 'state' event and its
 * `state()`); this is the one place that turns them into status-bar entries
 * and pushes to the renderer. Returns the function that stops the timers.
 */
export function forwardServiceEvents(bus: EventBus, services: ConsoleServices): () => void {
  const { status, profiles, board, journals, uccx, cupi, closeNow } = services;
  const timers = new Set<NodeJS.Timeout>();
  /** At most one call per `ms`, at the end of the window, so the last word always gets through. */
  const throttled = (ms: number, send: () => void) => {
    let timer: NodeJS.Timeout | null = null;
    return () => {
      if (timer) return;
      timer = setTimeout(() => {
        if (timer) timers.delete(timer);
        timer = null;
        send();
      }, ms);
      timer.unref?.();
      timers.add(timer);
    };
  };

  status.on('changed', (list) => bus.publish('status:changed', list));
  profiles.on('profiles', (list) => bus.publish('profiles:changed', list));
  profiles.on('vault', (vault) => bus.publish('vault:changed', vault));
  board.on('patch', (patch) => bus.publish('board:patch', patch));
  board.on('status', (entry) => status.set(entry));
  journals.on(
    'changed',
    throttled(CHANGES_THROTTLE_MS, () => bus.publish('changes:updated', journals.journal?.counts() ?? NO_CHANGES)),
  );
  // Each change's latest state, gathered over the same window, so the renderer can follow what it submitted.
  const moved = new Map<string, ChangeProgress>();
  const sendProgress = throttled(CHANGES_THROTTLE_MS, () => {
    const list = [...moved.values()];
    moved.clear();
    if (list.length) bus.publish('changes:progress', list);
  });
  journals.on('changed', (change) => {
    if (!change) return;
    moved.delete(change.id);
    moved.set(change.id, { id: change.id, state: change.state, ...(change.lastError ? { lastError: change.lastError } : {}), ...(change.lastError && change.lastErrorMessage ? { lastErrorMessage: change.lastErrorMessage } : {}), ...(change.notPermitted ? { notPermitted: true } : {}) });
    sendProgress();
  });

  followState(uccx, status, { id: 'uccx', kind: 'uccx', label: 'UCCX' }, uccxServerState, (state) => bus.publish('uccx:state-changed', state));
  followNodes(uccx, status, 'uccx');
  uccx.on('started', (service) => {
    service.on(
      'configChanged',
      throttled(CONFIG_HINT_THROTTLE_MS, () => bus.publish('uccx:config-changed', { at: Date.now() })),
    );
    service.on(
      'switchesChanged',
      throttled(CONFIG_HINT_THROTTLE_MS, () => bus.publish('uccx:switches-changed', { at: Date.now() })),
    );
    // Upload progress is paced by the socket (one event per 16 KB sent), so it is forwarded as it comes,
    // within the bounds its contract schema sets.
    service.on('promptUploadProgress', (progress) => {
      const checked = promptUploadProgressSchema.safeParse(progress);
      if (checked.success) bus.publish('uccx:prompt-upload-progress', checked.data);
    });
  });

  followState(cupi, status, { id: 'cupi', kind: 'cupi', label: 'Unity Connection' }, cupiServerState, (state) => bus.publish('cupi:state-changed', state));
  followNodes(cupi, status, 'cupi');
  cupi.on('absent', () => status.set({ id: 'cupi', kind: 'cupi', label: 'Unity Connection', state: 'off', detail: CUPI_OFF.detail }));

  closeNow.on('started', (scheduler) => scheduler.on('changed', (list) => bus.publish('cupi:close-now-changed', list)));

  const { finesse } = services;
  if (finesse) {
    followState(finesse, status, { id: 'finesse', kind: 'uccx', label: 'Finesse' }, finesseServerState, (state) => bus.publish('finesse:state-changed', state));
    finesse.on('started', (service) => service.on('state', (state) => finesseNodeStatuses(state).forEach((line) => status.set(line))));
    finesse.on('absent', () => bus.publish('finesse:state-changed', FINESSE_OFF));
  }

  const { queues } = services;
  if (queues) {
    queues.on('started', (service) => {
      service.on('state', (state) => bus.publish('queues:changed', state));
      bus.publish('queues:changed', service.state());
    });
    queues.on('absent', () => bus.publish('queues:changed', QUEUES_OFF));
  }

  return () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}

interface NodeReporting extends SiteService {
  state(): { nodes: ReadonlyArray<{ url: string; name: string; condition: NodeCondition }> };
  on(event: 'nodes', listener: (nodes: ReadonlyArray<{ url: string; name: string; condition: NodeCondition }>) => void): unknown;
}

/**
 * One status-bar line per node (the ids and labels the connection test used
 * when the profile opened), kept current from every probe, failover and
 * fault the service reports, by the one rule of describeNode. The service
 * reports its nodes after every probe, so a line the connection test wrote
 * later is corrected at the next one; the registry drops repeats.
 */
function followNodes<T extends NodeReporting>(holder: PerSite<T>, status: StatusRegistry, server: 'uccx' | 'cupi'): void {
  const report = (nodes: ReadonlyArray<{ url: string; name: string; condition: NodeCondition }>) => {
    // Until a node is probed, the connection test's line says more than "checking".
    for (const node of nodes) if (node.condition.kind !== 'checking') status.set(nodeStatus(server, node.url, node.condition, node.name));
  };
  holder.on('started', (service) => {
    service.on('nodes', report);
    report(service.state().nodes);
  });
}

interface StateReporting<S> extends SiteService {
  state(): S;
  on(event: 'state', listener: (state: S) => void): unknown;
}

/** A per-site service's state, in the status bar under one id and on its renderer channel; removed when the site is left. */
function followState<S extends { detail: string; detailMessage?: MainSentence }, T extends StateReporting<S>>(
  holder: PerSite<T>,
  status: StatusRegistry,
  entry: Pick<ServerStatus, 'id' | 'kind' | 'label'>,
  toServerState: (state: S) => ServerStatus['state'],
  publish: (state: S) => void,
): void {
  const report = (state: S) => {
    status.set({ ...entry, state: toServerState(state), detail: state.detail, ...(state.detailMessage ? { detailMessage: state.detailMessage } : {}) });
    publish(state);
  };
  holder.on('started', (service) => {
    service.on('state', report);
    report(service.state());
  });
  holder.on('stopped', () => status.remove(entry.id));
}
