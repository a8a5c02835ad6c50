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

// A4 portrait for the bulletin board: big type, readable from a metre away; the QR leads back.
const PRINT_CSS = `
@page{size:A4 portrait;margin:12mm}
body.print{background:#fff;font-size:20px;width:186mm;margin:0 auto}
body.print header{border-radius:0;padding:16px 20px}
body.print header h1{font-size:34px}
body.print header p{font-size:22px}
body.print main{max-width:none;padding:8px 0}
body.print section{border:2px solid #0d47a1;padding:12px 16px;break-inside:avoid}
body.print h2{font-size:26px}
body.print .figure b{font-size:34px}
body.print .figures{grid-template-columns:repeat(5,1fr)}
body.print .figure:first-child{grid-column:auto}
body.print table{font-size:19px}
body.print .item .meta{font-size:17px}
body.print footer{font-size:16px}
body.print .qr{display:flex;align-items:center;gap:16px}
body.print .qr svg{width:38mm;height:38mm}
`;
