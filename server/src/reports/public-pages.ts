// The public pages the official account's menu links to, and the A4 print for the bulletin boards.
// They show only what a published report holds: approved summaries, counts and rates.
import { OUTCOME_LABELS, RATE_LABELS, formatLocal, formatRate, type Outcome, type PublicReportView, type PublicResolvedItem, type RateName } from '@minqing/shared';
import { escapeHtml as e, page } from './html.js';
import { countBars, rateBars, trendLines } from './svg-charts.js';

const HEADLINE_RATES: RateName[] = ['replyRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate'];
const CHART_RATES: RateName[] = ['replyRate', 'triageOnTimeRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate', 'callRate'];

const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

function header(org: { name: string; slogan: string }, subtitle: string): string {
  return `<header><h1>${e(org.name)} · 职工诉求公示</h1><p>${e(subtitle)}</p><p>“${e(org.slogan)}”</p></header>`;
}

function outcomeTag(outcome: string): string {
  return `<span class="tag ${e(outcome)}">${e(OUTCOME_LABELS[outcome as Outcome] ?? outcome)}</span>`;
}

function itemList(items: Array<Omit<PublicResolvedItem, 'month' | 'summary'> & { month?: string; summary: string | null }>): string {
  if (!items.length) return '<p class="empty">本月暂无可公开的办结事项</p>';
  return items
    .map(
      (i) => `<div class="item" data-serial="${e(i.serial)}">${outcomeTag(i.outcome)}<b>${e(i.summary ?? '')}</b>
<div class="meta">${e(i.serial)} · ${e(i.category)} · ${e(i.place)}${i.department ? ` · ${e(i.department)}` : ''} · 用时 ${i.daysTaken} 天${i.month ? ` · ${e(monthLabel(i.month))}` : ''}</div></div>`,
    )
    .join('\n');
}

function headline(report: PublicReportView): string {
  const { counts, rates } = report.figures;
  const figures = [
    `<div class="figure">本月诉求<b>${counts.total} 件</b></div>`,
    ...HEADLINE_RATES.map((name) => `<div class="figure">${e(RATE_LABELS[name])}<b>${formatRate(rates[name].value)}</b></div>`),
  ];
  return `<div class="figures">${figures.join('')}</div>`;
}

function trendChart(report: PublicReportView): string {
  const months = report.trend.map((t) => t.month);
  return trendLines('近12个月趋势', months, [
    { label: '回复率', color: '#0d47a1', values: report.trend.map((t) => t.rates.replyRate.value) },
    { label: '按时办结率', color: '#2e7d32', values: report.trend.map((t) => t.rates.onTimeRate.value) },
    { label: '满意率', color: '#ef6c00', values: report.trend.map((t) => t.rates.satisfactionRate.value) },
  ]);
}

export function reportPage(report: PublicReportView, options: { print: boolean; qrSvg: string; basePath: string }): string {
  const { figures } = report;
  const excluded = figures.counts.rejected + figures.counts.merged;
  const withdrawn = figures.byStatus.withdrawn ?? 0;
  const versions =
    report.versions.length > 1
      ? `<section><h2>版本</h2><nav>${report.versions
          .map((v) => `<a href="${e(options.basePath)}?version=${v.version}">第 ${v.version} 版 · ${e(formatLocal(v.publishedAt).slice(0, 10))}</a>`)
          .join('')}</nav></section>`
      : '';
  const body = `${header(figures.org, `${monthLabel(report.month)} 诉求办理情况${report.version > 1 ? `(第 ${report.version} 版)` : ''}`)}
<main>
${report.note ? `<section class="note" id="correction">更正说明:${e(report.note)}</section>` : ''}
<section id="headline"><h2>总体情况</h2>${headline(report)}
<p>受理有效诉求 ${figures.counts.valid} 件${excluded ? `,核减 ${excluded} 件(不予受理 ${figures.counts.rejected} 件、合并办理 ${figures.counts.merged} 件)` : ''}${withdrawn ? `,职工撤回 ${withdrawn} 件` : ''};已回复 ${figures.counts.replied} 件,不满意 ${figures.counts.unsatisfied} 件。</p></section>
<section id="rates"><h2>各项指标</h2>${rateBars(
    '各项指标',
    CHART_RATES.map((name) => ({ label: RATE_LABELS[name], value: figures.rates[name].value })),
  )}</section>
<section id="categories"><h2>诉求类别</h2>${countBars(
    '诉求类别',
    figures.byCategory.map((c) => ({ label: c.name, n: c.counts.total })),
  )}</section>
${options.print ? '' : `<section id="trend"><h2>近12个月趋势</h2>${trendChart(report)}</section>`}
<section id="departments"><h2>承办部门</h2><table><tr><th>部门</th><th>件数</th><th>回复率</th><th>按时办结率</th></tr>
${figures.byDepartment.map((d) => `<tr><td>${e(d.name)}</td><td>${d.counts.total}</td><td>${formatRate(d.rates.replyRate.value)}</td><td>${formatRate(d.rates.onTimeRate.value)}</td></tr>`).join('')}
</table>
<p id="times">从提交到答复职工平均 ${figures.times.reply.averageHours ?? '—'} 小时,九成在 ${figures.times.reply.p90Hours ?? '—'} 小时内;部门从接到批办单到答复平均 ${figures.times.answer.averageHours ?? '—'} 小时,九成在 ${figures.times.answer.p90Hours ?? '—'} 小时内。</p></section>
<section id="resolved"><h2>办结事项</h2>${itemList(report.items)}</section>
${options.print ? `<section class="qr">${options.qrSvg}<div><b>扫码反映诉求</b><br>“${e(figures.org.slogan)}”<br>件件有回音,事事有着落</div></section>` : versions}
</main>
<footer>${e(figures.org.name)}党群工作部 · 发布于 ${e(formatLocal(report.publishedAt))}</footer>`;
  return page({ title: `${figures.org.name}${monthLabel(report.month)}职工诉求公示`, body, print: options.print });
}

export function resolvedPage(org: { code: string; name: string; slogan: string }, items: PublicResolvedItem[], latest: PublicReportView | null, months: string[]): string {
  const body = `${header(org, '已办结诉求')}
<main>
${
  latest
    ? `<section id="headline"><h2>${e(monthLabel(latest.month))}</h2>${headline(latest)}<p><a href="/p/${e(org.code)}/reports/${e(latest.month)}">查看完整月报</a></p></section>
<section id="trend"><h2>近12个月趋势</h2>${trendChart(latest)}</section>`
    : '<section><p class="empty">还没有发布的公示</p></section>'
}
<section id="resolved"><h2>办结事项</h2>${itemList(items)}</section>
${months.length ? `<section><h2>历次公示</h2><nav>${months.map((m) => `<a href="/p/${e(org.code)}/reports/${e(m)}">${e(monthLabel(m))}</a>`).join('')}</nav></section>` : ''}
</main>
<footer>${e(org.name)}党群工作部</footer>`;
  return page({ title: `${org.name}职工诉求公示`, body });
}
