/**
 * The HTTP face of one UCCX node: `/uccx/isDBMaster` and `/adminapi/...`
 * (apis.md section 1). Both nodes of the pair run this handler over the
 * same store; they differ only in their own URL (every refURL they return
 * names the node that answered) and in whether they are the DB master.
 */
import type http from 'node:http';
import { type LabRequestHandler, basicCredentials, readBody } from '../lab-node';
import { type EntityName, type Tree, type TreeValue, UccxApiError, adminPath, entityFromSegment, isTree, notFound } from './model';
import { entityDefinition } from './schema';
import type { ListOptions, UccxStore } from './store';
import { absoluteAdminUrl, listToXml, objectToXml, parseXmlDocument } from './xml';
import { SUPERVISOR_CAPABILITIES, SupervisorAccess, forbidden, type SupervisorCapability, type SupervisorGrants, type UccxCaller } from './supervisor-access';

export interface UccxNodeHandlerOptions {
  store: UccxStore;
  credentials: { username: string; password: string };
  /**
   * Supervisors (resources of type 2) sign in with their own user id and this
   * password (the same end-user password Finesse takes); absent: none may.
   */
  supervisorPassword?: string;
  /** The advanced supervisor capabilities granted (supervisor-access.ts). */
  grants: SupervisorGrants;
  /** Shown in errors, e.g. "ccx-b is not the database master". */
  nodeName: string;
  /** Base URL of this node (scheme, host, port): the host of every refURL it returns. */
  nodeUrl: () => string;
  isDbMaster: () => boolean;
}

type Format = 'xml' | 'json';

/** An adminapi error that needs extra response headers (401, 405). */
class UccxHttpError extends UccxApiError {
  constructor(status: number, errorType: string, message: string, readonly headers: Record<string, string>, errorData = '') {
    super(status, errorType, message, errorData);
  }
}

const WAV_CONTENT_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'application/octet-stream'];

export function createUccxRequestHandler(options: UccxNodeHandlerOptions): LabRequestHandler {
  return async (req, res) => {
    const format = responseFormat(req);
    try {
      await route(options, req, res, format);
    } catch (error) {
      // Anything else is a lab bug: LabNode answers it with a 500.
      if (!(error instanceof UccxApiError)) throw error;
      sendError(res, error, format, options.nodeUrl());
    }
  };
}

async function route(options: UccxNodeHandlerOptions, req: http.IncomingMessage, res: http.ServerResponse, format: Format): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://uccx.invalid');
  const method = req.method ?? 'GET';
  if (url.pathname === '/uccx/isDBMaster') {
    if (method !== 'GET') throw methodNotAllowed(['GET'], 'isDBMaster only answers GET');
    // Public code matches the regex `Master>true`; the exact element name is [U].
    const body = `<?xml version="1.0" encoding="UTF-8"?><isDBMaster><DBMaster>${options.isDbMaster()}</DBMaster></isDBMaster>`;
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
    res.end(body);
    return;
  }
  const match = /^\/adminapi(?:\/(.*))?$/.exec(url.pathname);
  if (!match) throw new UccxApiError(404, 'Not Found', `${url.pathname} is not an adminapi resource`, url.pathname);
  const caller = authenticate(req, options);

  const segments = (match[1] ?? '').split('/');
  if (segments.at(-1) === '') segments.pop(); // trailing slash
  const entity = segments[0] ? entityFromSegment(segments[0]) : undefined;
  if (!entity) throw new UccxApiError(404, 'Not Found', `${url.pathname} is not an adminapi resource`, url.pathname);
  const ids = segments.slice(1).map(decodeSegment);
  const access = caller.role === 'supervisor' ? new SupervisorAccess(options.store, options.grants, caller.userID) : null;
  const context: RequestContext = { options, req, res, format, url, method, baseUrl: options.nodeUrl(), caller, access };

  if (entity === 'resource' && ids[1] === 'capabilities' && ids.length <= 3) return routeCapabilities(context, ids[0]!, ids[2]);
  if (entity === 'prompt') return routePrompt(context, ids);
  if (ids.length === 0) return routeCollection(context, entity);
  if (ids.length === 1) return routeItem(context, entity, ids[0]!);
  throw new UccxApiError(404, 'Not Found', `${url.pathname} is not an adminapi resource`, url.pathname);
}

