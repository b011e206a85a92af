import { EventEmitter } from 'node:events';
import path from 'node:path';
import { DEFAULT_BOARD_LIMITS, validateCallId, type BoardConnection, type BoardMember, type BoardPatch, type BoardSnapshot, type JourneyResult } from '../../../shared/domain/board';
import { nodeNameIn, type SiteProfile, type SiteSecrets } from '../../../shared/domain/profile';
import type { ServerStatus } from '../../../shared/domain/status';
import { ConsoleError, ValidationError } from '../../../shared/ipc/result';
import type { Logger } from '../log/logger';
import type { TrustStore } from '../net/trust-store';
import { basicAuthHeader } from '../net/http-client';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { BoardState, type AgentReading, type SavedBoard } from './board-state';
import { ReportClient, type ReportClientTimings, type ReportLinkState } from './report-client';

/**
 * The live board of the active site: runs the report client, folds its events
 * into the BoardState, sends the renderer one numbered patch per batch window
 * (bursts are coalesced), reports the connection into the status bar and keeps
 * the last board on disk so it opens at once and can be read offline.
 */

export interface BoardServiceOptions {
  log: Logger;
  /**
   * How patches to the renderer are paced. Absent: adaptive (the first change
   * after a quiet moment goes at once, later ones at most every
   * PATCH_MIN_INTERVAL_MS). A number: a fixed coalescing window, as earlier
   * versions did (the benchmark's baseline); 0 sends one patch per member
   * event (the naive baseline).
   */
  batchIntervalMs?: number;
  /** How often a changed board is written to disk. */
  persistIntervalMs?: number;
  /** How long after the last teamadded of a (re)subscription the board drops teams not re-announced. */
  resyncSettleMs?: number;
  timings?: Partial<ReportClientTimings>;
  now?: () => number;
}

/** What the service needs of an active site. */
export interface BoardSite {
  profile: SiteProfile;
  secrets: Readonly<SiteSecrets>;
  trust: TrustStore;
  dir: string;
  log: Logger;
}

export const BOARD_FILE = 'board.json';
/** Shortest gap between two patches under load: 33 ms, at most 30 patches a second. */
export const PATCH_MIN_INTERVAL_MS = 33;
const SAVED_BOARD_VERSION = 1;

export interface BoardServiceEvents {
  /** A numbered batch of changes for the renderer. */
  patch: [BoardPatch];
  /** The report link's state for the status bar. */
  status: [Omit<ServerStatus, 'since'>];
  /** A (re)subscription's burst of teamadded is over: the board holds every team again (times are "at least" until read from Finesse). */
  resynced: [];
  /** Members whose status the report stream changed (memberstatuschanged). */
  statusChanged: [string[]];
}

export class BoardService extends EventEmitter<BoardServiceEvents> {
  private state = new BoardState({ configured: false, supervisorId: null });
  private client: ReportClient | null = null;
  private site: BoardSite | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private persistTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  private persistedSince = true;
  private readonly batchIntervalMs: number | null;
  private readonly now: () => number;
  /** When the last patch went out (adaptive pacing). */
  private lastPatchAt = -Infinity;

  constructor(private readonly options: BoardServiceOptions) {
    super();
    this.batchIntervalMs = options.batchIntervalMs ?? null;
    this.now = options.now ?? Date.now;
  }

  /** Board of the active site (or an empty, unconfigured board), including every change so far. */
  snapshot(): BoardSnapshot {
    // Publish what is pending first: a renderer that subscribed before asking then drops it by seq.
    this.flush();
    return this.state.snapshot();
  }

  /** Between a (re)subscription and the end of the teamadded burst that follows it. */
  get resyncing(): boolean {
    return this.state.resyncing;
  }

  /** One member as the board holds it now, or null. */
  member(memberId: string): BoardMember | null {
    return this.state.member(memberId);
  }

  /** Exact states and times from Finesse (see BoardState.applyAgentStates). */
  applyAgentStates(readings: readonly AgentReading[]): void {
    if (this.state.applyAgentStates(readings).length) this.changed();
  }

  journey(callId: string): Promise<JourneyResult> {
    const problems = validateCallId(callId);
    // A malformed id is refused here, never sent to the report server.
    if (problems.length) return Promise.reject(new ValidationError('The call journey lookup', problems));
    if (!this.client) {
      return Promise.reject(new ConsoleError('unavailable', 'No report server is configured in the active profile, so call journeys cannot be looked up.', undefined, { id: 'errors.journey.noReportServer' }));
    }
    return this.client.callJourney(callId);
  }

