import WebSocket, { type RawData } from 'ws';
import type { MainSentence } from '../../../shared/domain/main-message';
import { ConsoleError } from '../../../shared/ipc/result';
import { DEFAULT_BOARD_LIMITS, parseDurationSeconds, type BoardRejections, type JourneyResult, type JourneyStep } from '../../../shared/domain/board';
import type { Logger } from '../log/logger';
import { plainFailure } from '../../../shared/domain/error-words';
import { nodeNames } from '../../../shared/domain/profile';
import type { TrustStore } from '../net/trust-store';
import { connectVerified } from '../net/http-client';
import {
  COMMAND_BEGIN,
  COMMAND_CALL_JOURNEY,
  COMMAND_END,
  parseFrame,
  requestFrame,
  type CommandResponse,
  type TeamEvent,
} from './protocol';

/**
 * One WebSocket to the UCCX report server: subscribes the supervisor's team
 * status (report.teamstatus.begin), keeps the socket alive (reconnect forever
 * with exponential back-off and jitter, ping when quiet, a socket that stays
 * silent is dropped), ends the subscription on stop, and runs call-journey
 * lookups one at a time (the protocol has no request id, so answers are
 * matched by command).
 */

export interface ReportClientTimings {
  /** First reconnect delay; doubles per failed attempt. */
  backoffBaseMs: number;
  /** Longest reconnect delay. */
  backoffMaxMs: number;
  /** Ping after this long without any frame from the server. */
  pingAfterMs: number;
  /** Drop the socket when nothing at all (not even a pong) arrived this long after the ping. */
  deadAfterMs: number;
  /** Give up on the WebSocket handshake after this long. */
  connectTimeoutMs: number;
  /** A call-journey lookup fails with a timeout after this long in flight. */
  journeyTimeoutMs: number;
  /** How long stop() waits for the answer to report.teamstatus.end. */
  endTimeoutMs: number;
  /** A subscription request not answered this long is given up: the socket is dropped and the console subscribes again, with back-off. */
  beginTimeoutMs: number;
}

export const DEFAULT_TIMINGS: ReportClientTimings = {
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  pingAfterMs: 5_000,
  deadAfterMs: 5_000,
  connectTimeoutMs: 10_000,
  journeyTimeoutMs: 15_000,
  endTimeoutMs: 1_500,
  beginTimeoutMs: 10_000,
};

/**
 * Largest frame accepted from the report server unless the profile says
 * otherwise (reports.limits.maxFrameBytes): many times a teamadded for the
 * largest team; ws closes the socket (1009) on a bigger one and the client
 * reconnects.
 */
export const MAX_REPORT_FRAME_BYTES = DEFAULT_BOARD_LIMITS.maxFrameBytes;

/** Lookups waiting behind the one in flight; more are refused rather than queued without end. */
const MAX_QUEUED_JOURNEYS = 20;

export type ReportLinkState =
  | { kind: 'connecting'; detail: string; said: MainSentence }
  | { kind: 'subscribed' }
  /** `said`: the detail by message id, or the English itself where main words it in English only (a network failure). */
  | { kind: 'disconnected'; detail: string; said: MainSentence | string; retryAt: number }
  | { kind: 'refused'; detail: string; said: MainSentence | string; retryAt: number }
  | { kind: 'stopped' };

export interface ReportClientHandlers {
  /** A validated event, with the time it was received (epoch ms). */
  onEvent(event: TeamEvent, receivedAt: number): void;
  /** A frame that did not match the protocol (already logged). */
  onRejected(cause: keyof BoardRejections, count: number): void;
  /** The subscription was accepted: teamadded events for every team follow. */
  onSubscribed(at: number): void;
  onState(state: ReportLinkState): void;
}