interface RequestContext {
  options: UccxNodeHandlerOptions;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  format: Format;
  url: URL;
  method: string;
  baseUrl: string;
  caller: UccxCaller;
  /** The caller's limits when a supervisor signed in; null for an administrator. */
  access: SupervisorAccess | null;
}

async function routeCollection(context: RequestContext, entity: EntityName): Promise<void> {
  const { options, res, method } = context;
  if (method === 'GET') {
    const listOptions: ListOptions = {};
    if (entity === 'resource') {
      listOptions.withCsqs = context.url.searchParams.has('withCsqs');
      const csqId = context.url.searchParams.get('csqid');
      if (csqId !== null) listOptions.csqId = csqId;
    }
    context.access?.checkListRead(entity);
    const items = options.store.views(entity, listOptions);
    // A supervisor's list holds only what they may see (their teams' agents, their calendars and applications) [C for resources].
    sendList(res, entity, context.access ? context.access.filterList(entity, items) : items, context.format, context.baseUrl);
    return;
  }
  if (method === 'POST') {
    if (entity === 'resource') {
      // [P] Agents come from Unified CM end users with an IPCC extension; the adminapi has no Create Resource.
      throw methodNotAllowed(['GET'], 'resources cannot be created through the API; they are synchronised from Unified CM');
    }
    context.access?.checkWrite(entity, 'POST', null, null);
    requireDbMaster(options);
    const id = options.store.create(entity, await readEntityBody(context.req, entity));
    // Cisco: "URL of the new object" in the body [C]; the Location header is [U] and costs nothing.
    const location = context.baseUrl + adminPath(entity, id);
    res.writeHead(201, { location, 'content-type': 'text/plain; charset=utf-8' });
    res.end(location);
    return;
  }
  throw methodNotAllowed(entity === 'resource' ? ['GET'] : ['GET', 'POST'], `${method} is not supported on /adminapi/${entity}`);
}

async function routeItem(context: RequestContext, entity: EntityName, id: string): Promise<void> {
  const { options, res, method } = context;
  const allowed = entity === 'resource' ? ['GET', 'PUT'] : ['GET', 'PUT', 'DELETE'];
  if (method === 'GET') {
    context.access?.checkItemRead(entity, id);
    const withCsqs = entity === 'resource' && context.url.searchParams.has('withCsqs');
    const view = options.store.view(entity, id, { withCsqs });
    if (!view) throw notFound(entity, id);
    sendObject(res, entity, view, context.format, context.baseUrl);
    return;
  }
  if (!allowed.includes(method)) {
    throw methodNotAllowed(allowed, entity === 'resource' && method === 'DELETE' ? 'resources are removed in Unified CM, not through the API' : `${method} is not supported on /adminapi/${entity}/{id}`);
  }
  if (method === 'PUT') {
    const body = await readEntityBody(context.req, entity);
    context.access?.checkWrite(entity, method, id, body);
    requireDbMaster(options);
    options.store.replace(entity, id, body);
  } else {
    context.access?.checkWrite(entity, method, id, null);
    requireDbMaster(options);
    options.store.delete(entity, id);
  }
  // MODIFY and DELETE answer 200 with no body [C].
  res.writeHead(200);
  res.end();
}

/**
 * Prompts are addressed by file name (/adminapi/prompt/welcome.wav) [C].
 * Uploading raw audio/wav with POST (new) or PUT (replace) to that URL is
 * the lab's choice [U]: the product documents a multipart upload
 * (/adminapi/prompt/uploadFile) and GET /adminapi/prompt/download/<path>,
 * which the lab also answers for downloads.
 */
