/**
 * The HTTP face of one UCCX node: `/uccx/isDBMaster` and `/adminapi/...`
 * (apis.md section 1). Both nodes of the pair run this handler over the
 * same store; they differ only in their own URL (every refURL they return
 * names the node that answered) and in whether they are the DB master.
 */
import type http from 'node:http';
import { type LabRequestHandler, basicCredentials, readBody } from '../lab-node';
import { type EntityName, type Tree, UccxApiError, adminPath, entityFromSegment, isTree, notFound } from './model';
import { entityDefinition } from './schema';
import type { ListOptions, UccxStore } from './store';
import { absoluteAdminUrl, listToXml, objectToXml, parseXmlDocument } from './xml';
import { MultipartError, multipartBoundary, parseMultipart } from './multipart';
import { MAX_REPOSITORY_FILE_BYTES, REPOSITORY_ELEMENT, type RepositoryItemDetails, type RepositoryKind } from './repository';

export interface UccxNodeHandlerOptions {
  store: UccxStore;
  credentials: { username: string; password: string };
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

/** Room for the multipart framing around the largest file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

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
  authenticate(req, options.credentials);

  const segments = (match[1] ?? '').split('/');
  if (segments.at(-1) === '') segments.pop(); // trailing slash
  const repositoryKind = REPOSITORY_KIND_BY_SEGMENT.get((segments[0] ?? '').toLowerCase());
  if (repositoryKind) {
    const context: RequestContext = { options, req, res, format, url, method, baseUrl: options.nodeUrl() };
    return routeRepository(context, repositoryKind, segments.slice(1).filter((segment) => segment !== '').map(decodeSegment));
  }
  const entity = segments[0] ? entityFromSegment(segments[0]) : undefined;
  if (!entity) throw new UccxApiError(404, 'Not Found', `${url.pathname} is not an adminapi resource`, url.pathname);
  const ids = segments.slice(1).map(decodeSegment);
  const context: RequestContext = { options, req, res, format, url, method, baseUrl: options.nodeUrl() };

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
    sendList(res, entity, options.store.views(entity, listOptions), context.format, context.baseUrl);
    return;
  }
  if (method === 'POST') {
    if (entity === 'resource') {
      // [P] Agents come from Unified CM end users with an IPCC extension; the adminapi has no Create Resource.
      throw methodNotAllowed(['GET'], 'resources cannot be created through the API; they are synchronised from Unified CM');
    }
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
    const withCsqs = entity === 'resource' && context.url.searchParams.has('withCsqs');
    const view = options.store.view(entity, id, { withCsqs });
    if (!view) throw notFound(entity, id);
    sendObject(res, entity, view, context.format, context.baseUrl);
    return;
  }
  if (!allowed.includes(method)) {
    throw methodNotAllowed(allowed, entity === 'resource' && method === 'DELETE' ? 'resources are removed in Unified CM, not through the API' : `${method} is not supported on /adminapi/${entity}/{id}`);
  }
  requireDbMaster(options);
  if (method === 'PUT') {
    options.store.replace(entity, id, await readEntityBody(context.req, entity));
  } else {
    options.store.delete(entity, id);
  }
  // MODIFY and DELETE answer 200 with no body [C].
  res.writeHead(200);
  res.end();
}

const REPOSITORY_KIND_BY_SEGMENT = new Map<string, RepositoryKind>([
  ['document', 'document'],
  ['prompt', 'prompt'],
]);

/**
 * The repository of documents and prompts (apis-2.md §4):
 *
 *   POST   /adminapi/{kind}/uploadFile        multipart, part "file" → 201 (step 1, temporary area)
 *   POST   /adminapi/{kind}                   <Files>, <Folder> or <LanguageDetails> → 201
 *   GET    /adminapi/{kind}[/<folder path>]   listing <Files><Prompt|Document><Folder/><File/>…
 *   GET    /adminapi/{kind}/<file path>       200 with the file's entry, or 404 (existence check)
 *   GET    /adminapi/{kind}/download/<path>   the bytes (document download is [U]; the lab answers it)
 *   DELETE /adminapi/{kind}/<path>            200, or 404
 */
async function routeRepository(context: RequestContext, kind: RepositoryKind, path: string[]): Promise<void> {
  const { options, res, method, req } = context;
  const repository = options.store.repository;
  const user = basicCredentials(req)?.username ?? '';
  if (path.length === 0) {
    if (method === 'GET') return sendListing(context, kind, '/');
    if (method !== 'POST') throw methodNotAllowed(['GET', 'POST'], `${method} is not supported on /adminapi/${kind}`);
    requireDbMaster(options);
    const created = await readRepositoryBody(req, kind);
    if (created.type === 'files') {
      for (const file of created.files) repository.storeUpload(kind, user, file.folder, file.fileName);
    } else if (created.type === 'folder') {
      repository.createFolder(kind, created.parent, created.name, user);
    } else {
      repository.createLanguage(kind, created.name, user);
    }
    res.writeHead(201, { 'content-type': 'text/plain; charset=utf-8' });
    res.end();
    return;
  }
  if (path[0] === 'uploadFile' && path.length === 1) {
    if (method !== 'POST') throw methodNotAllowed(['POST'], 'files are uploaded with a multipart/form-data POST');
    requireDbMaster(options);
    const upload = await readUploadedFile(req);
    repository.stageUpload(kind, user, upload.fileName, upload.bytes);
    res.writeHead(201, { 'content-type': 'text/plain; charset=utf-8' });
    res.end();
    return;
  }
  if (path[0] === 'download') {
    if (method !== 'GET') throw methodNotAllowed(['GET'], 'downloads only answer GET');
    const filePath = '/' + path.slice(1).join('/');
    const bytes = path.length > 1 ? repository.read(kind, filePath) : undefined;
    if (!bytes) throw new UccxApiError(404, 'Not Found', `${kind} '${filePath}' does not exist`, filePath);
    res.writeHead(200, { 'content-type': kind === 'prompt' ? 'audio/wav' : 'application/octet-stream', 'content-length': bytes.length });
    res.end(bytes);
    return;
  }
  const itemPath = '/' + path.join('/');
  if (method === 'GET') {
    if (repository.isFolder(kind, itemPath)) return sendListing(context, kind, itemPath);
    if (!repository.isFile(kind, itemPath)) throw new UccxApiError(404, 'Not Found', `${kind} '${itemPath}' does not exist`, itemPath);
    const folder = itemPath.slice(0, itemPath.lastIndexOf('/') + 1);
    const name = itemPath.slice(folder.length);
    const entry = repository.list(kind, folder).files.find((file) => file.name === name)!;
    sendRepositoryXml(res, kind, { File: repositoryEntry(folder, 'FileName', entry) });
    return;
  }
  if (method === 'DELETE') {
    requireDbMaster(options);
    repository.remove(kind, itemPath);
    res.writeHead(200);
    res.end();
    return;
  }
  throw methodNotAllowed(['GET', 'DELETE'], `${method} is not supported on a ${kind} path`);
}

function sendListing(context: RequestContext, kind: RepositoryKind, folderPath: string): void {
  const listing = context.options.store.repository.list(kind, folderPath);
  sendRepositoryXml(context.res, kind, {
    Folder: listing.folders.map((folder) => repositoryEntry(listing.path, 'FolderName', folder)),
    File: listing.files.map((file) => repositoryEntry(listing.path, 'FileName', file)),
  });
}

function repositoryEntry(folder: string, nameElement: 'FolderName' | 'FileName', item: { name: string } & RepositoryItemDetails): Tree {
  // The date format is [U]; the lab answers ISO 8601 in UTC.
  return { path: folder, [nameElement]: item.name, Details: { size: item.size, dateModified: new Date(item.dateModified).toISOString(), modifiedBy: item.modifiedBy } };
}

function sendRepositoryXml(res: http.ServerResponse, kind: RepositoryKind, content: Tree): void {
  // An empty listing is <Files><Prompt/></Files>.
  const inner: Tree = Object.fromEntries(Object.entries(content).filter(([, value]) => !Array.isArray(value) || value.length > 0));
  res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
  res.end(objectToXml('Files', { [REPOSITORY_ELEMENT[kind]]: Object.keys(inner).length ? inner : '' }, ''));
}

type RepositoryBody =
  | { type: 'files'; files: Array<{ folder: string; fileName: string }> }
  | { type: 'folder'; parent: string; name: string }
  | { type: 'language'; name: string };

/** Step 2 (<Files>), a new folder (<Folder>) or a new language (<LanguageDetails>). */
async function readRepositoryBody(req: http.IncomingMessage, kind: RepositoryKind): Promise<RepositoryBody> {
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType !== '' && !contentType.includes('xml')) {
    throw new UccxApiError(415, 'Unsupported Media Type', `send application/xml, got '${contentType}'`, contentType);
  }
  const { root, value } = parseXmlDocument((await readLimited(req, 64 * 1024, 'the XML body')).toString('utf8'));
  const tree = isTree(value) ? value : {};
  const text = (from: Tree | undefined, element: string): string => {
    const found = from?.[element];
    if (typeof found !== 'string' || found.trim() === '') throw new UccxApiError(400, 'Invalid Input', `<${element}> is missing or empty`, element);
    return found.trim();
  };
  if (root === 'Files') {
    const element = REPOSITORY_ELEMENT[kind];
    const others = Object.keys(tree).filter((key) => key !== element);
    if (others.length > 0 || !isTree(tree[element])) {
      throw new UccxApiError(400, 'Invalid Input', `a ${kind} upload is <Files><${element}><File>…; got <${others[0] ?? 'nothing'}>`, others[0] ?? element);
    }
    const files = [(tree[element] as Tree).File].flat().filter((file) => file !== undefined);
    if (files.length === 0 || files.length > 16) throw new UccxApiError(400, 'Invalid Input', `<${element}> must hold 1 to 16 <File> elements`, 'File');
    return {
      type: 'files',
      files: files.map((file) => {
        const entry = isTree(file) ? file : undefined;
        return { folder: text(entry, 'path'), fileName: text(entry, 'FileName') };
      }),
    };
  }
  if (root === 'Folder') return { type: 'folder', parent: text(tree, 'path'), name: text(tree, 'FolderName') };
  if (root === 'LanguageDetails') {
    const parent = text(tree, 'path');
    if (parent !== '/') throw new UccxApiError(400, 'Invalid Input', 'a language is created at the path /', 'path');
    return { type: 'language', name: text(tree, 'LanguageName') };
  }
  throw new UccxApiError(400, 'Malformed Request', `expected <Files>, <Folder> or <LanguageDetails>, got <${root}>`, root);
}

