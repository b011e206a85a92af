/**
 * multipart/form-data (RFC 7578 over RFC 2046) as the adminapi's
 * `uploadFile` reads it: the boundary comes from the Content-Type, parts are
 * separated by CRLF "--boundary", each part has its own headers, and bodies
 * are binary (a .wav may contain any byte, including CR, LF and dashes).
 * Every failure is a MultipartError with a sentence the HTTP layer answers
 * with a 400.
 */

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

export interface MultipartPart {
  /** The `name` parameter of Content-Disposition ("file"). */
  name: string;
  /** The `filename` parameter, or null when the part is a plain field. */
  fileName: string | null;
  contentType: string | null;
  body: Buffer;
}

/** At most this many parts; an upload form has one or two. */
const MAX_PARTS = 16;
/** At most this many bytes of headers per part. */
const MAX_PART_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary parameter of a multipart/form-data Content-Type, or null when there is none. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const [mediaType, ...parameters] = splitParameters(contentType);
  if (mediaType?.toLowerCase() !== 'multipart/form-data') return null;
  const boundary = parameters.find(([key]) => key === 'boundary')?.[1];
  // RFC 2046: 1 to 70 characters, not ending in a space.
  if (!boundary || boundary.length > 70 || boundary.endsWith(' ')) return null;
  return boundary;
}

/** Split a header value into its first token and `key=value` parameters (keys lower-cased, quotes removed). */
function splitParameters(value: string): [string, ...Array<[string, string]>] {
  const semicolon = value.indexOf(';');
  const first = (semicolon < 0 ? value : value.slice(0, semicolon)).trim();
  const parameters: Array<[string, string]> = [];
  const pattern = /;\s*([^=;\s]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]*)/g;
  const rest = semicolon < 0 ? '' : value.slice(semicolon);
  for (const match of rest.matchAll(pattern)) {
    const quoted = match[3];
    parameters.push([match[1]!.toLowerCase(), quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : match[2]!.trim()]);
  }
  return [first, ...parameters];
}

/** Parse a whole multipart body. Throws MultipartError when it is malformed or truncated. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  // The first delimiter opens the body, or follows a preamble and a CRLF.
  let position = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(Buffer.concat([CRLF, delimiter]));
  if (position < 0) throw new MultipartError(`the body has no part delimited by the boundary '${boundary}'`);
  if (position > 0) position += CRLF.length;
  const separator = Buffer.concat([CRLF, delimiter]);
  const parts: MultipartPart[] = [];
  for (;;) {
    position += delimiter.length;
    // "--" after a delimiter closes the body; what follows is an epilogue.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts;
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    while (body[position] === 0x20 || body[position] === 0x09) position++;
    if (position + CRLF.length > body.length) throw new MultipartError('the body ends in the middle of a part (no closing boundary)');
    if (!body.subarray(position, position + CRLF.length).equals(CRLF)) throw new MultipartError('a boundary is not followed by a line break');
    position += CRLF.length;
    if (parts.length >= MAX_PARTS) throw new MultipartError(`more than ${MAX_PARTS} parts`);

    // A part with no headers at all starts straight with the blank line.
    const noHeaders = body.subarray(position, position + CRLF.length).equals(CRLF);
    const headerEnd = noHeaders ? position : body.indexOf(HEADER_END, position);
    if (headerEnd < 0) throw new MultipartError('the body ends in the headers of a part');
    if (headerEnd - position > MAX_PART_HEADER_BYTES) throw new MultipartError(`the headers of a part are longer than ${MAX_PART_HEADER_BYTES} bytes`);
    const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
    const bodyStart = noHeaders ? position + CRLF.length : headerEnd + HEADER_END.length;

    const bodyEnd = body.indexOf(separator, bodyStart);
    if (bodyEnd < 0) throw new MultipartError('the body ends in the middle of a part (no closing boundary)');
    const disposition = headers.get('content-disposition');
    if (!disposition) throw new MultipartError('a part has no Content-Disposition header');
    const [kind, ...parameters] = splitParameters(disposition);
    if (kind.toLowerCase() !== 'form-data') throw new MultipartError(`a part's Content-Disposition is '${kind}', not form-data`);
    const name = parameters.find(([key]) => key === 'name')?.[1];
    if (name === undefined) throw new MultipartError('a part has no name');
    const fileName = parameters.find(([key]) => key === 'filename')?.[1];
    parts.push({ name, fileName: fileName ?? null, contentType: headers.get('content-type') ?? null, body: Buffer.from(body.subarray(bodyStart, bodyEnd)) });
    position = bodyEnd + CRLF.length;
  }
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  if (text === '') return headers;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`a part header line is malformed: '${line.slice(0, 80)}'`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Build a multipart/form-data body with one file part: what tests and scripts send. */
export function multipartFileBody(fileName: string, bytes: Buffer, boundary = `----lab${Date.now().toString(16)}`, contentType = 'application/octet-stream'): { body: Buffer; contentType: string } {
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/["\\\r\n]/g, '_')}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
