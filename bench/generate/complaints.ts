import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PollutionType } from '../../src/core/complaint.js';
import { GENESIS_HASH } from '../../src/db/event.repository.js';
import type { ComplaintRow } from '../../src/db/schema.complaints.js';
import type { DB } from '../../src/db/schema.js';
import { cipherFromConfig } from '../../src/services/crypto/cipher-config.js';
import { complaintSearchDocument, complaintSearchText } from '../../src/text/search-documents.js';
import { progress } from '../progress.js';
import { type Batch, emptyBatch, pushRow } from './batch.js';
import { hashedEvent } from './fast-hash.js';
import { DAY_MS, Rng, uuidv7At } from './random.js';
import type { Skeleton } from './skeleton.js';
import type { World } from './world.js';

/*
 * Public complaints for the benchmark dataset: placed where problems are (same skew), over the
 * years, 40 % of them repeats of an earlier report from the same county within a year (the
 * share one city reported), handled according to their age, a quarter of the substantiated
 * ones linked to a complaint-sourced problem of the same province, half of the closed ones
 * disclosed. Each has its hash-chained events; complainants (70 %) are sealed with the bench
 * key (BENCH_ENCRYPTION_KEY below: give it to a server as DUBAN_ENCRYPTION_KEY to open them).
 */
export const BENCH_ENCRYPTION_KEY = createHash('sha256').update('duban benchmark dataset').digest('base64');

const POLLUTION: Readonly<Record<PollutionType, number>> = {
  air: 40,
  water: 22,
  noise: 16,
  solid_waste: 8,
  soil: 5,
  ecology: 4,
  radiation: 1,
  other: 4,
};
const SITES = [
  '某化工厂',
  '某砖厂',
  '某养殖场',
  '某建材市场',
  '某洗车店',
  '某餐饮店',
  '某加工厂',
  '某建筑工地',
  '某污水处理厂',
  '某石料厂',
];
const WHAT: Record<PollutionType, string[]> = {
  air: ['夜间烟囱冒黑烟，气味刺鼻', '露天焚烧垃圾，浓烟扰民', '粉尘污染严重，周边车辆落满灰尘'],
  water: ['夜间通过雨水管道偷排废水', '排污口污水发黑发臭', '废水直排附近河道，鱼类死亡'],
  noise: ['夜间施工噪声扰民', '设备噪声持续到凌晨', '装卸货物噪声扰民'],
  solid_waste: ['随意倾倒工业固废', '危险废物露天堆放', '建筑垃圾堆放在河道旁'],
  soil: ['废渣填埋污染农田', '厂区土壤异味明显'],
  ecology: ['违规占用林地采石', '河道非法采砂'],
  radiation: ['基站辐射担忧，要求检测'],
  other: ['环境问题反映多次未解决'],
};
const CHANNELS = { hotline_12369: 45, web: 30, letter: 8, visit: 5, transfer: 10, open311: 2 } as const;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SINCE = Date.UTC(2017, 2, 1);
const BATCH = 500;

const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms + 8 * 3_600_000).slice(0, 10);

interface First {
  id: string;
  ms: number;
  place: string;
}

