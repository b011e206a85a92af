import fs from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './sender-guard';
import { contentSecurityPolicy } from './content-security-policy';
import { resolveRendererFile } from './renderer-files';

/** Must run before app 'ready': app:// behaves like https (secure context, fetch). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the renderer build from app://console/: GET only, our host only,
 * nothing outside the build folder (the path rules are the browser host's,
 * `resolveRendererFile`), and the CSP header on every answer. Never throws:
 * every request gets an answer.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const url = URL.parse(request.url);
      if (!url || request.method !== 'GET' || url.host !== APP_HOST) return new Response('Forbidden', { status: 403 });
      const found = resolveRendererFile(rendererDir, url.pathname);
      if (!found.ok) return new Response(found.status === 400 ? 'Bad request' : 'Not found', { status: found.status });
      const body = await fs.readFile(found.file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': found.contentType,
          'content-security-policy': contentSecurityPolicy(),
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