async function routePrompt(context: RequestContext, ids: string[]): Promise<void> {
  const { options, res, method, req } = context;
  const store = options.store;
  if (ids.length === 0) {
    if (method !== 'GET') throw methodNotAllowed(['GET'], 'upload a prompt to /adminapi/prompt/<file name>');
    sendList(res, 'prompt', store.views('prompt'), context.format, context.baseUrl);
    return;
  }
  if (ids.length === 2 && ids[0] === 'download') {
    if (method !== 'GET') throw methodNotAllowed(['GET'], 'downloads only answer GET');
    sendAudio(res, ids[1]!, store);
    return;
  }
  if (ids.length !== 1) throw new UccxApiError(404, 'Not Found', `${context.url.pathname} is not an adminapi resource`, context.url.pathname);
  const fileName = ids[0]!;
  if (method === 'GET') {
    const accept = (req.headers.accept ?? '').toLowerCase();
    if (accept.includes('audio/')) {
      sendAudio(res, fileName, store);
      return;
    }
    const view = store.view('prompt', fileName);
    if (!view) throw notFound('prompt', fileName);
    sendObject(res, 'prompt', view, context.format, context.baseUrl);
    return;
  }
  if (method === 'DELETE') {
    context.access?.checkWrite('prompt', method, fileName, null);
    requireDbMaster(options);
    store.delete('prompt', fileName);
    res.writeHead(200);
    res.end();
    return;
  }
  if (method !== 'POST' && method !== 'PUT') throw methodNotAllowed(['GET', 'POST', 'PUT', 'DELETE'], `${method} is not supported on prompts`);
  context.access?.checkWrite('prompt', method, fileName, null);
  requireDbMaster(options);
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!WAV_CONTENT_TYPES.includes(contentType)) {
    throw new UccxApiError(415, 'Unsupported Media Type', `prompts are uploaded as audio/wav, got '${contentType || 'no content type'}'`, contentType);
  }
  store.savePrompt(fileName, await readBody(req), method === 'POST' ? 'create' : 'replace');
  if (method === 'POST') {
    const location = context.baseUrl + adminPath('prompt', fileName);
    res.writeHead(201, { location, 'content-type': 'text/plain; charset=utf-8' });
    res.end(location);
  } else {
    res.writeHead(200);
    res.end();
  }
}

function sendAudio(res: http.ServerResponse, fileName: string, store: UccxStore): void {
  const bytes = store.promptAudio(fileName);
  if (!bytes) throw notFound('prompt', fileName);
  res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': bytes.length });
  res.end(bytes);
}

/** The administrator, or a supervisor with their own password; anything else (an agent included) is 401. */
function authenticate(req: http.IncomingMessage, options: UccxNodeHandlerOptions): UccxCaller {
  const credentials = basicCredentials(req);
  const expected = options.credentials;
  if (credentials && credentials.username === expected.username && credentials.password === expected.password) {
    return { role: 'administrator', username: credentials.username };
  }
  if (
    credentials &&
    options.supervisorPassword !== undefined &&
    credentials.password === options.supervisorPassword &&
    options.store.exists('resource', credentials.username) &&
    options.store.isSupervisor(credentials.username)
  ) {
    return { role: 'supervisor', userID: credentials.username };
  }
  throw new UccxHttpError(401, 'Unauthorized', 'valid HTTP Basic credentials of an administrator or supervisor are required', {
    'www-authenticate': 'Basic realm="UCCX"',
  });
}

/**
 * Advanced supervisor capabilities [C: get/add-advanced-supervisor-capabilities,
 * get/modify-calendars-managed-by-supervisors, get/add-applications-managed-by-supervisor]:
 * `/adminapi/resource/{userID}/capabilities`, `…/capabilities/calendars`,
 * `…/capabilities/applications`. The calendar list is answered as Cisco's
 * sample spells it, `<caledarList>`; a PUT may use either spelling. Who may
 * read and write them is the lab's choice [U]: an administrator anyone's, a
 * supervisor only their own, and only administrators write.
 */
