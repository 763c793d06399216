import type { Measured } from './report.js';

export interface Check {
  target: string;
  measured: string;
  met: boolean | null;
}

/** The issue's targets, each as a ratio to the naive server measured in the same run. */
const TARGETS: { case: string; vs: string; ratio: number; p99?: number; issue: string }[] = [
  { case: 'list-first', vs: 'naive', ratio: 1, p99: 30, issue: 'naive ~2,200/s' },
  { case: 'list-big', vs: 'naive', ratio: 2, p99: 30, issue: 'naive ~800/s' },
  { case: 'list-deep', vs: 'naive', ratio: 2, p99: 30, issue: 'naive ~800/s' },
  { case: 'detail', vs: 'naive', ratio: 0.8, issue: 'naive ~2,900/s' },
  { case: 'dashboard-province', vs: 'naive-rollup', ratio: 5, p99: 50, issue: 'rollup ~400/s' },
  { case: 'dashboard-city', vs: 'naive-rollup', ratio: 5, p99: 50, issue: 'rollup ~400/s' },
  { case: 'create', vs: 'naive', ratio: 0.8, issue: 'naive ~3,000/s NORMAL' },
  { case: 'create-full', vs: 'naive', ratio: 2, issue: 'naive ~1,060/s FULL' },
];

const find = (results: Measured[], c: string, label: string) =>
  results.find((r) => r.case === c && r.label === label);

export function checkTargets(results: Measured[], peakRss: Record<string, number>): Check[] {
  const checks: Check[] = [];
  for (const t of TARGETS) {
    const duban = find(results, t.case, 'duban');
    const base = find(results, t.case, t.vs);
    if (!duban || !base) continue;
    const ratio = duban.rps / base.rps;
    checks.push({
      target: `${t.case}: ≥ ${t.ratio}× ${t.vs} (${t.issue})${t.p99 ? `, p99 ≤ ${t.p99} ms` : ''}`,
      measured: `${Math.round(duban.rps)}/s vs ${Math.round(base.rps)}/s = ${ratio.toFixed(2)}×, p99 ${duban.p99} ms`,
      met: ratio >= t.ratio && (t.p99 === undefined || duban.p99 <= t.p99),
    });
  }
  if (peakRss.duban !== undefined) {
    checks.push({
      target: 'server RSS < 300 MB',
      measured: `${Math.round(peakRss.duban / 2 ** 20)} MB`,
      met: peakRss.duban < 300 * 2 ** 20,
    });
  }
  return checks;
}
