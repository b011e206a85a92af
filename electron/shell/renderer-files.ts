import path from 'node:path';

/**
 * Which file of the renderer build a request path names, for both hosts (the
 * browser host's HTTP server and the Electron shell's app:// protocol). The
 * path is taken as sent, percent-encoded; anything that is not a plain
 * relative name inside the build is refused before the file system is asked:
 * bad percent-encoding, NUL and control characters, backslashes, colons,
 * encoded slashes, `.`/`..` segments (encoded or not) and empty segments.
 */
export type RendererFile = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 404; reason: string };

/** Longer request paths are refused; the build's own names are far shorter. */
export const MAX_RENDERER_PATH_LENGTH = 1024;

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const bad = (reason: string): RendererFile => ({ ok: false, status: 400, reason });

/**
 * Browsers ask for /favicon.ico on their own, before (or without) reading the
 * page's <link rel="icon">: it is the app's SVG icon under its own type.
 */
export const FAVICON_PATH = '/favicon.ico';
export const ICON_FILE = 'icon.svg';

/** `rawPath`: the path of the request target, still percent-encoded, without query. */
export function resolveRendererFile(rendererDir: string, rawPath: string): RendererFile {
  const root = path.resolve(rendererDir);
  if (rawPath.length > MAX_RENDERER_PATH_LENGTH) return bad('path too long');
  if (rawPath === FAVICON_PATH) return { ok: true, file: path.join(root, ICON_FILE), contentType: CONTENT_TYPES['.svg']! };
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return bad('not an absolute path');
  if (rawPath.includes('\\')) return bad('backslash in path');
  const encoded = (rawPath === '/' ? '/index.html' : rawPath).slice(1).split('/');
  // A trailing slash names a folder: nothing to serve (once the rest is known to be well-formed).
  const folder = encoded[encoded.length - 1] === '';
  if (folder) encoded.pop();
  const segments: string[] = [];
  for (const part of encoded) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return bad('bad percent-encoding');
    }
    if (segment === '' || segment === '.' || segment === '..') return bad('empty or dot segment');
    if (/[\u0000-\u001f\u007f/\\:]/.test(segment)) return bad('forbidden character in path');
    segments.push(segment);
  }
  if (folder) return { ok: false, status: 404, reason: 'folder' };
  const file = path.join(root, ...segments);
  // Containment, once more, after the platform's own joining.
  if (!file.startsWith(root + path.sep)) return bad('outside the build');
  return { ok: true, file, contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
}