  /** Start for a site; returns the teardown (end subscription, save the board). */
  async start(site: BoardSite): Promise<() => Promise<void>> {
    await this.stop();
    this.site = site;
    const reports = site.profile.reports;
    this.state = new BoardState({ configured: Boolean(reports), supervisorId: reports?.agentId ?? null, startSeq: this.state.sequence, limits: reports?.limits });
    if (!reports) {
      this.emit('status', { id: 'reports', kind: 'reports', label: 'Reports', state: 'off', detail: 'No report server in this profile.', detailMessage: { id: 'main.reports.off' } });
      this.flush();
      return () => this.stop();
    }

    const saved = this.loadSaved(site, reports.agentId);
    if (saved) this.state.loadSaved(saved);

    this.client = new ReportClient(
      {
        url: reports.url,
        name: nodeNameIn(site.profile, 'reports', reports.url),
        agentId: reports.agentId,
        headers: this.connectHeaders(site),
        trust: site.trust,
        log: site.log.child('reports'),
        timings: this.options.timings,
        maxFrameBytes: reports.limits?.maxFrameBytes ?? DEFAULT_BOARD_LIMITS.maxFrameBytes,
        now: this.now,
      },
      {
        onEvent: (event, receivedAt) => {
          const wasResyncing = this.state.resyncing;
          if (this.batchIntervalMs === 0 && event.name === 'memberstatuschanged' && event.members.length > 1) {
            // Naive baseline: one patch per member event.
            for (const member of event.members) {
              this.state.apply({ ...event, members: [member], droppedMembers: {} }, receivedAt);
              this.flush();
            }
            if (Object.keys(event.droppedMembers).length > 0) this.state.apply({ ...event, members: [], droppedMembers: event.droppedMembers }, receivedAt);
          } else {
            this.state.apply(event, receivedAt);
          }
          if (this.state.resyncing) this.armResyncTimer();
          else if (wasResyncing) this.resynced();
          this.changed();
          if (event.name === 'memberstatuschanged' && event.members.length) this.emit('statusChanged', event.members.map((m) => m.memberId));
        },
        onRejected: (cause, count) => {
          this.state.reject(cause, count);
          this.changed();
        },
        onSubscribed: (at) => {
          this.state.beginResync(at);
          this.armResyncTimer();
        },
        onState: (link) => this.onLinkState(link),
      },
    );
    this.client.start();
    this.persistTimer = setInterval(() => this.persist(), this.options.persistIntervalMs ?? 5_000);
    this.persistTimer.unref();
    this.flush();
    return () => this.stop();
  }

