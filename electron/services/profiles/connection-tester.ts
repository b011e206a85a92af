import WebSocket from 'ws';
import type { ClientRequestArgs } from 'node:http';
import { nodeNameIn, type CertificateDetails, type ConnectionOutcome, type ConnectionTestResult, type ProfileServer, type SiteProfile, type SiteSecrets } from '../../../shared/domain/profile';
import { plainText } from '../../../shared/domain/glossary';
import type { MainMessage, ServerState } from '../../../shared/domain/status';
import { basicAuthHeader, connectVerified, type HttpClient, type HttpResponse } from '../net/http-client';
import { describeNetworkFailure } from '../net/network-error';
import type { TrustStore } from '../net/trust-store';
import { parseSystemInfo, parseUser, type SystemInfo } from '../finesse/finesse-xml';

/**
 * The "Test" button: one probe per configured node, each ending in a
 * diagnosis a person can act on (see ConnectionOutcome). Probes only read.
 */
export interface TesterOptions {
  http: HttpClient;
  trust: TrustStore;
  /** Per-probe deadline; default 6 s. */
  timeoutMs?: number;
  /** Called with every certificate a probe could not verify, so the user can confirm exactly that one. */
  onCertificate?: (certificate: CertificateDetails) => void;
  /** What the messages call a node (the profile's names, see nodeNameIn); default: its host and port. */
  nameOf?: (server: ProfileServer, url: string) => string;
}

/** A node's name in a test message. */
function nameOf(options: TesterOptions, server: ProfileServer, url: string): string {
  return options.nameOf?.(server, url) ?? hostOf(url);
}

/**
 * An authenticated read that any UCCX admin account may do and that exists
 * in every adminapi version (10.x+). /adminapi/systemConfig would be smaller
 * but is 12.x only [apis.md 1.3.8].
 */
export const UCCX_CREDENTIAL_PROBE = '/adminapi/skill';
/** Documented CUPI version probe [apis.md 2.1]. */
export const CUPI_CREDENTIAL_PROBE = '/vmrest/version/product/';
/** Public code treats a body containing `Master>true` as the DB master; the element name is [U], so match loosely. */
const DB_MASTER_TRUE = /Master>\s*true/i;

export async function testProfile(profile: SiteProfile, secrets: SiteSecrets, testOptions: TesterOptions): Promise<ConnectionTestResult[]> {
  const options: TesterOptions = { nameOf: (server, url) => nodeNameIn(profile, server, url), ...testOptions };
  const probes: Array<Promise<ConnectionTestResult>> = [];
  profile.uccx?.nodes.forEach((node, index) => probes.push(testUccxNode(node, `node ${index + 1}`, profile.uccx!.username, secrets.uccxPassword, options)));
  if (profile.cupi) {
    probes.push(testCupiNode(profile.cupi.publisher, 'publisher', profile.cupi.username, secrets.cupiPassword, options));
    if (profile.cupi.subscriber) probes.push(testCupiNode(profile.cupi.subscriber, 'subscriber', profile.cupi.username, secrets.cupiPassword, options));
  }
  if (profile.reports) probes.push(testReports(profile.reports, secrets, options));
  profile.finesse?.nodes.forEach((node, index) => probes.push(testFinesseNode(node, `node ${index + 1}`, profile.finesse!.username, secrets.finessePassword, options)));
  const results = await Promise.all(probes);
  return results.map((result) => ({ ...result, name: nameOf(options, result.server, result.node), roleMessage: roleMessage(result.role) }));
}

/** A node's role by message id: "node 2" → `main.role.node` with its number; "publisher", "subscriber", "report server". */
export function roleMessage(role: string): MainMessage {
  const numbered = /^node (\d+)$/.exec(role);
  if (numbered) return { id: 'main.role.node', values: { number: Number(numbered[1]) } };
  return { id: role === 'publisher' ? 'main.role.publisher' : role === 'subscriber' ? 'main.role.subscriber' : 'main.role.reports' };
}

