import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from '../../src/http/plugins/security-headers.js';

/** @fastify/helmet as duban registered it before the headers were computed once. */
async function helmetHeaders(hsts: boolean) {
  const app = Fastify();
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  return responseHeaders(app);
}

async function ourHeaders(hsts: boolean) {
  const app = Fastify();
  registerSecurityHeaders(app, hsts);
  return responseHeaders(app);
}

/** The headers of a 200 and a 404, in order, without the date. */
async function responseHeaders(app: ReturnType<typeof Fastify>) {
  app.get('/', async () => ({ ok: true }));
  const out = [];
  for (const url of ['/', '/missing']) {
    const res = await app.inject({ method: 'GET', url });
    out.push(
      res.statusCode,
      Object.entries(res.headers).filter(([name]) => name !== 'date'),
    );
  }
  await app.close();
  return out;
}

describe('security headers', () => {
  it.each([false, true])('equal @fastify/helmet with duban’s options, in order (HSTS %s)', async (hsts) => {
    const ours = await ourHeaders(hsts);
    expect(ours).toEqual(await helmetHeaders(hsts));
    expect(JSON.stringify(ours).includes('strict-transport-security')).toBe(hsts);
    expect(JSON.stringify(ours)).toContain("frame-ancestors 'none'");
  });
});
