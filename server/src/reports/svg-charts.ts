// Charts for the public pages as inline SVG: no script, no image request, sharp at any zoom and on
// paper. Each function returns a complete <svg> element whose text is escaped.
import { formatRate } from '@minqing/shared';
import { escapeHtml } from './html.js';

const BLUE = '#0d47a1';
const LIGHT = '#dbe7f7';
const FONT = 'font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"';

/** Horizontal bars of counts, labelled, largest first as given. */
export function countBars(title: string, rows: Array<{ label: string; n: number }>): string {
  const max = Math.max(1, ...rows.map((r) => r.n));
  const rowHeight = 34;
  const height = rows.length * rowHeight + 10;
  const bars = rows
    .map((r, i) => {
      const y = i * rowHeight + 5;
      const width = Math.round((r.n / max) * 190);
      return (
        `<text x="0" y="${y + 21}" font-size="15" fill="#1f2937">${escapeHtml(r.label)}</text>` +
        `<rect x="110" y="${y + 6}" width="${Math.max(width, 2)}" height="20" rx="4" fill="${BLUE}"/>` +
        `<text x="${118 + width}" y="${y + 21}" font-size="15" fill="#1f2937">${r.n}</text>`
      );
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 340 ${height}" width="100%" ${FONT}>${bars}</svg>`;
}

/** Each rate as a bar out of 100%, with its value. */
export function rateBars(title: string, rows: Array<{ label: string; value: number | null }>): string {
  const rowHeight = 34;
  const height = rows.length * rowHeight + 10;
  const bars = rows
    .map((r, i) => {
      const y = i * rowHeight + 5;
      const width = r.value === null ? 0 : Math.round(r.value * 170);
      return (
        `<text x="0" y="${y + 21}" font-size="15" fill="#1f2937">${escapeHtml(r.label)}</text>` +
        `<rect x="96" y="${y + 6}" width="170" height="20" rx="4" fill="${LIGHT}"/>` +
        `<rect x="96" y="${y + 6}" width="${width}" height="20" rx="4" fill="${BLUE}"/>` +
        `<text x="274" y="${y + 21}" font-size="15" font-weight="bold" fill="#1f2937">${formatRate(r.value)}</text>`
      );
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 340 ${height}" width="100%" ${FONT}>${bars}</svg>`;
}

/** Lines of rates month by month (0–100%), with a legend; a point per month. A single month is bars. */
export function trendLines(title: string, months: string[], series: Array<{ label: string; color: string; values: Array<number | null> }>): string {
  if (months.length === 1) return firstMonthBars(title, months[0], series);
  const width = 340;
  const top = 30;
  const plot = { left: 36, right: width - 10, top, bottom: top + 150 };
  const x = (i: number) => (months.length <= 1 ? (plot.left + plot.right) / 2 : plot.left + (i * (plot.right - plot.left)) / (months.length - 1));
  const y = (v: number) => plot.bottom - v * (plot.bottom - plot.top);
  const grid = [0, 0.5, 1]
    .map(
      (v) => `<line x1="${plot.left}" x2="${plot.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/><text x="0" y="${y(v) + 4}" font-size="11" fill="#6b7280">${v * 100}%</text>`,
    )
    .join('');
  const lines = series
    .map((s) => {
      const points = s.values.flatMap((v, i) => (v === null ? [] : [[x(i), y(v)] as const]));
      const path = points.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
      return (
        (points.length > 1 ? `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2.5"/>` : '') +
        points.map(([px, py]) => `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.5" fill="${s.color}"/>`).join('')
      );
    })
    .join('');
  const labels = months
    .map((m, i) =>
      months.length <= 6 || i % 2 === months.length % 2
        ? `<text x="${x(i)}" y="${plot.bottom + 16}" font-size="11" text-anchor="middle" fill="#6b7280">${escapeHtml(m.slice(5))}月</text>`
        : '',
    )
    .join('');
  const legend = series
    .map(
      (s, i) => `<rect x="${i * 110}" y="4" width="12" height="12" fill="${s.color}"/><text x="${i * 110 + 16}" y="15" font-size="13" fill="#1f2937">${escapeHtml(s.label)}</text>`,
    )
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${plot.bottom + 24}" width="100%" ${FONT}>${legend}${grid}${lines}${labels}</svg>`;
}

/**
 * A mine's first published month: a line needs two points, and three dots at one x read as nothing (and sit
 * on top of each other when the rates agree). A bar per rate, its value written above it, the month below.
 */
function firstMonthBars(title: string, month: string, series: Array<{ label: string; color: string; values: Array<number | null> }>): string {
  const width = 340;
  const plot = { left: 36, right: width - 10, top: 30, bottom: 180 };
  const y = (v: number) => plot.bottom - v * (plot.bottom - plot.top);
  const grid = [0, 0.5, 1]
    .map(
      (v) => `<line x1="${plot.left}" x2="${plot.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/><text x="0" y="${y(v) + 4}" font-size="11" fill="#6b7280">${v * 100}%</text>`,
    )
    .join('');
  const slot = (plot.right - plot.left) / series.length;
  const barWidth = Math.min(56, slot * 0.6);
  const bars = series
    .map((s, i) => {
      const value = s.values[0] ?? null;
      const cx = plot.left + slot * (i + 0.5);
      const top = value === null ? plot.bottom : y(value);
      // Above the bar, or inside its top when it reaches the legend's band.
      const labelY = value !== null && top - 6 < plot.top + 4 ? top + 16 : top - 6;
      const labelFill = value !== null && top - 6 < plot.top + 4 ? '#fff' : '#1f2937';
      return (
        (value === null
          ? ''
          : `<rect class="trend-bar" x="${(cx - barWidth / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(plot.bottom - top).toFixed(1)}" rx="3" fill="${s.color}"/>`) +
        `<text x="${cx.toFixed(1)}" y="${labelY.toFixed(1)}" font-size="13" font-weight="bold" text-anchor="middle" fill="${labelFill}">${formatRate(value)}</text>`
      );
    })
    .join('');
  const legend = series
    .map(
      (s, i) => `<rect x="${i * 110}" y="4" width="12" height="12" fill="${s.color}"/><text x="${i * 110 + 16}" y="15" font-size="13" fill="#1f2937">${escapeHtml(s.label)}</text>`,
    )
    .join('');
  const label = `<text x="${(plot.left + plot.right) / 2}" y="${plot.bottom + 16}" font-size="11" text-anchor="middle" fill="#6b7280">${escapeHtml(`${Number(month.slice(5))}月`)}</text>`;
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${plot.bottom + 24}" width="100%" ${FONT}>${legend}${grid}${bars}${label}</svg>`;
}