export async function testUccxNode(node: string, role: string, username: string, password: string | undefined, options: TesterOptions): Promise<ConnectionTestResult> {
  const base = trimSlash(node);
  const started = Date.now();
  const result = (outcome: ConnectionOutcome, message: string, extra: Partial<ConnectionTestResult> = {}): ConnectionTestResult => ({
    server: 'uccx',
    node,
    role,
    outcome,
    message,
    ...extra,
  });
  let master: boolean | null = null;
  try {
    const probe = await options.http.request({ method: 'GET', url: `${base}/uccx/isDBMaster`, timeoutMs: options.timeoutMs ?? 6_000 });
    if (probe.status === 200) master = DB_MASTER_TRUE.test(probe.text());
  } catch (error) {
    return fromNetworkError('uccx', node, role, error, options);
  }
  const named = { node: nameOf(options, 'uccx', node), user: username };
  if (!password) return result('no-credentials', `${nameOf(options, 'uccx', node)} answers, but no password is saved for ${username}: enter it in the profile.`, { said: { id: 'main.test.noPassword', values: named } });
  let reply: HttpResponse;
  try {
    reply = await options.http.request({
      method: 'GET',
      url: `${base}${UCCX_CREDENTIAL_PROBE}`,
      headers: { authorization: basicAuthHeader(username, password), accept: 'application/json' },
      timeoutMs: options.timeoutMs ?? 6_000,
    });
  } catch (error) {
    return fromNetworkError('uccx', node, role, error, options);
  }
  if (reply.status === 401 || reply.status === 403) {
    return result('credentials-rejected', `${nameOf(options, 'uccx', node)} rejected the user name or password of ${username} (HTTP ${reply.status}). Check them, and that the account is a UCCX application administrator.`, {
      said: { id: 'main.test.uccx.rejected', values: { ...named, status: reply.status } },
    });
  }
  if (reply.status < 200 || reply.status >= 300) {
    return result('unexpected-reply', `${nameOf(options, 'uccx', node)} answered ${UCCX_CREDENTIAL_PROBE} with HTTP ${reply.status}; is this a UCCX node with the adminapi enabled?`, {
      said: { id: 'main.test.uccx.unexpected', values: { node: named.node, path: UCCX_CREDENTIAL_PROBE, status: reply.status } },
    });
  }
  const elapsedMs = Date.now() - started;
  if (master === false) {
    return result('not-db-master', `${nameOf(options, 'uccx', node)} is reachable and accepted ${username}, and is the standby: it takes over if the database master fails; changes go to the master.`, { elapsedMs, said: { id: 'main.test.uccx.standby', values: named } });
  }
  const masterNote = master === null ? ' (its database master state could not be read)' : ' and is the database master';
  return result('ok', `${nameOf(options, 'uccx', node)} accepted ${username}${masterNote}.`, { elapsedMs, said: { id: 'main.test.uccx.ok', values: { ...named, master: master === null ? 'unknown' : 'yes' } } });
}

export async function testCupiNode(node: string, role: string, username: string, password: string | undefined, options: TesterOptions): Promise<ConnectionTestResult> {
  const started = Date.now();
  const base = trimSlash(node);
  const result = (outcome: ConnectionOutcome, message: string, extra: Partial<ConnectionTestResult> = {}): ConnectionTestResult => ({ server: 'cupi', node, role, outcome, message, ...extra });
  if (!password) {
    // Still probe reachability so name, refusal and certificate problems show up.
    try {
      await options.http.request({ method: 'GET', url: `${base}/vmrest/`, timeoutMs: options.timeoutMs ?? 6_000 });
    } catch (error) {
      return fromNetworkError('cupi', node, role, error, options);
    }
    return result('no-credentials', `${nameOf(options, 'cupi', node)} answers, but no password is saved for ${username}: enter it in the profile.`, {
      said: { id: 'main.test.noPassword', values: { node: nameOf(options, 'cupi', node), user: username } },
    });
  }
  let reply: HttpResponse;
  try {
    reply = await options.http.request({
      method: 'GET',
      url: `${base}${CUPI_CREDENTIAL_PROBE}`,
      headers: { authorization: basicAuthHeader(username, password), accept: 'application/json' },
      timeoutMs: options.timeoutMs ?? 6_000,
    });
  } catch (error) {
    return fromNetworkError('cupi', node, role, error, options);
  }
  if (reply.status === 401 || reply.status === 403) {
    return result('credentials-rejected', `${nameOf(options, 'cupi', node)} rejected the user name or password of ${username} (HTTP ${reply.status}). Check them, and that the account has an administrator role.`, {
      said: { id: 'main.test.cupi.rejected', values: { node: nameOf(options, 'cupi', node), user: username, status: reply.status } },
    });
  }
  if (reply.status === 503) {
    return result('unexpected-reply', `${nameOf(options, 'cupi', node)} is busy (HTTP 503, Unity Connection throttling); test again in a moment.`, {
      said: { id: 'main.test.cupi.busy', values: { node: nameOf(options, 'cupi', node) } },
    });
  }
  if (reply.status < 200 || reply.status >= 300) {
    return result('unexpected-reply', `${nameOf(options, 'cupi', node)} answered ${CUPI_CREDENTIAL_PROBE} with HTTP ${reply.status}; is this a Unity Connection server?`, {
      said: { id: 'main.test.cupi.unexpected', values: { node: nameOf(options, 'cupi', node), path: CUPI_CREDENTIAL_PROBE, status: reply.status } },
    });
  }
  const version = /"?(?:version)"?\s*[:>]\s*"?([\d.()-]+\w*)/i.exec(reply.text())?.[1];
  return result('ok', `${nameOf(options, 'cupi', node)} accepted ${username}${version ? ` (Unity Connection ${version})` : ''}.`, {
    elapsedMs: Date.now() - started,
    said: { id: 'main.test.cupi.ok', values: { node: nameOf(options, 'cupi', node), user: username, hasVersion: version ? 'yes' : 'no', version: version ?? '' } },
  });
}

