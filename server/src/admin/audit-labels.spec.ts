// Every action the server writes to the audit log has its Chinese name for the administrator's screen:
// a new audited action without one would show as 其他修改.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTION_LABELS, auditSummary } from '@minqing/shared';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

describe('the audit log in the administrator’s words', () => {
  it('names every action the server audits', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const written = new Set<string>();
    for (const file of sourceFiles(root)) {
      const text = fs.readFileSync(file, 'utf8');
      // Written as `action: 'x.y'`, or passed to a change/record helper as its action argument.
      for (const match of text.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) {
        if (
          /^(org|place|department|category|role|bind_code|deadline_policy|notifications|relief_settings|reveal_settings|official_menu|report|relief|identity_reveal|profile)\./.test(
            match[1],
          )
        )
          written.add(match[1]);
      }
    }
    // Written from a variable: relief's final states (relief.service: `relief.${final}`).
    for (const final of ['paid', 'failed', 'cancelled']) written.add(`relief.${final}`);
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((action) => !(action in AUDIT_ACTION_LABELS))).toEqual([]);
  });

  it('says what was done to what, with the role in words', () => {
    expect(auditSummary({ action: 'place.create', before: null, after: { code: 'dorm3', name: '3号宿舍楼' } }, '3号宿舍楼')).toBe('添加地点 3号宿舍楼');
    expect(auditSummary({ action: 'role.remove', before: { role: 'handler' }, after: null }, '王主任')).toBe('取消身份 王主任(部门)');
    expect(auditSummary({ action: 'bind_code.create', before: null, after: { role: 'leader' } }, null)).toBe('发放绑定码 矿领导');
    expect(auditSummary({ action: 'something.new', before: null, after: null }, null)).toBe('其他修改');
  });
});