async function routeCapabilities(context: RequestContext, userID: string, list: string | undefined): Promise<void> {
  const { options, method, caller } = context;
  const store = options.store;
  if (list !== undefined && list !== 'calendars' && list !== 'applications') {
    throw new UccxApiError(404, 'Not Found', `${context.url.pathname} is not an adminapi resource`, context.url.pathname);
  }
  if (!store.exists('resource', userID)) throw new UccxApiError(404, 'Not Found', `resource '${userID}' does not exist`, userID);
  if (method !== 'GET' && method !== 'PUT') throw methodNotAllowed(['GET', 'PUT'], `${method} is not supported on capabilities`);
  if (caller.role === 'supervisor' && (method === 'PUT' || caller.userID !== userID)) {
    throw forbidden(method === 'PUT' ? 'only administrators may grant supervisor capabilities' : `supervisor ${caller.userID} may read only their own capabilities`, userID);
  }
  const resource = { '@name': store.displayName('resource', userID) ?? userID, refURL: `/adminapi/resource/${encodeURIComponent(userID)}` };
  if (method === 'PUT') {
    if (!store.isSupervisor(userID)) throw new UccxApiError(400, 'Invalid Input', `resource '${userID}' is not a supervisor`, userID);
    requireDbMaster(options);
    const { value } = parseXmlDocument((await readBody(context.req)).toString('utf8'));
    const body = asTree(value) ?? {};
    if (list === undefined) {
      const values = asList(asTree(body.capabilityList)?.capability).map((item) => String(item).trim());
      const unknown = values.find((item) => !(SUPERVISOR_CAPABILITIES as readonly string[]).includes(item));
      if (unknown !== undefined) throw new UccxApiError(400, 'Invalid Input', `unknown capability '${unknown}'; known: ${SUPERVISOR_CAPABILITIES.join(', ')}`, unknown);
      options.grants.set(userID, { capabilities: [...new Set(values as SupervisorCapability[])] });
    } else {
      const entity = list === 'calendars' ? 'calendar' : 'application';
      const listElement = list === 'calendars' ? (asTree(body.caledarList) ?? asTree(body.calendarList)) : asTree(body.applicationList);
      const ids = asList(listElement?.[entity]).map((item) => {
        const id = String(asTree(item)?.refURL ?? '').split('/').pop() ?? '';
        const decoded = decodeSegment(id);
        if (!store.exists(entity, decoded)) throw new UccxApiError(400, 'Invalid Input', `${entity} '${decoded}' does not exist`, decoded);
        return decoded;
      });
      options.grants.set(userID, list === 'calendars' ? { calendars: [...new Set(ids)] } : { applications: [...new Set(ids)] });
    }
    context.res.writeHead(200);
    context.res.end();
    return;
  }
  const grant = options.grants.get(userID);
  let root: string;
  let tree: Tree;
  if (list === undefined) {
    root = 'capabilities';
    tree = { resource, capabilityList: { capability: grant.capabilities } };
  } else if (list === 'calendars') {
    root = 'calendars';
    const calendars = grant.calendars.filter((id) => store.exists('calendar', id));
    tree = { resource, caledarList: { calendar: calendars.map((id) => ({ '@name': store.displayName('calendar', id) ?? id, refURL: `/adminapi/calendar/${encodeURIComponent(id)}` })) } };
  } else {
    root = 'applications';
    const applications = grant.applications.filter((id) => store.exists('application', id));
    tree = { resource, applicationList: { application: applications.map((id) => ({ '@name': id, refURL: `/adminapi/application/${encodeURIComponent(id)}` })) } };
  }
  sendObject(context.res, root as EntityName, tree, context.format, context.baseUrl);
}

/**
 * The non-master node is read-only [P: Expertflow docs]; the 503 status is
 * the lab's choice [U]. In island mode both nodes pass this check.
 */
function requireDbMaster(options: UccxNodeHandlerOptions): void {
  if (!options.isDbMaster()) {
    throw new UccxApiError(
      503,
      'Service Unavailable',
      `${options.nodeName} is not the database master; configuration is read-only on this node`,
      options.nodeName,
    );
  }
}

function methodNotAllowed(allowed: string[], message: string): UccxHttpError {
  return new UccxHttpError(405, 'Method Not Allowed', message, { allow: allowed.join(', ') });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new UccxApiError(400, 'Malformed Request', `invalid URL encoding in '${segment}'`, segment);
  }
}

