import type { FastifyReply } from 'fastify';

const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * A sender for values a service hands out again, unchanged, while nothing they show changed
 * (the same object): each one's body is serialised once, by the route's own response schema
 * (`reply.serialize`, what Fastify would run), kept as UTF-8 bytes by the object's identity,
 * and sent as is with the content type Fastify gives JSON. Same bytes and headers; per request
 * no serialiser, and no encoding of a string body to UTF-8 twice (its length, then the write).
 */
export function serialisedOnce<T extends object>() {
  const bodies = new WeakMap<T, Buffer>();
  return (reply: FastifyReply, value: T): FastifyReply => {
    let body = bodies.get(value);
    if (body === undefined) {
      body = Buffer.from(reply.serialize(value) as string, 'utf8');
      bodies.set(value, body);
    }
    return reply.type(JSON_UTF8).send(body);
  };
}