/**
 * Finesse: `GET /finesse/api/SystemInfo` says whether this node is in service
 * (the other node of a pair is not, and answers 503), then an authenticated
 * `GET /finesse/api/User/<username>` checks the password and that the account
 * is a supervisor (apis-2.md §1.5–1.6).
 */
export async function testFinesseNode(node: string, role: string, username: string, password: string | undefined, options: TesterOptions): Promise<ConnectionTestResult> {
  const base = trimSlash(node);
  const started = Date.now();
  const host = nameOf(options, 'finesse', node);
  const result = (outcome: ConnectionOutcome, message: string, extra: Partial<ConnectionTestResult> = {}): ConnectionTestResult => ({ server: 'finesse', node, role, outcome, message, ...extra });
  const headers: Record<string, string> = { accept: 'application/xml', ...(password ? { authorization: basicAuthHeader(username, password) } : {}) };
  let info: HttpResponse;
  try {
    info = await options.http.request({ method: 'GET', url: `${base}/finesse/api/SystemInfo`, headers, timeoutMs: options.timeoutMs ?? 6_000 });
  } catch (error) {
    return fromNetworkError('finesse', node, role, error, options);
  }
  const named = { node: host, user: username };
  if (info.status === 503) {
    return result('out-of-service', `${host}: Finesse is not in service on this node (HTTP 503); the console uses the other node.`, { said: { id: 'main.test.finesse.notInService', values: { node: host } } });
  }
  if (info.status === 401 || info.status === 403) {
    if (!password) return result('no-credentials', `${host} answers, but no Finesse password is saved for ${username}: enter it in the profile.`, { said: { id: 'main.test.finesse.noPassword', values: named } });
    return result('credentials-rejected', `${host} rejected the Finesse user name or password of ${username} (HTTP ${info.status}).`, {
      said: { id: 'main.test.finesse.rejected', values: { ...named, status: info.status } },
    });
  }
  if (info.status !== 200) {
    return result('unexpected-reply', `${host} answered /finesse/api/SystemInfo with HTTP ${info.status}; is this a Finesse node (HTTPS, usually port 8445)?`, {
      said: { id: 'main.test.finesse.unexpected', values: { node: host, status: info.status } },
    });
  }
  let system: SystemInfo;
  try {
    system = parseSystemInfo(info.text());
  } catch (error) {
    return result('unexpected-reply', `${host}: ${(error as Error).message}`);
  }
  if (system.status !== 'IN_SERVICE') {
    const reason = system.statusReason ? ` — ${system.statusReason.replace(/\.$/, '')}` : '';
    // Finesse's status by its code where we have words for it (as the glossary), else as Finesse sent it.
    const code = system.status.trim().toUpperCase();
    const status = !system.status ? 'none' : code === 'OUT_OF_SERVICE' || code === 'PARTIAL_SERVICE' ? code : system.status;
    return result('out-of-service', `${host}: Finesse is ${system.status ? plainText('finesse-system-status', system.status) : 'without a status'} on this node${reason}; requests go to the node in service.`, {
      said: {
        id: 'main.test.finesse.status',
        values: { node: host, status, hasReason: reason ? 'yes' : 'no', reason: system.statusReason ? system.statusReason.replace(/\.$/, '') : '' },
      },
    });
  }
  if (!password) {
    return result('no-credentials', `${host}: Finesse is in service, but no password is saved for ${username}: enter it in the profile.`, { said: { id: 'main.test.finesse.inServiceNoPassword', values: named } });
  }
  let reply: HttpResponse;
  try {
    reply = await options.http.request({ method: 'GET', url: `${base}/finesse/api/User/${encodeURIComponent(username)}`, headers, timeoutMs: options.timeoutMs ?? 6_000 });
  } catch (error) {
    return fromNetworkError('finesse', node, role, error, options);
  }
  if (reply.status === 401 || reply.status === 403) {
    return result('credentials-rejected', `${host} rejected the Finesse user name or password of ${username} (HTTP ${reply.status}).`, {
      said: { id: 'main.test.finesse.rejected', values: { ...named, status: reply.status } },
    });
  }
  if (reply.status === 404) {
    return result('unexpected-reply', `${host}: Finesse has no user ${username}; the Finesse user name is the supervisor's UCCX agent id.`, { said: { id: 'main.test.finesse.noUser', values: named } });
  }
  if (reply.status !== 200) {
    return result('unexpected-reply', `${host} answered the Finesse User request with HTTP ${reply.status}.`, { said: { id: 'main.test.finesse.userHttp', values: { node: host, status: reply.status } } });
  }
  try {
    const user = parseUser(reply.text());
    if (!user.roles.some((r) => r.toLowerCase() === 'supervisor')) {
      return result('unexpected-reply', `${host} accepted ${username}, but ${username} is not a supervisor in Finesse, so it cannot act on agents or send team messages.`, {
        said: { id: 'main.test.finesse.notSupervisor', values: named },
      });
    }
    const teams = `${user.teams.length} team${user.teams.length === 1 ? '' : 's'}`;
    return result('ok', `${host}: Finesse is in service and accepted ${username}, supervisor of ${teams}.`, {
      elapsedMs: Date.now() - started,
      said: { id: 'main.test.finesse.ok', values: { ...named, teams: user.teams.length } },
    });
  } catch (error) {
    return result('unexpected-reply', `${host}: ${(error as Error).message}`);
  }
}