/** Body of a POST/PUT, as XML (default) or JSON (Content-Type: application/json). */
async function readEntityBody(req: http.IncomingMessage, entity: EntityName): Promise<Tree> {
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const text = (await readBody(req)).toString('utf8');
  if (contentType.includes('json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UccxApiError(400, 'Malformed Request', `malformed JSON: ${(error as Error).message}`, 'body');
    }
    if (!isTree(parsed)) throw new UccxApiError(400, 'Malformed Request', `the JSON body must be one ${entity} object`, 'body');
    // Tolerate a body wrapped in its type name ({"skill": {...}}).
    const keys = Object.keys(parsed);
    if (keys.length === 1 && keys[0] === entity && isTree(parsed[entity])) return parsed[entity];
    return parsed;
  }
  if (contentType === '' || contentType.includes('xml')) {
    const { root, value } = parseXmlDocument(text);
    // Root names are case-tolerant: Cisco's own skill sample uses <Skill> [P].
    if (root.toLowerCase() !== entity.toLowerCase()) {
      throw new UccxApiError(400, 'Malformed Request', `expected a <${entity}> element, got <${root}>`, root);
    }
    return isTree(value) ? value : {};
  }
  throw new UccxApiError(415, 'Unsupported Media Type', `send application/xml or application/json, got '${contentType}'`, contentType);
}

/** JSON when the client accepts it (reads) or wrote JSON without saying what it accepts (writes). */
function responseFormat(req: http.IncomingMessage): Format {
  const accept = (req.headers.accept ?? '').toLowerCase();
  if (accept.includes('application/json')) return 'json';
  if (accept.includes('xml')) return 'xml';
  return (req.headers['content-type'] ?? '').toLowerCase().includes('json') ? 'json' : 'xml';
}

function jsonText(value: unknown, baseUrl: string): string {
  return JSON.stringify(value, (key, item: unknown) => (typeof item === 'string' ? absoluteAdminUrl(key, item, baseUrl) : item));
}

function sendObject(res: http.ServerResponse, entity: EntityName, tree: Tree, format: Format, baseUrl: string): void {
  if (format === 'json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(jsonText(tree, baseUrl));
  } else {
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
    res.end(objectToXml(entity, tree, baseUrl));
  }
}

/**
 * JSON lists are keyed by the singular type; a one-item list comes back as
 * a bare object instead of an array, the quirk CUPI documents and the
 * ccondry client guards against in UCCX too [P].
 */
function sendList(res: http.ServerResponse, entity: EntityName, items: Tree[], format: Format, baseUrl: string): void {
  if (format === 'json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(jsonText({ [entity]: items.length === 1 ? items[0] : items }, baseUrl));
  } else {
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
    res.end(listToXml(entityDefinition(entity).listRoot, entity, items, baseUrl));
  }
}

/**
 * Error body: the lab's choice [U], the lower-camel variant of the CVP/PCCE
 * format: <apiErrors><apiError><errorType/><errorData/><errorMessage/></apiError></apiErrors>,
 * in JSON {"apiError":[{"errorType":..,"errorData":..,"errorMessage":..}]}.
 */
function sendError(res: http.ServerResponse, error: UccxApiError, format: Format, baseUrl: string): void {
  const headers: Record<string, string> = error instanceof UccxHttpError ? { ...error.headers } : {};
  const apiError = { errorType: error.errorType, errorData: error.errorData, errorMessage: error.message };
  if (format === 'json') {
    res.writeHead(error.status, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify({ apiError: [apiError] }));
  } else {
    res.writeHead(error.status, { ...headers, 'content-type': 'application/xml; charset=utf-8' });
    res.end(objectToXml('apiErrors', { apiError }, baseUrl));
  }
}

function asTree(value: TreeValue | undefined): Tree | undefined {
  return isTree(value) ? value : undefined;
}

function asList(value: TreeValue | undefined): TreeValue[] {
  return value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value];
}
