import { element, isElement, parseXml, serializeXml, textElement, textOf, XmlParseError, type XmlElement } from '../uccx/xml-tree';
import { isAgentState, type AgentState } from '../../../shared/domain/finesse';

/**
 * Reading Finesse's XML answers (apis-2.md §1) through the project's parser.
 * Element names are matched case-insensitively: Finesse writes `reasonCode`
 * in Team answers and `ReasonCode` in notifications [C], and error bodies are
 * capitalised in REST and lower-case over XMPP. Unknown elements are ignored.
 * A reply that is not Finesse XML (an HTML page from a proxy, a cut-off
 * document) is a FinesseReplyError whose message says so in words.
 */
export class FinesseReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FinesseReplyError';
  }
}

/** Parse a Finesse answer; `what` names it in messages ("the Team 5 answer"). */
export function parseFinesse(text: string, what: string, expectedRoot?: string): XmlElement {
  const head = text.trimStart().slice(0, 200).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body)[\s>]/.test(head)) {
    throw new FinesseReplyError(`Finesse sent an HTML page instead of XML for ${what} (a login or error page in front of Finesse?).`);
  }
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    const detail = error instanceof XmlParseError ? error.message.replace(/^The server sent /, '') : 'unreadable XML';
    throw new FinesseReplyError(`Finesse's answer for ${what} could not be read: ${detail}`);
  }
  if (expectedRoot && root.name.toLowerCase() !== expectedRoot.toLowerCase()) {
    throw new FinesseReplyError(`Finesse answered ${what} with <${root.name}> instead of <${expectedRoot}>.`);
  }
  return root;
}

/** Child elements named `name` (any case). */
export function kids(parent: XmlElement | undefined, name?: string): XmlElement[] {
  if (!parent) return [];
  const wanted = name?.toLowerCase();
  return parent.children.filter((node): node is XmlElement => isElement(node) && (wanted === undefined || node.name.toLowerCase() === wanted));
}

export function kid(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  return kids(parent, name)[0];
}

/** Trimmed text of a child element (any case), '' when absent. */
export function kidText(parent: XmlElement | undefined, name: string): string {
  return textOf(kid(parent, name)).trim();
}

/** ISO 8601 UTC with milliseconds, as Finesse writes times [C]; '' (unknown) and anything unreadable → null. */
export function parseFinesseTime(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^\d{10,13}$/.test(trimmed)) return trimmed.length === 13 ? Number(trimmed) : Number(trimmed) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? ms : null;
}

export interface SystemInfo {
  status: string;
  statusReason: string;
  /** Finesse's clock, epoch ms; null when absent or unreadable. */
  currentTimestamp: number | null;
  deploymentType: string;
  /** Host names of the pair as Finesse names them (informational: requests only go to the profile's nodes). */
  primaryHost: string;
  secondaryHost: string;
}

export function parseSystemInfo(text: string): SystemInfo {
  const root = parseFinesse(text, 'SystemInfo', 'SystemInfo');
  return {
    status: kidText(root, 'status').toUpperCase(),
    statusReason: kidText(root, 'statusReason'),
    currentTimestamp: parseFinesseTime(kidText(root, 'currentTimestamp')),
    deploymentType: kidText(root, 'deploymentType'),
    primaryHost: kidText(kid(root, 'primaryNode'), 'host'),
    secondaryHost: kidText(kid(root, 'secondaryNode'), 'host'),
  };
}

export interface FinesseUser {
  loginId: string;
  name: string;
  roles: string[];
  /** For a supervisor: the teams they supervise. */
  teams: Array<{ id: string; name: string }>;
}

export function parseUser(text: string): FinesseUser {
  const root = parseFinesse(text, 'the User answer', 'User');
  const loginId = kidText(root, 'loginId');
  return {
    loginId,
    name: displayName(root, loginId),
    roles: kids(kid(root, 'roles'), 'role').map((role) => textOf(role).trim()),
    teams: kids(kid(root, 'teams'), 'Team')
      .map((team) => ({ id: kidText(team, 'id'), name: kidText(team, 'name') }))
      .filter((team) => team.id !== ''),
  };
}

