import type autocannon from 'autocannon';
import type { Fixtures } from './fixtures.js';

export type ServerName = 'duban' | 'naive';

/** One autocannon run: which server, and the request (or request factory) it repeats. */
export interface Run {
  server: ServerName;
  label: string;
  request: autocannon.Request;
}

export interface Case {
  name: string;
  what: string;
  runs: Run[];
  /**
   * Restart both servers in power-loss-durable mode first (SQLite only): duban with
   * DUBAN_DURABILITY=full (group commit), the naive server with synchronous=FULL (an fsync per commit).
   */
  durable?: true;
}

const OPEN = ['assigned', 'acknowledged', 'plan_submitted', 'plan_returned', 'rectifying']
  .map((s) => `status=${s}`)
  .join('&');

/**
 * Text searches, from the generator's templates so every page has answers, and found by both
 * designs alike: the problems' query is a subject (垃圾填埋场, ~2 % of problems; in their titles,
 * where the naive server looks, and in their descriptions), the complaints' one a reported fact
 * (夜间通过雨水管道偷排废水, ~7 % of complaints, in their content).
 */
export const SEARCH = { problems: '垃圾填埋', complaints: '偷排废水' } as const;
const q = (text: string) => `q=${encodeURIComponent(text)}`;

/** Round-robin over a list, so consecutive requests hit different rows. */
const cycle = <T>(items: readonly T[]) => {
  let i = 0;
  return () => items[i++ % items.length]!;
};

const get = (server: ServerName, label: string, path: string): Run => ({
  server,
  label,
  request: { method: 'GET', path },
});

/** The same query on duban (/api/v1…) and on the naive server. */
const both = (name: string, what: string, path: string): Case => ({
  name,
  what,
  runs: [get('duban', 'duban', `/api/v1${path}`), get('naive', 'naive', path)],
});

export function buildCases(f: Fixtures, deepCursor: string): Case[] {
  const auth = { authorization: `Bearer ${f.token}` };
  const json = { 'content-type': 'application/json' };
  const perId = (server: ServerName, prefix: string, suffix: string): Run => {
    const next = cycle(f.ids);
    return {
      server,
      label: server,
      request: {
        method: 'GET',
        setupRequest: (r) => ({ ...r, path: `${prefix}/problems/${next()}${suffix}` }),
      },
    };
  };
  const create = (server: ServerName): Run => {
    const county = cycle(f.counties);
    return {
      server,
      label: server,
      request: {
        method: 'POST',
        headers: json,
        setupRequest: (r) => ({
          ...r,
          path: server === 'duban' ? '/api/v1/problems' : '/problems',
          body: JSON.stringify({
            title: '群众反映河道两侧堆放生活垃圾',
            description: '性能测试：河道两侧堆放生活垃圾，雨季冲刷入河。',
            source: 'public_complaint',
            areas: ['water'],
            regionCode: county(),
          }),
        }),
      },
    };
  };
  const cases: Case[] = [
    {
      name: 'bare',
      what: 'bare Fastify route, no database (framework ceiling)',
      runs: [get('naive', 'bare', '/bare')],
    },
    {
      name: 'healthz',
      what: "duban's /healthz: duban's plugins and hooks, no query",
      runs: [get('duban', 'duban', '/healthz')],
    },
    both(
      'list-first',
      'city subtree + rectifying + red, first page (50)',
      `/problems?regionCode=${f.city.code}&status=rectifying&warning=red&limit=50`,
    ),
    both(
      'list-big',
      'province subtree + all open statuses + red, first page',
      `/problems?regionCode=${f.province.code}&${OPEN}&warning=red&limit=50`,
    ),
    both(
      'list-deep',
      'province subtree + rectifying, page 41 by following cursors',
      `/problems?regionCode=${f.province.code}&status=rectifying&limit=50&cursor=${deepCursor}`,
    ),
    both(
      'search-province',
      `province subtree + text "${SEARCH.problems}", first page (20)`,
      `/problems?regionCode=${f.province.code}&${q(SEARCH.problems)}&limit=20`,
    ),
    both(
      'search-city',
      `city subtree + text "${SEARCH.problems}", first page (20)`,
      `/problems?regionCode=${f.city.code}&${q(SEARCH.problems)}&limit=20`,
    ),
    both(
      'search-complaints',
      `complaints of the province + text "${SEARCH.complaints}", newest first (20)`,
      `/complaints?regionCode=${f.province.code}&${q(SEARCH.complaints)}&limit=20`,
    ),
    both(
      'search-complaints-rare',
      `complaints of the province + text "${f.complaintCounty.name}" (a county, in ${(100 * f.complaintCounty.share).toFixed(1)} % of them), newest first (20)`,
      `/complaints?regionCode=${f.province.code}&${q(f.complaintCounty.name)}&limit=20`,
    ),
    {
      name: 'detail',
      what: 'GET /problems/:id (random problems of the province)',
      runs: [perId('duban', '/api/v1', ''), perId('naive', '', '')],
    },
    {
      name: 'timeline',
      what: 'GET /problems/:id/events',
      runs: [perId('duban', '/api/v1', '/events'), perId('naive', '', '/events')],
    },
    dashboard('dashboard-province', f.province.code),
    dashboard('dashboard-city', f.city.code),
    {
      name: 'create',
      what: 'POST /problems (synchronous=NORMAL on SQLite)',
      runs: [create('duban'), create('naive')],
    },
    {
      name: 'urge',
      what: 'POST /problems/:id/urge with If-Match (versions tracked from responses)',
      runs: [
        urge('duban', f.open.slice(0, f.open.length / 2)),
        urge('naive', f.open.slice(f.open.length / 2)),
      ],
    },
    {
      name: 'create-full',
      what: 'POST /problems, power-loss durable (duban: group commit; naive: synchronous=FULL; SQLite only)',
      runs: [create('duban'), create('naive')],
      durable: true,
    },
  ];
  return cases.map((c) => ({
    ...c,
    runs: c.runs.map((r) => (r.server === 'duban' ? withHeaders(r, auth) : r)),
  }));
}

function dashboard(name: string, region: string): Case {
  return {
    name,
    what: `GET /stats/problems?regionCode=${region}; naive: GROUP BY, and a county rollup table`,
    runs: [
      get('duban', 'duban', `/api/v1/stats/problems?regionCode=${region}`),
      get('naive', 'naive', `/stats/problems?regionCode=${region}`),
      get('naive', 'naive-rollup', `/stats-rollup/problems?regionCode=${region}`),
    ],
  };
}

const withHeaders = (r: Run, headers: Record<string, string>): Run => ({
  ...r,
  request: { ...r.request, headers: { ...r.request.headers, ...headers } },
});

/**
 * Urge with If-Match: the version comes from the last response for that problem. Each server
 * gets its own problems: answers still in flight when a run ends are never read.
 */
function urge(server: ServerName, open: Fixtures['open']): Run {
  const next = cycle(open);
  const prefix = server === 'duban' ? '/api/v1' : '';
  return {
    server,
    label: server,
    request: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (r, context) => {
        const p = next();
        (context as { problem?: typeof p }).problem = p;
        return {
          ...r,
          path: `${prefix}/problems/${p.id}/urge`,
          headers: { ...r.headers, 'if-match': `"${p.version}"` },
          body: JSON.stringify({ text: '请按期完成整改' }),
        };
      },
      onResponse: (status, body, context) => {
        const p = (context as { problem?: { version: number } }).problem;
        if (p && status === 200) p.version = (JSON.parse(body) as { version: number }).version;
      },
    },
  };
}