/** The request body, or a 400 when it is larger than the limit. */
async function readLimited(req: http.IncomingMessage, limit: number, what: string): Promise<Buffer> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if ((error as Error).message !== 'request body too large') throw error;
    throw new UccxApiError(400, 'Invalid Input', `${what} is larger than ${limit} bytes`, 'body');
  }
}

/** Step 1's body: the one part named "file", with its file name and bytes. */
async function readUploadedFile(req: http.IncomingMessage): Promise<{ fileName: string; bytes: Buffer }> {
  const contentType = req.headers['content-type'];
  const boundary = multipartBoundary(contentType);
  if (!boundary) {
    const sent = contentType ?? 'no content type';
    const reason = /^multipart\/form-data/i.test(sent) ? 'multipart/form-data without a boundary' : `'${sent}'`;
    throw new UccxApiError(400, 'Invalid Input', `files are uploaded as multipart/form-data with a part named "file"; got ${reason}`, 'Content-Type');
  }
  const limit = MAX_REPOSITORY_FILE_BYTES + MULTIPART_OVERHEAD_BYTES;
  const body = await readLimited(req, limit, 'the upload');
  let parts;
  try {
    parts = parseMultipart(body, boundary);
  } catch (error) {
    if (error instanceof MultipartError) throw new UccxApiError(400, 'Invalid Input', `malformed multipart body: ${error.message}`, 'body');
    throw error;
  }
  const file = parts.find((part) => part.name === 'file');
  if (!file) throw new UccxApiError(400, 'Invalid Input', 'the upload has no part named "file"', 'file');
  if (!file.fileName) throw new UccxApiError(400, 'Invalid Input', 'the "file" part has no filename', 'filename');
  // Browsers may send a full Windows path as the file name; only its last segment names the file.
  return { fileName: file.fileName.split(/[\\/]/).pop()!, bytes: file.body };
}

function authenticate(req: http.IncomingMessage, expected: { username: string; password: string }): void {
  const credentials = basicCredentials(req);
  if (!credentials || credentials.username !== expected.username || credentials.password !== expected.password) {
    throw new UccxHttpError(401, 'Unauthorized', 'valid HTTP Basic credentials of an administrator are required', {
      'www-authenticate': 'Basic realm="UCCX"',
    });
  }
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
