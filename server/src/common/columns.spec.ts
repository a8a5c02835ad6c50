import { newId } from './columns.js';

describe('newId', () => {
  it('makes UUIDv7s that sort in the order they were made, none twice, stamped with the time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => newId());
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const stamp = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(stamp(ids[0])).toBeGreaterThanOrEqual(before);
    expect(stamp(ids.at(-1)!)).toBeLessThanOrEqual(after + 1);
  });
});
