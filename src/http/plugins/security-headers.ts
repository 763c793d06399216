import type { FastifyInstance } from 'fastify';

/*
 * The web app is a same-origin single-page app (React + Ant Design, whose CSS-in-JS writes
 * <style> elements, hence 'unsafe-inline' for styles only); swagger-ui at /api/docs loads
 * its own scripts from 'self'. No inline script, no plugin, no framing.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join(';');

/**
 * Every response's security headers, in the order helmet 8 sends them: its defaults with the
 * policy above, no Cross-Origin-Embedder-Policy, no referrer, and HSTS behind TLS.
 * test/http/security-headers.test.ts holds them equal to @fastify/helmet's with those options.
 */
export function securityHeaders(hsts: boolean): ReadonlyArray<readonly [string, string]> {
  return [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
    ...(hsts ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as const] : []),
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'SAMEORIGIN'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
  ];
}

/**
 * Sets the headers on every response, 404s and errors included. Fixed values set in one hook:
 * @fastify/helmet rebuilt its middleware from the options on each request (parsing the CSP
 * again), some 40 % of the CPU of a request that does nothing else (GET /healthz).
 */
export function registerSecurityHeaders(app: FastifyInstance, hsts: boolean): void {
  const headers = securityHeaders(hsts);
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
}
