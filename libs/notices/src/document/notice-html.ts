import { NoticeDocument } from './notice-document.model';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches the page goes through here (project names come from imports). */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const STYLE = `
@page { size: A4; margin: 2cm 1.8cm; }
body { font-family: "FangSong", "STFangsong", "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.6; color: #000; }
h1 { text-align: center; color: #c00; font-size: 24pt; letter-spacing: 0.2em; margin: 0 0 0.3em; }
.number { text-align: center; border-bottom: 2px solid #c00; padding-bottom: 0.5em; margin-bottom: 1em; }
p.body { text-indent: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 0.8em 0; }
th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.sign { text-align: right; margin-top: 2.5em; }
`;

export function renderNoticeHtml(d: NoticeDocument): string {
  const e = escapeHtml;
  const rows = d.rows
    .map((r, i) => {
      const project = r.firstOfProject
        ? `<td rowspan="${r.projectRows}">${e(r.projectCode)}</td><td rowspan="${r.projectRows}">${e(r.projectName)}</td>`
        : '';
      return `<tr><td>${i + 1}</td>${project}<td>${e(r.ruleTitle)}</td><td>${e(r.severity)}</td><td>${e(r.evidence)}</td><td>${e(r.action)}</td></tr>`;
    })
    .join('\n');
  const reply = d.reply ? `<h2>回复情况</h2>\n<p class="body">${e(d.reply)}</p>` : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${e(d.title)} ${e(d.number)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(d.title)}</h1>
<p class="number">${e(d.number)}</p>
<p>${e(d.addressee)}：</p>
<p class="body">${e(d.body)}</p>
<table>
<thead><tr><th>序号</th><th>项目编码</th><th>项目名称</th><th>预警类型</th><th>等级</th><th>证据摘要</th><th>请求措施</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>回复期限：${e(d.replyDueZh)}前</p>
<p>联系方式：${e(d.contact)}</p>
${reply}
<p class="sign">${e(d.issuer)}<br>${e(d.issuedOnZh)}</p>
</body>
</html>
`;
}
