// docs/ARCHITECTURE.md's table of appeal events is the map a reader follows from an event to what
// happens because of it. This keeps it true: every event of the code is in the table, and the reactions
// the table names for it are exactly the subscribers the running application has for it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppealEvents, type AppealEventType } from '../src/appeals/appeal-events.js';
import { HANDLERS } from '../src/workflow/handlers/index.js';
import { useTestApp } from './support/test-app.js';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/ARCHITECTURE.md');

/** The event table's rows: each event named in the first column, and how many reactions the row lists. */
function documentedReactions(): Map<string, number> {
  const text = fs.readFileSync(DOC, 'utf8');
  const table = text.slice(text.indexOf('## Domain events and who reacts'), text.indexOf('## How to add'));
  const rows = new Map<string, number>();
  for (const line of table.split('\n').filter((l) => /^\| `/.test(l))) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const reactions = cells.slice(2).filter((c) => c !== '—').length;
    for (const [, name] of cells[0].matchAll(/`([^`]+)`/g)) rows.set(name, reactions);
  }
  return rows;
}

describe('the architecture document', () => {
  const ctx = useTestApp('sqlite');

  it('lists every appeal event with exactly the reactions the application subscribes', () => {
    const events = ctx.t.app.get(AppealEvents);
    const types: AppealEventType[] = ['submitted', 'numbered', 'auto_closed', 'message', ...(Object.keys(HANDLERS) as AppealEventType[])];
    const documented = documentedReactions();
    expect([...documented.keys()].sort()).toEqual([...types].sort());
    expect(Object.fromEntries(types.map((type) => [type, events.subscriberCount(type)]))).toEqual(Object.fromEntries(types.map((type) => [type, documented.get(type)])));
  });
});