export interface ReportClientOptions {
  url: string;
  /** What the screen calls the report server (the profile's label); default: its host name. */
  name?: string;
  agentId: string;
  /** Extra headers on the WebSocket handshake (Authorization, site-specific tokens): secrets, never logged. */
  headers?: Record<string, string>;
  /** For wss:// — certificates checked against the system store or the user's pins. */
  trust?: TrustStore;
  log: Logger;
  timings?: Partial<ReportClientTimings>;
  /** Largest frame accepted from the server; a bigger one closes the socket (and the console reconnects). */
  maxFrameBytes?: number;
  random?: () => number;
  now?: () => number;
}

interface JourneyRequest {
  callId: string;
  resolve(result: JourneyResult): void;
  reject(error: Error): void;
}

export class ReportClient {
  private readonly timings: ReportClientTimings;
  private readonly random: () => number;
  private readonly now: () => number;
  private socket: WebSocket | null = null;
  private subscribed = false;
  private stopped = true;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private livenessTimer: NodeJS.Timeout | null = null;
  private lastTrafficAt = 0;
  private pingSentAt: number | null = null;
  private beginTimer: NodeJS.Timeout | null = null;
  /** Why the last connection or subscription ended, until a subscription succeeds. */
  private lastFailure: string | null = null;
  /** `lastFailure` by message id where main says it so, else its English (a network failure's sentence). */
  private lastFailureSaid: MainSentence | string | null = null;
  private readonly maxFrameBytes: number;

  private readonly journeyQueue: JourneyRequest[] = [];
  private journeyInFlight: (JourneyRequest & { timer: NodeJS.Timeout }) | null = null;
  /** Call ids whose lookup timed out: a late answer for one of them must not be taken for the next lookup's. */
  private readonly lateCallIds = new Set<string>();
  private endWaiter: (() => void) | null = null;

  constructor(
    private readonly options: ReportClientOptions,
    private readonly handlers: ReportClientHandlers,
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.maxFrameBytes = options.maxFrameBytes ?? MAX_REPORT_FRAME_BYTES;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  get isSubscribed(): boolean {
    return this.subscribed;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** End the subscription (waiting briefly for the server's answer) and close for good. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    if (socket && socket.readyState === WebSocket.OPEN && this.subscribed) {
      const answered = new Promise<void>((resolve) => {
        this.endWaiter = resolve;
        setTimeout(resolve, this.timings.endTimeoutMs).unref();
      });
      socket.send(requestFrame(COMMAND_END, { agentId: this.options.agentId }));
      this.options.log.info(`sent ${COMMAND_END}`);
      await answered;
      this.endWaiter = null;
    }
    this.closeSocket('The report connection was closed.');
    this.handlers.onState({ kind: 'stopped' });
  }

  // ---- connection ---------------------------------------------------------

  private connect(): void {
    if (this.stopped) return;
    const { url, headers, trust } = this.options;
    // While it tries again, the screen keeps saying why the last attempt ended.
    const why = this.lastFailure ? ` Last attempt: ${this.lastFailure}` : '';
    this.handlers.onState({
      kind: 'connecting',
      detail: this.attempt === 0 ? 'Connecting to the report server.' : `Reconnecting to the report server (attempt ${this.attempt + 1}).${why}`,
      said:
        this.attempt === 0
          ? { id: 'main.reports.connecting' }
          : { id: 'main.reports.reconnecting', values: { attempt: this.attempt + 1, hasLast: this.lastFailure ? 'yes' : 'no', last: this.lastFailureSaid ?? '' } },
    });
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, {
        headers,
        handshakeTimeout: this.timings.connectTimeoutMs,
        perMessageDeflate: false,
        maxPayload: this.maxFrameBytes,
        ...(url.startsWith('wss:') && trust
          ? { createConnection: ((opts: object, callback: (error: Error | null, socket?: unknown) => void) => connectVerified(trust, opts, callback as never)) as never }
          : {}),
      });
    } catch (error) {
      this.scheduleReconnect(`The report server address is not usable: ${(error as Error).message}`);
      return;
    }
    this.socket = socket;
    this.subscribed = false;

