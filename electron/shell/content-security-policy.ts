/**
 * The Content-Security-Policy of the renderer, for both hosts. The renderer
 * loads only its own scripts and styles and talks only to its own host: main
 * does all networking, so no server address ever appears here.
 */
export function contentSecurityPolicy(options: { connectSources?: readonly string[] } = {}): string {
  const connect = ["'self'", ...(options.connectSources ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