/** Open the report server's WebSocket and close it again: reachability, certificate and credentials. */
export function testReports(reports: NonNullable<SiteProfile['reports']>, secrets: SiteSecrets, options: TesterOptions): Promise<ConnectionTestResult> {
  const node = reports.url;
  const role = 'report server';
  const started = Date.now();
  const headers: Record<string, string> = { ...(secrets.reportsHeaders ?? {}) };
  if (reports.username && secrets.reportsPassword) headers.authorization = basicAuthHeader(reports.username, secrets.reportsPassword);
  const secure = node.toLowerCase().startsWith('wss:');
  const timeoutMs = options.timeoutMs ?? 6_000;

  return new Promise((resolve) => {
    let settled = false;
    const wsOptions: WebSocket.ClientOptions & ClientRequestArgs = { headers, handshakeTimeout: timeoutMs };
    // wss goes through the same verification and pinning as every HTTPS request.
    if (secure) wsOptions.createConnection = ((connectOptions: Parameters<typeof connectVerified>[1], callback: Parameters<typeof connectVerified>[2]) => connectVerified(options.trust, connectOptions, callback)) as never;
    let socket: WebSocket;
    const finish = (value: ConnectionTestResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
      resolve(value);
    };
    const timer = setTimeout(
      () =>
        finish({
          server: 'reports',
          node,
          role,
          outcome: 'timed-out',
          message: `${nameOf(options, 'reports', node)}: the report server did not answer within ${timeoutMs} ms.`,
          said: { id: 'main.test.reports.timedOut', values: { node: nameOf(options, 'reports', node), ms: timeoutMs } },
        }),
      timeoutMs + 500,
    );
    try {
      socket = new WebSocket(node, wsOptions);
    } catch (error) {
      clearTimeout(timer);
      resolve({ server: 'reports', node, role, outcome: 'unexpected-reply', message: `${node} is not a usable WebSocket URL (${(error as Error).message}).` });
      return;
    }
    socket.on('open', () =>
      finish({
        server: 'reports',
        node,
        role,
        outcome: 'ok',
        message: `${nameOf(options, 'reports', node)}: the report server accepted the connection.`,
        said: { id: 'main.test.reports.ok', values: { node: nameOf(options, 'reports', node) } },
        elapsedMs: Date.now() - started,
      }),
    );
    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      if (status === 401 || status === 403) {
        finish({
          server: 'reports',
          node,
          role,
          outcome: 'credentials-rejected',
          message: `${nameOf(options, 'reports', node)}: the report server refused the credentials or headers of this profile (HTTP ${status}).`,
          said: { id: 'main.test.reports.rejected', values: { node: nameOf(options, 'reports', node), status } },
        });
      } else {
        finish({
          server: 'reports',
          node,
          role,
          outcome: 'unexpected-reply',
          message: `${nameOf(options, 'reports', node)}: answered HTTP ${status} instead of opening a WebSocket; check the URL's path and port.`,
          said: { id: 'main.test.reports.unexpected', values: { node: nameOf(options, 'reports', node), status } },
        });
      }
    });
    socket.on('error', (error) => finish(fromNetworkError('reports', node, role, error, options)));
  });
}

