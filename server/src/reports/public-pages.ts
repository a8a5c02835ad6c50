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
  if (options.print) return printSheet(report, options.qrSvg);
  const { figures } = report;
  const versions =
    report.versions.length > 1
      ? `<section><h2>版本</h2><nav>${report.versions
          .map((v) => `<a href="${e(options.basePath)}?version=${v.version}">第 ${v.version} 版 · ${e(formatLocal(v.publishedAt).slice(0, 10))}</a>`)
          .join('')}</nav></section>`
      : '';
  const body = `${header(figures.org, `${monthLabel(report.month)} 诉求办理情况${report.version > 1 ? `(第 ${report.version} 版)` : ''}`)}
<main>
${correction(report)}
<section id="headline"><h2>总体情况</h2>${headline(report)}${countsLine(report)}</section>
<section id="rates"><h2>各项指标</h2>${rateChart(report)}</section>
<section id="categories"><h2>诉求类别</h2>${categoryChart(report)}</section>
<section id="trend"><h2>近12个月趋势</h2>${trendChart(report)}</section>
<section id="departments"><h2>承办部门</h2>${departmentTable(report)}${timesLine(report)}</section>
<section id="resolved"><h2>办结事项</h2>${itemList(report.items)}</section>
${versions}
</main>
<footer>${e(figures.org.name)}党群工作部 · 发布于 ${e(formatLocal(report.publishedAt))}</footer>`;
  return page({ title: reportTitle(report), body });
}

const reportTitle = (report: PublicReportView) => `${report.figures.org.name}${monthLabel(report.month)}职工诉求公示`;

const correction = (report: PublicReportView) => (report.note ? `<section class="note" id="correction">更正说明:${e(report.note)}</section>` : '');

function countsLine(report: PublicReportView): string {
  const { counts } = report.figures;
  // A merged appeal is valid: its worker is answered with the appeal it was merged into (workflow/merged-appeals.ts).
  // A withdrawn one (撤回) is the worker's choice: counted apart, neither valid nor 核减.
  const excluded = counts.rejected;
  const withdrawn = report.figures.byStatus.withdrawn ?? 0;
  return `<p>受理有效诉求 ${counts.valid} 件${counts.merged ? `(其中 ${counts.merged} 件与同一件事合并办理,答复同样告知每位反映的职工)` : ''}${excluded ? `,核减不予受理 ${excluded} 件` : ''}${withdrawn ? `,职工撤回 ${withdrawn} 件` : ''};已回复 ${counts.replied} 件,不满意 ${counts.unsatisfied} 件。</p>`;
}

const rateChart = (report: PublicReportView) =>
  rateBars(
    '各项指标',
    CHART_RATES.map((name) => ({ label: RATE_LABELS[name], value: report.figures.rates[name].value })),
  );

const categoryChart = (report: PublicReportView) =>
  countBars(
    '诉求类别',
    report.figures.byCategory.map((c) => ({ label: c.name, n: c.counts.total })),
  );

/** A department's appeals, and the parts it co-handled (协办) when it has any: they are in its 按时办结率 too. */
const countCell = (d: PublicReportView['figures']['byDepartment'][number]): string => (d.coParts ? `${d.counts.total}(协办 ${d.coParts})` : String(d.counts.total));

function departmentTable(report: PublicReportView): string {
  return `<table><tr><th>部门</th><th>件数</th><th>回复率</th><th>按时办结率</th></tr>
${report.figures.byDepartment.map((d) => `<tr><td>${e(d.name)}</td><td>${countCell(d)}</td><td>${formatRate(d.rates.replyRate.value)}</td><td>${formatRate(d.rates.onTimeRate.value)}</td></tr>`).join('')}
</table>`;
}

function timesLine(report: PublicReportView): string {
  const { times } = report.figures;
  return `<p id="times">从提交到答复职工平均 ${times.reply.averageHours ?? '—'} 小时,九成在 ${times.reply.p90Hours ?? '—'} 小时内;部门从接到批办单到答复平均 ${times.answer.averageHours ?? '—'} 小时,九成在 ${times.answer.p90Hours ?? '—'} 小时内。</p>`;
}