export interface TeamUser {
  loginId: string;
  name: string;
  state: AgentState;
  /** The state text when Finesse sent one this console does not know (shown as Unknown, and said on screen). */
  unknownState: string | null;
  pendingState: AgentState | null;
  /** Finesse's clock, epoch ms; null when Finesse left it empty (unknown). */
  stateChangeTime: number | null;
  reasonLabel: string;
}

export interface FinesseTeamView {
  id: string;
  name: string;
  users: TeamUser[];
}

export function parseTeam(text: string, teamId: string): FinesseTeamView {
  const root = parseFinesse(text, `team ${teamId}`, 'Team');
  const users = kids(kid(root, 'users'), 'User').map((user): TeamUser => {
    const loginId = kidText(user, 'loginId');
    const rawState = kidText(user, 'state').toUpperCase();
    const pending = kidText(user, 'pendingState').toUpperCase();
    const known = isAgentState(rawState);
    return {
      loginId,
      name: displayName(user, loginId),
      state: known ? rawState : 'UNKNOWN',
      unknownState: known ? null : rawState || '(empty)',
      pendingState: pending && isAgentState(pending) ? pending : null,
      stateChangeTime: parseFinesseTime(kidText(user, 'stateChangeTime')),
      reasonLabel: kidText(kid(user, 'reasonCode'), 'label'),
    };
  });
  return { id: kidText(root, 'id') || teamId, name: kidText(root, 'name'), users: users.filter((user) => user.loginId !== '') };
}

export interface ApiError {
  type: string;
  message: string;
  data: string;
}

/** The errors of an ApiErrors body (any case); [] when the body is not one. */
export function parseApiErrors(text: string): ApiError[] {
  if (!/apierrors/i.test(text)) return [];
  try {
    const root = parseXml(text);
    return kids(root, 'ApiError').map((error) => ({ type: kidText(error, 'ErrorType'), message: kidText(error, 'ErrorMessage'), data: kidText(error, 'ErrorData') }));
  } catch {
    return [];
  }
}

export interface TeamMessageXml {
  id: string;
  content: string;
  teamIds: string[];
  /** Finesse's clock, epoch ms (createdAt is seconds since the epoch [C]). */
  createdAt: number | null;
  durationSeconds: number;
  createdBy: { id: string; name: string };
}

export function parseTeamMessage(element: XmlElement): TeamMessageXml {
  const createdAt = kidText(element, 'createdAt');
  const by = kid(element, 'createdBy');
  const byId = kidText(by, 'id');
  return {
    id: kidText(element, 'id') || (kidText(element, 'uri').split('/').pop() ?? ''),
    content: kidText(element, 'content'),
    teamIds: kids(kid(element, 'teams'), 'team').map((team) => (kid(team, 'id') ? kidText(team, 'id') : textOf(team).trim())).filter(Boolean),
    createdAt: /^\d+$/.test(createdAt) ? Number(createdAt) * (createdAt.length >= 13 ? 1 : 1000) : parseFinesseTime(createdAt),
    durationSeconds: Number(kidText(element, 'duration')) || 0,
    createdBy: { id: byId, name: by ? displayName(by, byId) : '' },
  };
}

export function parseTeamMessages(text: string, what: string): TeamMessageXml[] {
  const root = parseFinesse(text, what);
  const list = root.name.toLowerCase() === 'teammessage' ? [root] : kids(root, 'TeamMessage');
  return list.map(parseTeamMessage).filter((message) => message.id !== '');
}

function displayName(element: XmlElement, fallback: string): string {
  return [kidText(element, 'firstName'), kidText(element, 'lastName')].filter(Boolean).join(' ') || fallback;
}

/** `<User><state>READY</state></User>`: a supervisor's change never carries a reasonCodeId [C: ch.47]. */
export function stateChangeBody(target: string): string {
  return serializeXml(element('User', [textElement('state', target)]));
}

export function teamMessageBody(content: string, durationSeconds: number, teamIds: readonly string[]): string {
  return serializeXml(
    element('TeamMessage', [
      textElement('duration', String(Math.round(durationSeconds))),
      textElement('content', content),
      element('teams', teamIds.map((id) => textElement('team', id))),
    ]),
  );
}