  /** End the subscription, save the board, forget the site. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (this.persistTimer) clearInterval(this.persistTimer);
    this.resyncTimer = null;
    this.persistTimer = null;
    if (client) {
      await client.stop();
      this.persist();
    }
    if (this.site) {
      this.emit('status', { id: 'reports', kind: 'reports', label: 'Reports', state: 'off', detail: 'Not connected: no active profile.', detailMessage: { id: 'main.reports.noProfile' } });
    }
    this.site = null;
    this.state = new BoardState({ configured: false, supervisorId: null, startSeq: this.state.sequence });
    this.flush();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  // ---- internals ----------------------------------------------------------

  private connectHeaders(site: BoardSite): Record<string, string> {
    const headers: Record<string, string> = { ...(site.secrets.reportsHeaders ?? {}) };
    const username = site.profile.reports?.username;
    if (username && site.secrets.reportsPassword) headers.Authorization = basicAuthHeader(username, site.secrets.reportsPassword);
    return headers;
  }

  private onLinkState(link: ReportLinkState): void {
    const previous = this.state.connectionState;
    const lastKnown = previous.state === 'live' ? this.now() : previous.asOf;
    let connection: BoardConnection;
    let status: Omit<ServerStatus, 'since'>;
    const base = { id: 'reports', kind: 'reports' as const, label: 'Reports' };
    switch (link.kind) {
      case 'connecting':
        // Keep showing a saved or last-known board as such while connecting.
        connection = previous.state === 'offline' || previous.state === 'disconnected' || previous.state === 'refused'
          ? { ...previous, detail: link.detail, detailMessage: link.said, retryAt: null }
          : { state: 'connecting', detail: link.detail, detailMessage: link.said, asOf: lastKnown, retryAt: null };
        status = { ...base, state: 'connecting', detail: link.detail, detailMessage: link.said };
        break;
      case 'subscribed':
        connection = { state: 'live', detail: 'Live: subscribed to team status.', detailMessage: { id: 'main.reports.live' }, asOf: null, retryAt: null };
        status = {
          ...base,
          state: 'ok',
          detail: `Live team status for agent ${this.site?.profile.reports?.agentId ?? ''}.`,
          detailMessage: { id: 'main.reports.liveFor', values: { agent: this.site?.profile.reports?.agentId ?? '' } },
        };
        break;
      case 'disconnected':
      case 'refused': {
        const seconds = Math.max(1, Math.round((link.retryAt - this.now()) / 1000));
        connection = { state: link.kind, detail: link.detail, ...(typeof link.said === 'string' ? {} : { detailMessage: link.said }), asOf: lastKnown, retryAt: link.retryAt };
        status = { ...base, state: 'down', detail: `${link.detail} Retrying in ${seconds} s.`, detailMessage: { id: 'main.reports.retrying', values: { reason: link.said, seconds } } };
        break;
      }
      case 'stopped':
        connection = { state: 'disconnected', detail: 'The report connection was closed.', detailMessage: { id: 'main.reports.closed' }, asOf: lastKnown, retryAt: null };
        status = { ...base, state: 'off', detail: 'The report connection was closed.', detailMessage: { id: 'main.reports.closed' } };
        break;
    }
    this.state.setConnection(connection);
    this.emit('status', status);
    this.changed();
  }

  private armResyncTimer(): void {
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      this.state.endResync();
      this.changed();
      this.resynced();
    }, this.options.resyncSettleMs ?? 1_000);
    this.resyncTimer.unref();
  }

  private resynced(): void {
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = null;
    this.emit('resynced');
  }

  /**
   * Something changed: send it. After a quiet moment the patch goes out in
   * the next turn of the event loop (so one frame's members travel
   * together); under load, changes are coalesced until PATCH_MIN_INTERVAL_MS
   * after the previous patch: about two frames, and never more patches a
   * second than a screen paints.
   */
  private changed(): void {
    this.persistedSince = false;
    if (this.batchIntervalMs === 0) {
      this.flush();
      return;
    }
    if (this.flushTimer) return;
    const wait = this.batchIntervalMs ?? Math.max(0, this.lastPatchAt + PATCH_MIN_INTERVAL_MS - this.now());
    this.flushTimer = setTimeout(() => this.flushWhenDue(), wait);
  }

  /** Timers may fire a millisecond early on the wall clock; wait out the rest so the spacing holds. */
  private flushWhenDue(): void {
    this.flushTimer = null;
    const early = this.batchIntervalMs === undefined ? this.lastPatchAt + PATCH_MIN_INTERVAL_MS - this.now() : 0;
    if (early > 0) {
      this.flushTimer = setTimeout(() => this.flushWhenDue(), early);
      return;
    }
    this.flush();
  }

  private flush(): void {
    const patch = this.state.takePatch();
    if (!patch) return;
    this.lastPatchAt = this.now();
    this.emit('patch', patch);
  }

  private boardFile(site: BoardSite): string {
    return path.join(site.dir, BOARD_FILE);
  }

  private persist(): void {
    const site = this.site;
    if (!site || this.persistedSince) return;
    if (this.state.teamCount === 0 && this.state.connectionState.state !== 'live') return;
    try {
      writeFileAtomic(this.boardFile(site), JSON.stringify({ version: SAVED_BOARD_VERSION, ...this.state.toSaved(this.now()) }));
      this.persistedSince = true;
    } catch (error) {
      this.options.log.warn('could not save the board for offline viewing', error);
    }
  }

  private loadSaved(site: BoardSite, supervisorId: string): SavedBoard | null {
    try {
      const saved = readJsonFile(this.boardFile(site)) as (SavedBoard & { version?: number }) | null;
      if (!saved || saved.version !== SAVED_BOARD_VERSION || saved.supervisorId !== supervisorId) return null;
      if (!Array.isArray(saved.teams) || !Array.isArray(saved.members) || typeof saved.savedAt !== 'number') return null;
      return saved;
    } catch (error) {
      this.options.log.warn('the saved board could not be read; starting empty', error);
      return null;
    }
  }
}