/** The departments side by side, a column each: the sheet's height does not grow with their number. */
function departmentsAcross(report: PublicReportView): string {
  const departments = report.figures.byDepartment;
  const row = (label: string, cell: (d: (typeof departments)[number]) => string) => `<tr><th>${label}</th>${departments.map((d) => `<td>${cell(d)}</td>`).join('')}</tr>`;
  return `<table class="across">${[
    row('部门', (d) => e(d.name)),
    row('件数', countCell),
    row('回复率', (d) => formatRate(d.rates.replyRate.value)),
    row('按时办结率', (d) => formatRate(d.rates.onTimeRate.value)),
  ].join('')}</table>`;
}

/**
 * The A4 sheet for the bulletin board: one page for a month of up to 12 listed items (the items run on to a
 * second page when there are more), with the QR back to the channel in the header, so it is always on the
 * first page — the part of the sheet a passer-by sees first. The items are a table of one line each where
 * the summary fits; the charts sit two to a row.
 */
function printSheet(report: PublicReportView, qrSvg: string): string {
  const { figures } = report;
  const items = report.items.length
    ? `<table class="items"><tr><th>结果</th><th>办结事项</th><th>地点</th><th>用时</th><th>编号</th></tr>
${report.items
  .map(
    (i) =>
      `<tr class="item" data-serial="${e(i.serial)}"><td>${outcomeTag(i.outcome)}</td><td><b>${e(i.summary ?? '')}</b></td><td>${e(i.place)}</td><td>${i.daysTaken} 天</td><td class="serial">${e(i.serial)}</td></tr>`,
  )
  .join('\n')}</table>`
    : '<p class="empty">本月暂无可公开的办结事项</p>';
  const body = `<header class="sheet-head"><div><h1>${e(figures.org.name)} · 职工诉求公示</h1><p>${e(monthLabel(report.month))} 诉求办理情况${report.version > 1 ? `(第 ${report.version} 版)` : ''}</p></div>
<div class="qr">${qrSvg}<div><b>扫码反映诉求</b><br>“${e(figures.org.slogan)}”<br>件件有回音,事事有着落</div></div></header>
<main>
${correction(report)}
<section id="headline"><h2 class="print-hidden">总体情况</h2>${headline(report)}${countsLine(report)}${timesLine(report)}</section>
<div class="pair"><section id="rates"><h2>各项指标</h2>${rateChart(report)}</section><section id="categories"><h2>诉求类别</h2>${categoryChart(report)}</section></div>
<section id="departments"><h2>承办部门</h2>${departmentsAcross(report)}</section>
<section id="resolved"><h2>办结事项</h2>${items}</section>
</main>
<footer>${e(figures.org.name)}党群工作部 · 发布于 ${e(formatLocal(report.publishedAt))}</footer>`;
  return page({ title: reportTitle(report), body, print: true });
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

/** A month the mine has not published (or not a month at all): what to read instead, in a worker's words. */
export function missingMonthPage(org: { code: string; name: string; slogan: string }, month: string | null, latest: string | null): string {
  const which = month ? `${monthLabel(month)}的公示还没有发布` : '链接里的月份不对';
  const body = `${header(org, '职工诉求公示')}
<main>
<section id="missing"><h2>还没有这个月的公示</h2><p>${e(which)}。每月的公示在下个月初由党群工作部发布。</p>
${latest ? `<p><a id="latest-report" href="/p/${e(org.code)}/reports/${e(latest)}">看最近一期:${e(monthLabel(latest))}的公示</a></p>` : `<p>${e(org.name)}还没有发布过公示。</p>`}
<p><a href="/p/${e(org.code)}/resolved">看已办结的诉求</a></p></section>
</main>
<footer>${e(org.name)}党群工作部</footer>`;
  return page({ title: `还没有这个月的公示 · ${org.name}`, body });
}

/** A link naming no mine we serve (mistyped, or a mine not set up yet). */
export function missingMinePage(): string {
  const body = `<header><h1>职工诉求公示</h1></header>
<main>
<section id="missing"><h2>没有找到这个矿</h2><p>这个链接里的矿不在公示名单上,可能是链接抄错了,或者这个矿还没有开通。</p>
<p>请从本矿公众号菜单里的“诉求公示”,或者公示栏上的二维码重新打开。</p></section>
</main>`;
  return page({ title: '没有找到这个矿', body });
}
