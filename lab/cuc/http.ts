import type http from 'node:http';
import { basicCredentials, readBody, type LabRequestHandler } from '../lab-node';
import type { CredentialKind } from './credentials';
import { CupiError, notFound } from './errors';
import type { ListPage } from './listing';
import { cookieValue, type SessionTable } from './sessions';
import type { CucStore } from './store';
import type { RequestThrottle } from './throttle';
import {
  bodyFormatFor,
  contentTypeOf,
  parseBody,
  renderError,
  renderList,
  renderObject,
  responseFormatFor,
  type CupiRecord,
  type WireFormat,
} from './wire';

/**
 * The /vmrest HTTP API of one Unity Connection node. Per request, in order:
 *   1. throttle: wait for one of the node's processing slots, or 503 "server busy";
 *   2. authenticate: a live JSESSIONID cookie, or HTTP Basic (→ new cookie), or 401;
 *   3. route: 404 for unknown paths, 405 for a method the path does not take;
 *   4. writes: 403 on a node that may not write, 415 without a JSON/XML Content-Type;
 *   5. run the store operation; CupiErrors become ErrorDetails bodies.
 */
export interface CupiNodeContext {
  readonly store: CucStore;
  readonly credentials: { readonly username: string; readonly password: string };
  readonly throttle: RequestThrottle;
  readonly sessions: SessionTable;
  /** Whether this node may provision right now (publisher, or subscriber acting as primary). */
  acceptsWrites(): boolean;
  /** Scheme, host and port of this node, for Location headers. */
  baseUrl(): string;
  /** Simulated work per request inside the throttle (lets tests fill the queue). */
  processingDelayMs(): number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a route's operation produces. */
type Outcome =
  | { kind: 'object'; element: string; record: CupiRecord }
  | { kind: 'list'; list: string; item: string; page: ListPage<CupiRecord> }
  | { kind: 'created'; uri: string }
  | { kind: 'done' };

interface Call {
  params: Record<string, string>;
  query: URLSearchParams;
  body: () => CupiRecord;
}

type Operation = (call: Call) => Outcome;

interface Route {
  pattern: string[];
  methods: Partial<Record<Method, Operation>>;
}

const object = (element: string, record: CupiRecord): Outcome => ({ kind: 'object', element, record });
const list = (listName: string, item: string, page: ListPage<CupiRecord>): Outcome => ({ kind: 'list', list: listName, item, page });
const created = (record: CupiRecord): Outcome => ({ kind: 'created', uri: record.URI! });
const done: Outcome = { kind: 'done' };

function routesFor(store: CucStore): Route[] {
  const credentialKind = (name: string): CredentialKind => {
    if (name === 'pin' || name === 'password') return name;
    throw notFound(`No credential "${name}"; use pin or password.`);
  };
  return [
    {
      pattern: ['version', 'product'],
      methods: { GET: () => object('VersionInformation', { name: store.productName, version: store.productVersion }) },
    },
    {
      pattern: ['users'],
      methods: {
        GET: ({ query }) => list('Users', 'User', store.listUsers(query)),
        POST: ({ query, body }) => created(store.createUser(query.get('templateAlias'), body())),
      },
    },
    {
      pattern: ['users', ':id'],
      methods: {
        GET: ({ params }) => object('User', store.getUser(params.id!)),
        PUT: ({ params, body }) => (store.updateUser(params.id!, body()), done),
        DELETE: ({ params }) => (store.deleteUser(params.id!), done),
      },
    },
    {
      pattern: ['users', ':id', 'credential', ':kind'],
      methods: {
        GET: ({ params }) => object('Credential', store.getCredential(params.id!, credentialKind(params.kind!))),
        PUT: ({ params, body }) => (store.updateCredential(params.id!, credentialKind(params.kind!), body()), done),
      },
    },
    {
      pattern: ['usertemplates'],
      methods: { GET: ({ query }) => list('UserTemplates', 'UserTemplate', store.listUserTemplates(query)) },
    },
    {
      pattern: ['usertemplates', ':id'],
      methods: { GET: ({ params }) => object('UserTemplate', store.getUserTemplate(params.id!)) },
    },
    {
      pattern: ['contacts'],
      methods: {
        GET: ({ query }) => list('Contacts', 'Contact', store.listContacts(query)),
        POST: ({ query, body }) => created(store.createContact(query.get('templateAlias'), body())),
      },
    },
    {
      pattern: ['contacts', ':id'],
      methods: {
        GET: ({ params }) => object('Contact', store.getContact(params.id!)),
        PUT: ({ params, body }) => (store.updateContact(params.id!, body()), done),
        DELETE: ({ params }) => (store.deleteContact(params.id!), done),
      },
    },
    {
      pattern: ['contacttemplates'],
      methods: { GET: () => list('ContactTemplates', 'ContactTemplate', store.listContactTemplates()) },
    },
    {
      pattern: ['distributionlists'],
      methods: {
        GET: ({ query }) => list('DistributionLists', 'DistributionList', store.listDistributionLists(query)),
        POST: ({ body }) => created(store.createDistributionList(body())),
      },
    },
    {
      pattern: ['distributionlists', ':id'],
      methods: {
        GET: ({ params }) => object('DistributionList', store.getDistributionList(params.id!)),
        PUT: ({ params, body }) => (store.updateDistributionList(params.id!, body()), done),
        DELETE: ({ params }) => (store.deleteDistributionList(params.id!), done),
      },
    },
    {
      pattern: ['distributionlists', ':id', 'distributionlistmembers'],
      methods: {
        GET: ({ params, query }) => list('DistributionListMembers', 'DistributionListMember', store.listMembers(params.id!, query)),
        POST: ({ params, body }) => created(store.addMember(params.id!, body())),
      },
    },
    {
      pattern: ['distributionlists', ':id', 'distributionlistmembers', ':memberId'],
      methods: {
        GET: ({ params }) => object('DistributionListMember', store.getMember(params.id!, params.memberId!)),
        DELETE: ({ params }) => (store.removeMember(params.id!, params.memberId!), done),
      },
    },
    {
      pattern: ['handlers', 'callhandlers'],
      methods: {
        GET: ({ query }) => list('Callhandlers', 'Callhandler', store.listCallHandlers(query)),
        POST: ({ query, body }) => created(store.createCallHandler(query.get('templateObjectId'), body())),
      },
    },
    {
      pattern: ['handlers', 'callhandlers', ':id'],
      methods: {
        GET: ({ params }) => object('Callhandler', store.getCallHandler(params.id!)),
        PUT: ({ params, body }) => (store.updateCallHandler(params.id!, body()), done),
        DELETE: ({ params }) => (store.deleteCallHandler(params.id!), done),
      },
    },
    {
      pattern: ['handlers', 'callhandlers', ':id', 'greetings'],
      methods: { GET: ({ params }) => list('Greetings', 'Greeting', store.listGreetings(params.id!)) },
    },
    {
      pattern: ['handlers', 'callhandlers', ':id', 'greetings', ':type'],
      methods: {
        GET: ({ params }) => object('Greeting', store.getGreeting(params.id!, params.type!)),
        PUT: ({ params, body }) => (store.updateGreeting(params.id!, params.type!, body()), done),
      },
    },
    {
      pattern: ['handlers', 'callhandlers', ':id', 'transferoptions'],
      methods: { GET: ({ params }) => list('TransferOptions', 'TransferOption', store.listTransferOptions(params.id!)) },
    },
    {
      pattern: ['handlers', 'callhandlers', ':id', 'transferoptions', ':type'],
      methods: {
        GET: ({ params }) => object('TransferOption', store.getTransferOption(params.id!, params.type!)),
        PUT: ({ params, body }) => (store.updateTransferOption(params.id!, params.type!, body()), done),
      },
    },
    {
      pattern: ['callhandlertemplates'],
      methods: { GET: () => list('CallhandlerTemplates', 'CallhandlerTemplate', store.listCallHandlerTemplates()) },
    },
    {
      pattern: ['callhandlertemplates', ':id'],
      methods: { GET: ({ params }) => object('CallhandlerTemplate', store.getCallHandlerTemplate(params.id!)) },
    },
  ];
}

function matchRoute(routes: readonly Route[], segments: readonly string[]): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = route.pattern.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = segments[i]!;
        return true;
      }
      return part === segments[i];
    });
    if (matches) return { route, params };
  }
  return null;
}

