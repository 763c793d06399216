import { strToU8, zipSync } from 'fflate';
import type { ProblemState } from '../core/problem.types.js';
import { STATUS_LABELS } from '../core/vocabulary.js';
import { html } from './html.js';

export interface CaseFileEvent {
  seq: number;
  type: string;
  actorName: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
  hash: string;
}

/** Event type → its Chinese name in the case file's timeline. */
const EVENT_NAMES: Record<string, string> = {
  'problem.registered': '登记',
  'problem.assigned': '交办',
  'problem.acknowledged': '签收',
  'problem.plan_submitted': '报送整改方案',
  'problem.plan_approved': '方案审核通过',
  'problem.plan_returned': '督促完善方案',
  'problem.progress_reported': '报送整改进展',
  'problem.closure_requested': '申请销号',
  'problem.closure_accepted': '验收通过',
  'problem.closure_rejected': '验收不通过',
  'problem.objection_raised': '公示期异议',
  'problem.closed': '销号',
  'problem.reopened': '反弹重新打开',
  'problem.extension_requested': '申请延期',
  'problem.extension_approved': '批准延期',
  'problem.extension_rejected': '驳回延期',
  'problem.urged': '督促',
  'problem.expert_opinion_added': '专家意见',
  'problem.supervision_listed': '挂牌督办',
  'problem.supervision_lifted': '摘牌',
  'problem.dismissed': '不属实',
  'problem.merged': '合并',
  'problem.edited': '修改',
};

function renderHtml(
  p: ProblemState & { regionName?: string | null; leadUnitName?: string | null },
  events: CaseFileEvent[],
) {
  const four = p.closureRequest?.fourNotLetGo;
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${p.code} 一案一档</title>
<style>body{font-family:sans-serif;max-width:960px;margin:2em auto}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}table{border-collapse:collapse;width:100%}</style></head>
<body><h1>${p.code} ${p.title}</h1>
<table>
<tr><th>状态</th><td>${STATUS_LABELS[p.status].zh}</td><th>地区</th><td>${p.regionName ?? p.regionCode}</td></tr>
<tr><th>牵头责任单位</th><td>${p.leadUnitName ?? ''}</td><th>整改时限</th><td>${p.deadline ?? ''}</td></tr>
<tr><th>问题来源</th><td>${p.source}</td><th>领域</th><td>${p.areas.join('、')}</td></tr>
<tr><th>问题描述</th><td colspan="3">${p.description}</td></tr>
</table>
<h2>整改方案</h2>
${p.plan ? html`<p>目标：${p.plan.goal}（${p.plan.kind}，时限 ${p.plan.deadline}）</p><ol>${p.plan.measures.map((m) => html`<li>${m.text} — ${m.owner}，${m.dueOn}${m.doneOn ? html`（${m.doneOn} 完成）` : ''}</li>`)}</ol>` : html`<p>尚未报送</p>`}
<h2>四个不放过</h2>
${four ? html`<ul><li>问题查清：${four.cause}</li><li>整改到位：${four.rectification.summary}（证据：${four.rectification.evidence.join('；')}）</li><li>责任落实：${four.accountability.summary}</li><li>群众满意：${'summary' in four.publicSatisfaction ? four.publicSatisfaction.summary : four.publicSatisfaction.reason}</li></ul>` : html`<p>尚未申请销号</p>`}
<h2>验收与公示</h2>
${p.acceptance ? html`<p>${p.acceptance.checkedOn} 现场核查（${p.acceptance.checkers.join('、')}）：${p.acceptance.opinion}；公示截止 ${p.noticeEndsOn ?? ''}</p>` : html`<p>尚未验收</p>`}
<h2>全过程记录</h2>
<table><tr><th>#</th><th>时间</th><th>事项</th><th>经办人</th><th>内容</th></tr>
${events.map((e) => html`<tr><td>${e.seq}</td><td>${e.occurredAt}</td><td>${EVENT_NAMES[e.type] ?? e.type}</td><td>${e.actorName ?? ''}</td><td><code>${JSON.stringify(e.payload)}</code></td></tr>`)}
</table>
<p><small>每条记录的哈希链：最后一条 ${events.at(-1)?.hash ?? ''}</small></p>
</body></html>`.value;
}

/** 一案一档: one problem's whole file — readable HTML, the machine-readable record and its events. */
export function buildCaseFile(
  problem: ProblemState & { regionName?: string | null; leadUnitName?: string | null },
  events: CaseFileEvent[],
  attachments: { name: string; content: Uint8Array }[] = [],
): Uint8Array {
  // Two uploads may share a name: number them so none overwrites another in the archive.
  const evidence = Object.fromEntries(
    attachments.map((a, i) => [
      `${problem.code}/证据材料/${String(i + 1).padStart(3, '0')}-${a.name}`,
      a.content,
    ]),
  );
  return zipSync({
    ...evidence,
    [`${problem.code}/案卷.html`]: strToU8(renderHtml(problem, events)),
    [`${problem.code}/problem.json`]: strToU8(JSON.stringify(problem, null, 2)),
    [`${problem.code}/events.json`]: strToU8(JSON.stringify(events, null, 2)),
  });
}
