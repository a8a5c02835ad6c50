// Server-rendered pages: every value that reaches the HTML goes through escapeHtml, which also drops the
// bidirectional overrides (a published line must read as it was written).
import { stripBidiControls } from '@minqing/shared';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return stripBidiControls(String(value ?? '')).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A whole page: mobile-first, readable without JavaScript, printable. */
export function page(options: { title: string; body: string; print?: boolean }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${BASE_CSS}${options.print ? PRINT_CSS : ''}</style>
</head>
<body class="${options.print ? 'print' : 'screen'}">
${options.body}
</body>
</html>`;
}

// Every text at 4.5:1 or more on its background (white on the orange of 限期办理 was 3.1:1).
const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;background:#eef3fb;color:#1f2937;font:16px/1.6 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
header{background:#0d47a1;color:#fff;padding:18px 16px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.9}
main{max-width:720px;margin:0 auto;padding:12px}
section{background:#fff;border-radius:12px;padding:14px 16px;margin-bottom:12px}
h2{font-size:18px;margin:0 0 10px;color:#0d47a1}
.figures{display:grid;grid-template-columns:repeat(2,1fr);gap:10px}
.figure{background:#f3f7fd;border-radius:10px;padding:10px}
.figure b{display:block;font-size:24px;color:#0d47a1}
.figure:first-child{grid-column:span 2}
.item{border-top:1px solid #e5e7eb;padding:10px 0}
.item:first-of-type{border-top:0}
.item .meta{color:#4b5563;font-size:14px}
.tag{display:inline-block;background:#0d47a1;color:#fff;border-radius:10px;padding:0 8px;font-size:13px;margin-right:6px}
.tag.explained{background:#8d6e63}.tag.scheduled{background:#b45309}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #e5e7eb;padding:6px 4px;text-align:left}
.note{background:#fff8e1;border-left:4px solid #ef6c00;padding:8px 12px;border-radius:6px}
nav a{display:inline-block;margin:0 10px 6px 0;color:#0d47a1}
.empty{color:#6b7280;text-align:center;padding:24px}
footer{color:#4b5563;font-size:13px;text-align:center;padding:16px}
`;

// A4 portrait for the bulletin board (186 × 273 mm inside the margins): a month of up to 12 items on one
// sheet, type still readable from a step away; the header carries the QR, so it is on the first page.
const PRINT_CSS = `
@page{size:A4 portrait;margin:12mm}
body.print{background:#fff;font-size:15px;line-height:1.45;width:186mm;margin:0 auto;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body.print header.sheet-head{display:flex;align-items:center;justify-content:space-between;gap:12px;padding:8px 12px}
body.print header h1{font-size:28px;line-height:1.25}
body.print header p{font-size:20px}
body.print main{max-width:none;padding:5px 0 0}
body.print section{border:1.5px solid #0d47a1;border-radius:8px;padding:5px 10px;margin-bottom:5px;break-inside:avoid}
body.print h2{font-size:18px;margin:0 0 4px}
body.print .figures{grid-template-columns:repeat(5,1fr);gap:6px}
body.print .print-hidden{display:none}
body.print .figure{padding:3px 8px;font-size:14px;line-height:1.3}
body.print .figure b{font-size:24px;line-height:1.2}
body.print .figure:first-child{grid-column:auto}
body.print #headline p{margin:4px 0 0;font-size:14px;line-height:1.4}
body.print .pair{display:grid;grid-template-columns:1fr 1fr;gap:5px;margin-bottom:5px}
body.print .pair section{margin:0}
body.print .pair svg.chart{display:block;height:150px}
body.print table{font-size:14px}
body.print th,body.print td{padding:2px 4px;vertical-align:top}
body.print #headline #times{margin:2px 0 0}
body.print table.across th{white-space:nowrap;width:1%}
body.print table.across th,body.print table.across td{padding:1px 4px}
body.print table.across tr:first-child td{font-weight:bold}
body.print #resolved{break-inside:auto}
body.print table.items{font-size:15px}
body.print table.items tr{break-inside:avoid}
body.print table.items td:not(:nth-child(2)),body.print table.items th{white-space:nowrap}
body.print table.items td.serial{color:#4b5563;font-size:12px;padding-top:4px}
body.print .tag{font-size:13px;margin:0}
body.print footer{font-size:12px;padding:2px}
body.print .qr{display:flex;align-items:center;gap:8px;background:#fff;color:#1f2937;border-radius:8px;padding:4px 8px;font-size:13px;line-height:1.4;flex:none}
body.print .qr svg{width:24mm;height:24mm;flex:none}
`;