function sendError(res: http.ServerResponse, format: WireFormat, error: CupiError, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(error.status, { 'content-type': contentTypeOf(format), ...headers });
  res.end(renderError(format, error));
}

function sendUnauthorized(res: http.ServerResponse): void {
  // Tomcat answers a failed Basic sign-in with its own HTML page, not an ErrorDetails body.
  res.writeHead(401, { 'content-type': 'text/html;charset=utf-8', 'www-authenticate': 'Basic realm="Cisco Unity Connection"' });
  res.end('<html><head><title>401 Unauthorized</title></head><body><h1>HTTP Status 401 - Unauthorized</h1></body></html>');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createCupiHandler(context: CupiNodeContext): LabRequestHandler {
  const routes = routesFor(context.store);

  const authenticate = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const session = cookieValue(req.headers.cookie, 'JSESSIONID');
    if (session && context.sessions.touch(session)) return true;
    const given = basicCredentials(req);
    if (!given || given.username !== context.credentials.username || given.password !== context.credentials.password) return false;
    const secure = context.baseUrl().startsWith('https:') ? '; Secure' : '';
    res.setHeader('set-cookie', `JSESSIONID=${context.sessions.create()}; Path=/vmrest${secure}; HttpOnly`);
    return true;
  };

  const serve = async (req: http.IncomingMessage, res: http.ServerResponse, format: WireFormat): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://cuc.invalid');
    let segments: string[];
    try {
      segments = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    } catch {
      return sendError(res, format, new CupiError(400, 'INVALID_PARAMETER', 'The request path is not validly URL-encoded.'));
    }
    if (segments[0] !== 'vmrest') return sendError(res, format, notFound(`Nothing at ${url.pathname}.`));
    if (!authenticate(req, res)) return sendUnauthorized(res);

    const delay = context.processingDelayMs();
    if (delay > 0) await sleep(delay);

    const match = matchRoute(routes, segments.slice(1));
    if (!match) return sendError(res, format, notFound(`No CUPI resource at ${url.pathname}.`));
    const method = (req.method ?? 'GET').toUpperCase() as Method;
    const operation = match.route.methods[method];
    if (!operation) {
      const allowed = Object.keys(match.route.methods).join(', ');
      return sendError(res, format, new CupiError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported on ${url.pathname}; use ${allowed}.`), {
        allow: allowed,
      });
    }

    let body: CupiRecord = {};
    if (method !== 'GET') {
      if (!context.acceptsWrites()) {
        // [U] status and wording: Cisco documents provisioning on the publisher only, not the error a subscriber returns.
        return sendError(
          res,
          format,
          new CupiError(403, 'READ_ONLY_NODE', 'This Unity Connection server is not the primary server: provisioning is only allowed on the publisher while it is up.'),
        );
      }
      if (method === 'POST' || method === 'PUT') {
        const bodyFormat = bodyFormatFor(req.headers['content-type']);
        if (!bodyFormat) {
          return sendError(
            res,
            format,
            new CupiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type: send Content-Type application/json or application/xml.'),
          );
        }
        body = parseBody(bodyFormat, await readBody(req, 1024 * 1024));
      }
    }

    const outcome = operation({ params: match.params, query: url.searchParams, body: () => body });
    switch (outcome.kind) {
      case 'object':
        res.writeHead(200, { 'content-type': contentTypeOf(format) });
        res.end(renderObject(format, outcome.element, outcome.record));
        return;
      case 'list':
        res.writeHead(200, { 'content-type': contentTypeOf(format) });
        res.end(renderList(format, outcome.list, outcome.item, outcome.page.items, outcome.page.total));
        return;
      case 'created':
        // CUPI answers a create with the new object's URI as a plain body and in Location.
        res.writeHead(201, { 'content-type': 'text/plain; charset=utf-8', location: `${context.baseUrl()}${outcome.uri}` });
        res.end(outcome.uri);
        return;
      case 'done':
        res.writeHead(204);
        res.end();
        return;
    }
  };

  return async (req, res) => {
    const format = responseFormatFor(req.headers.accept);
    const slot = context.throttle.acquire();
    res.once('close', slot.cancel);
    if (!(await slot.granted)) {
      sendError(res, format, new CupiError(503, 'SERVER_BUSY', 'Server busy: too many requests are being processed; try again later.'));
      return;
    }
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        context.throttle.release();
      }
    };
    res.once('close', release);
    try {
      await serve(req, res, format);
    } catch (error) {
      if (error instanceof CupiError) sendError(res, format, error);
      else throw error;
    } finally {
      release();
    }
  };
}