    socket.on('open', () => {
      this.touch();
      this.options.log.info(`connected to ${safeUrl(url)}; sending ${COMMAND_BEGIN}`);
      socket.send(requestFrame(COMMAND_BEGIN, { agentId: this.options.agentId }));
      this.awaitBeginAnswer(socket);
      this.startLiveness();
      this.pumpJourneys();
    });
    socket.on('message', (data: RawData, isBinary: boolean) => {
      this.touch();
      this.onMessage(data, isBinary);
    });
    socket.on('pong', () => this.touch());
    socket.on('ping', () => this.touch());
    socket.on('unexpected-response', (_request, response) => {
      // e.g. 401 when the site's headers are wrong: worth saying in words.
      socket.terminate();
      this.dropped(socket, `The report server answered the connection with HTTP ${response.statusCode}.`, { id: 'main.reports.http', values: { status: response.statusCode ?? 0 } });
    });
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        const limit = Math.round(this.maxFrameBytes / 1024);
        this.dropped(
          socket,
          `The report server sent a message larger than the limit of ${limit} KiB (reports.limits.maxFrameBytes in the profile); it was not read, and the console reconnects.`,
          { id: 'main.reports.tooLarge', values: { limit } },
        );
        return;
      }
      // The sentence names the server; the raw error ("connect ECONNREFUSED …") goes to the log only.
      const failure = plainFailure(error, { system: 'Report server', node: this.options.name ?? nodeNames([this.options.url])[0], single: true });
      this.options.log.info(`report server: ${failure.detail}`);
      this.dropped(socket, failure.sentence);
    });
    socket.on('close', () => this.dropped(socket, 'The report server closed the connection.', { id: 'main.reports.serverClosed' }));
  }

  private touch(): void {
    this.lastTrafficAt = this.now();
    this.pingSentAt = null;
  }

  /**
   * A server that answers pings but never the subscription would leave the
   * board frozen while looking connected: give up on the socket after
   * beginTimeoutMs and subscribe again on a new one.
   */
  private awaitBeginAnswer(socket: WebSocket): void {
    this.clearBeginTimer();
    this.beginTimer = setTimeout(() => {
      this.beginTimer = null;
      if (this.socket !== socket || this.subscribed) return;
      const detail = `The report server did not answer the team status subscription within ${Math.round(this.timings.beginTimeoutMs / 1000)} s.`;
      this.options.log.warn(detail);
      this.dropped(socket, detail, { id: 'main.reports.noBeginAnswer', values: { seconds: Math.round(this.timings.beginTimeoutMs / 1000) } });
    }, this.timings.beginTimeoutMs);
    this.beginTimer.unref();
  }

  private clearBeginTimer(): void {
    if (this.beginTimer) clearTimeout(this.beginTimer);
    this.beginTimer = null;
  }

  /** Ping a quiet socket; drop one that answers nothing. */
  private startLiveness(): void {
    this.stopLiveness();
    const period = Math.max(50, Math.min(this.timings.pingAfterMs, this.timings.deadAfterMs) / 2);
    this.livenessTimer = setInterval(() => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      const now = this.now();
      if (this.pingSentAt !== null && now - this.pingSentAt >= this.timings.deadAfterMs) {
        this.options.log.warn(`report server silent for ${now - this.lastTrafficAt} ms; dropping the socket`);
        socket.terminate();
        this.dropped(socket, 'The report server stopped answering.', { id: 'main.reports.stopped' });
        return;
      }
      if (this.pingSentAt === null && now - this.lastTrafficAt >= this.timings.pingAfterMs) {
        this.pingSentAt = now;
        socket.ping();
      }
    }, period);
    this.livenessTimer.unref();
  }

  private stopLiveness(): void {
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    this.livenessTimer = null;
  }

  /** The socket is gone (error, close, dead): fail its lookups and come back later. Runs once per socket. */
  /** `said`: the same sentence by message id, where main says it so (a network failure's sentence is English only). */
  private dropped(socket: WebSocket, detail: string, said?: MainSentence): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.subscribed = false;
    this.stopLiveness();
    this.clearBeginTimer();
    socket.removeAllListeners('close');
    socket.on('error', () => {});
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.terminate();
    this.failJourneys(new ConsoleError('unavailable', `${detail} The call journey lookup was not answered.`));
    if (this.stopped) return;
    this.options.log.warn(detail);
    this.scheduleReconnect(detail, false, said);
  }

  private scheduleReconnect(detail: string, refused = false, said?: MainSentence): void {
    if (this.stopped || this.reconnectTimer) return;
    this.lastFailure = detail;
    this.lastFailureSaid = said ?? detail;
    // Exponential back-off with jitter (half fixed, half random) so many consoles do not reconnect in step.
    const ceiling = Math.min(this.timings.backoffMaxMs, this.timings.backoffBaseMs * 2 ** Math.min(this.attempt, 20));
    const delay = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    this.attempt++;
    const retryAt = this.now() + delay;
    this.handlers.onState({ kind: refused ? 'refused' : 'disconnected', detail, said: said ?? detail, retryAt });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private closeSocket(detail: string): void {
    const socket = this.socket;
    this.socket = null;
    this.subscribed = false;
    this.stopLiveness();
    this.clearBeginTimer();
    this.failJourneys(new ConsoleError('unavailable', detail));
    if (!socket) return;
    socket.removeAllListeners();
    socket.on('error', () => {});
    if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'console closing');
    else socket.terminate();
  }

  // ---- frames -------------------------------------------------------------

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.reject('notText', 'binary frame ignored');
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const frame = parseFrame(text);
    switch (frame.kind) {
      case 'rejected':
        this.reject(frame.cause, frame.reason);
        return;
      case 'event':
        this.handlers.onEvent(frame, this.now());
        return;
      case 'response':
        this.onResponse(frame);
        return;
    }
  }

  private reject(cause: keyof BoardRejections, reason: string): void {
    this.options.log.warn(`ignored a frame from the report server: ${reason}`);
    this.handlers.onRejected(cause, 1);
  }

  private onResponse(response: CommandResponse): void {
    switch (response.command) {
      case COMMAND_BEGIN:
        this.clearBeginTimer();
        if (response.success) {
          this.subscribed = true;
          this.attempt = 0;
          this.lastFailure = null;
          this.lastFailureSaid = null;
          this.options.log.info(`subscribed to team status as ${this.options.agentId}`);
          this.handlers.onSubscribed(this.now());
          this.handlers.onState({ kind: 'subscribed' });
        } else {
          const failure = response.failure!;
          const detail = `The report server refused the team status subscription: ${failure.message}${failure.code ? ` (${failure.code})` : ''}`;
          this.options.log.warn(detail);
          const socket = this.socket;
          if (socket) {
            this.socket = null;
            this.stopLiveness();
            socket.removeAllListeners();
            socket.on('error', () => {});
            socket.terminate();
          }
          this.failJourneys(new ConsoleError('unavailable', detail));
          this.scheduleReconnect(detail, true, {
            id: 'main.reports.refused',
            values: { message: failure.message, hasCode: failure.code ? 'yes' : 'no', code: failure.code ?? '' },
          });
        }
        return;
      case COMMAND_END:
        this.subscribed = false;
        this.endWaiter?.();
        return;
      case COMMAND_CALL_JOURNEY:
        this.onJourneyResponse(response);
        return;
      default:
        this.reject('unexpectedResponse', `answer to a command the console never sends: ${response.command.slice(0, 80)}`);
    }
  }

  // ---- call journeys ------------------------------------------------------

  /** Look up a call's journey. One lookup is in flight at a time; the rest wait their turn. */
  callJourney(callId: string): Promise<JourneyResult> {
    if (this.stopped || !this.socket || this.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ConsoleError('unavailable', 'The report server is not connected, so the call journey cannot be looked up now.', undefined, { id: 'errors.journey.notConnected' }));
    }
    if (this.journeyQueue.length >= MAX_QUEUED_JOURNEYS) {
      return Promise.reject(new ConsoleError('rejected', `${MAX_QUEUED_JOURNEYS} lookups are already waiting; try again when they are done.`, undefined, {
          id: 'errors.journey.tooMany',
          values: { count: MAX_QUEUED_JOURNEYS },
        }));
    }
    return new Promise<JourneyResult>((resolve, reject) => {
      this.journeyQueue.push({ callId, resolve, reject });
      this.pumpJourneys();
    });
  }

  private pumpJourneys(): void {
    if (this.journeyInFlight || this.journeyQueue.length === 0) return;
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const request = this.journeyQueue.shift()!;
    const timer = setTimeout(() => {
      if (this.journeyInFlight?.timer !== timer) return;
      this.journeyInFlight = null;
      this.lateCallIds.add(request.callId);
      if (this.lateCallIds.size > 50) this.lateCallIds.delete(this.lateCallIds.values().next().value!);
      const seconds = Math.round(this.timings.journeyTimeoutMs / 1000);
      request.reject(
        new ConsoleError('timeout', `The report server did not answer the call journey lookup for ${request.callId} within ${seconds} s.`, undefined, {
          id: 'errors.journey.timedOut',
          values: { callId: request.callId, seconds },
        }),
      );
      this.pumpJourneys();
    }, this.timings.journeyTimeoutMs);
    timer.unref();
    this.journeyInFlight = { ...request, timer };
    socket.send(requestFrame(COMMAND_CALL_JOURNEY, { CallId: request.callId }));
  }

  private onJourneyResponse(response: CommandResponse): void {
    const answeredId = journeyCallId(response);
    const inFlight = this.journeyInFlight;
    if (answeredId !== null && answeredId !== inFlight?.callId && this.lateCallIds.delete(answeredId)) {
      this.options.log.info(`late call journey answer for ${answeredId} ignored`);
      return;
    }
    if (!inFlight) {
      this.reject('unexpectedResponse', 'call journey answer with no lookup waiting');
      return;
    }
    clearTimeout(inFlight.timer);
    this.journeyInFlight = null;
    const receivedAt = this.now();
    if (response.success) {
      const steps = journeySteps(response.data);
      if (steps === null) {
        inFlight.reject(new ConsoleError('rejected', 'The report server answered the call journey lookup with data the console cannot read.', undefined, { id: 'errors.journey.unreadable' }));
      } else {
        inFlight.resolve({ callId: inFlight.callId, found: true, steps, receivedAt });
      }
    } else {
      inFlight.resolve({ callId: inFlight.callId, found: false, failure: response.failure!, receivedAt });
    }
    this.pumpJourneys();
  }

  private failJourneys(error: Error): void {
    const inFlight = this.journeyInFlight;
    this.journeyInFlight = null;
    if (inFlight) {
      clearTimeout(inFlight.timer);
      inFlight.reject(error);
    }
    for (const request of this.journeyQueue.splice(0)) request.reject(error);
  }
}

/** The call id an answer is about, when it says: a failure echoes the request, a success lists steps. */
function journeyCallId(response: CommandResponse): string | null {
  if (!response.success) {
    const original = response.original as { data?: { CallId?: unknown } } | null;
    const id = original?.data?.CallId;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  }
  const first = (response.data as { CallJourney?: Array<{ CallId?: unknown }> } | null)?.CallJourney?.[0]?.CallId;
  return typeof first === 'string' || typeof first === 'number' ? String(first) : null;
}

function journeySteps(data: unknown): JourneyStep[] | null {
  const list = (data as { CallJourney?: unknown } | null)?.CallJourney;
  if (!Array.isArray(list)) return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
  return list.slice(0, 1000).map((raw: Record<string, unknown>) => {
    const duration = text(raw?.Duration);
    return {
      callId: text(raw?.CallId),
      device: text(raw?.Device),
      deviceType: text(raw?.DeviceType),
      description: text(raw?.Description),
      duration,
      durationSeconds: parseDurationSeconds(duration),
    };
  });
}

/** The URL without user info, for logs. */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