function fromNetworkError(server: ProfileServer, node: string, role: string, error: unknown, options: TesterOptions): ConnectionTestResult {
  const place = { system: SYSTEM_NAMES[server], node: nameOf(options, server, node), single: server === 'reports' };
  const failure = describeNetworkFailure(error, hostOf(node), place);
  if (failure.certificate) options.onCertificate?.(failure.certificate);
  const outcome: ConnectionOutcome = failure.kind === 'protocol' ? 'unexpected-reply' : failure.kind;
  return { server, node, role, outcome, message: failure.message, ...(failure.certificate ? { certificate: { ...failure.certificate } } : {}) };
}

const SYSTEM_NAMES: Record<ProfileServer, string> = { uccx: 'UCCX', cupi: 'Unity Connection', reports: 'Report server', finesse: 'Finesse' };

/** How each outcome shows in the app frame's status bar. */
export function statusStateFor(outcome: ConnectionOutcome): ServerState {
  // A node that is not the DB master is the normal standby of a healthy pair;
  // whether UCCX as a whole is read-only is the UCCX service's "UCCX" line.
  if (outcome === 'ok' || outcome === 'not-db-master' || outcome === 'out-of-service') return 'ok';
  if (outcome === 'no-credentials') return 'degraded';
  return 'down';
}

/**
 * `statusDetailFor`'s sentence by message id (docs/i18n.md, "Words from
 * main"): the node words of describeNode where they say the same, else
 * `main.status.<outcome>`.
 */
export function statusDetailMessageFor(result: ConnectionTestResult): MainMessage {
  if (result.outcome === 'ok') return { id: 'node.ok.detail' };
  if (result.outcome === 'not-db-master') return { id: 'node.standby.detail' };
  return { id: `main.status.${result.outcome}` };
}

/** The status bar's one short sentence per outcome (the Connections screen shows the full diagnosis). */
export function statusDetailFor(result: ConnectionTestResult): string {
  switch (result.outcome) {
    case 'ok':
      return 'Connected.';
    case 'not-db-master':
      return 'Standby — takes over if the active node fails (reachable; writes go to the database master).';
    case 'out-of-service':
      return 'Standby — takes over if the active node fails (Finesse requests go to the node in service).';
    case 'no-credentials':
      return 'No password saved in the profile.';
    case 'certificate-untrusted':
      return 'Certificate not trusted yet: check and confirm it in Connections.';
    case 'certificate-changed':
      return 'Certificate CHANGED since you trusted it: connection blocked, review it in Connections.';
    case 'credentials-rejected':
      return 'User name or password rejected.';
    case 'name-not-found':
      return 'Server name not found (DNS).';
    case 'connection-refused':
      return 'Connection refused: the server or service is not running.';
    case 'timed-out':
      return 'No answer in time.';
    case 'connection-reset':
      return 'The server closed the connection.';
    case 'unexpected-reply':
      return 'Unexpected reply: see Connections.';
  }
}

/** "host[:port]" of a URL, for messages and status ids. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 80);
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