export async function loadComplaints(
  db: Kysely<DB>,
  world: World,
  skeleton: Skeleton,
  count: number,
  sink: { add(b: Batch): number | Promise<number>; close(): number | Promise<number> },
  /** Complaint i is search document firstDocId + i (after the problems'). */
  firstDocId: number,
): Promise<{ complaints: number; events: number; repeats: number }> {
  const rng = new Rng(world.seed, 0xc0a1);
  const cipher = cipherFromConfig({ DUBAN_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY });
  // Complaint-sourced problems per province, to link substantiated complaints to.
  const linked = new Map<string, string[]>();
  for (const r of await db
    .selectFrom('problems')
    .select(['id', 'province_code'])
    .where('source', '=', 'public_complaint')
    // In id order: the workers' rows interleave in the file differently from run to run.
    .orderBy('id')
    .execute()) {
    const list = linked.get(r.province_code) ?? [];
    list.push(r.id);
    linked.set(r.province_code, list);
  }
  const times = Array.from(
    { length: count },
    () => SINCE + Math.sqrt(rng.next()) * (world.nowMs - SINCE),
  ).sort((a, b) => a - b);
  const firsts = new Map<string, First[]>();
  const bar = progress('complaints', count);
  let batch = emptyBatch();
  let events = 0;
  let repeats = 0;
  for (let i = 0; i < count; i++) {
    const ms = times[i]!;
    const place = world.places[skeleton.place[rng.int(0, skeleton.place.length - 1)]!]!;
    const id = uuidv7At(ms, rng);
    const receivedOn = dateOf(ms);
    const candidates = (firsts.get(place.code) ?? []).filter((f) => f.ms > ms - 365 * DAY_MS);
    const first =
      candidates.length && rng.chance(0.4)
        ? candidates[candidates.length - 1 - rng.int(0, Math.min(4, candidates.length - 1))]!
        : null;
    const pollution = rng.weighted(POLLUTION);
    const site = first ? first.place : `${place.name}${rng.pick(SITES)}`;
    if (first) repeats++;
    else {
      const list = firsts.get(place.code) ?? [];
      list.push({ id, ms, place: site });
      if (list.length > 50) list.shift();
      firsts.set(place.code, list);
    }
    const ageDays = (world.nowMs - ms) / DAY_MS;
    const fate = rng.next();
    const status =
      ageDays < 1
        ? 'received'
        : ageDays < 10
          ? fate < 0.7
            ? 'routed'
            : 'verified'
          : fate < 0.8
            ? 'closed'
            : fate < 0.9
              ? 'verified'
              : fate < 0.97
                ? 'routed'
                : 'not_accepted';
    const finding =
      status === 'verified' || status === 'closed'
        ? rng.weighted({ substantiated: 55, partly_substantiated: 20, unsubstantiated: 25 })
        : null;
    const pool = linked.get(place.province);
    const problemId = finding === 'substantiated' && pool?.length && rng.chance(0.25) ? rng.pick(pool) : null;
    const disclosed = status === 'closed' && rng.chance(0.5);
    const anonymous = rng.chance(0.3);
    const content = `${site}${rng.pick(WHAT[pollution])}。`;
    const channel = rng.weighted(CHANNELS);
    const actor = place.staffUser;
    const routedUnit = status === 'received' || status === 'not_accepted' ? null : rng.pick(place.leadUnits);
    const result = finding
      ? `经核查${finding === 'unsubstantiated' ? '不属实' : '属实'}，已督促整改并回复。`
      : status === 'not_accepted'
        ? '不属于生态环境部门职责，已告知向有关部门反映。'
        : null;
    const chain: { type: string; at: number; payload: Record<string, unknown> }[] = [
      {
        type: 'complaint.received',
        at: ms,
        payload: {
          channel: 'hotline_12369',
          content,
          place: site,
          pollutionType: pollution,
          regionCode: place.code,
          anonymous,
          receivedOn,
        },
      },
    ];
    let t = ms;
    const step = (type: string, payload: Record<string, unknown>, days: number) => {
      t = Math.min(world.nowMs, t + days * DAY_MS);
      chain.push({ type, at: t, payload });
    };
    if (first) step('complaint.repeat_marked', { repeatOfId: first.id }, 0.1);
    if (status === 'not_accepted') step('complaint.not_accepted', { reason: result }, 1);
    if (routedUnit) step('complaint.routed', { unitId: routedUnit }, 0.5);
    if (finding) step('complaint.verified', { finding, result }, rng.int(2, 9));
    if (problemId) step('complaint.problem_linked', { problemId }, 0.5);
    if (disclosed) step('complaint.disclosed', { publicContent: content, publicResult: result }, 2);
    if (status === 'closed') step('complaint.closed', {}, 1);
    const trackingCode = `JB${receivedOn.replaceAll('-', '')}-${Array.from({ length: 10 }, () => CROCKFORD[rng.int(0, 31)]).join('')}`;
    const row: ComplaintRow = {
      id,
      tracking_code: trackingCode,
      channel,
      content,
      place: site,
      search_text: complaintSearchText({ trackingCode, content, place: site }),
      pollution_type: pollution,
      region_code: place.code,
      province_code: place.province,
      city_code: place.city,
      county_code: place.county,
      campaign_id: null,
      confidentiality: rng.chance(0.9) ? 'confidential' : 'normal',
      anonymous: anonymous ? 1 : 0,
      status,
      received_on: receivedOn,
      answer_due_on: dateOf(ms + 10 * DAY_MS),
      routed_unit_id: routedUnit,
      finding,
      result,
      accountability: null,
      problem_id: problemId,
      repeat_of_id: first?.id ?? null,
      public_content: disclosed ? content : null,
      public_result: disclosed ? result : null,
      disclosed_at: disclosed ? iso(chain.find((e) => e.type === 'complaint.disclosed')!.at) : null,
      illustrative: 0,
      version: chain.length,
      created_at: iso(ms),
      updated_at: iso(t),
    };
    pushRow(batch.complaints, 'complaints', row);
    pushRow(batch.search_docs, 'search_docs', {
      doc_id: firstDocId + i,
      kind: 'complaint',
      ref_id: id,
      terms: complaintSearchDocument({ trackingCode, content, place: site }, row),
    });
    if (!anonymous) {
      const who = { name: `示例${i}`, phone: `1380000${String(i % 10000).padStart(4, '0')}` };
      pushRow(batch.complainant_identities, 'complainant_identities', {
        complaint_id: id,
        sealed: cipher.encrypt(JSON.stringify(who), `complainant:${id}`),
        created_at: iso(ms),
      });
    }
    let prev = GENESIS_HASH;
    chain.forEach((e, k) => {
      const ev = hashedEvent(
        prev,
        {
          id: uuidv7At(e.at, rng),
          aggregate_type: 'complaint',
          aggregate_id: id,
          seq: k + 1,
          type: e.type,
          actor_id: actor,
          occurred_at: iso(e.at),
        },
        e.payload,
      );
      prev = ev.hash;
      pushRow(batch.events, 'events', ev);
      events++;
    });
    batch.problems_done++;
    if (batch.problems_done >= BATCH) {
      bar.add(await sink.add(batch));
      batch = emptyBatch();
    }
  }
  if (batch.problems_done) bar.add(await sink.add(batch));
  bar.add(await sink.close());
  bar.finish();
  return { complaints: count, events, repeats };
}
