// insertRows (the hot path's INSERTs without the query builder) must store a row exactly as TypeORM's
// InsertQueryBuilder does — dates, booleans, nulls, text — on each engine.
import 'reflect-metadata';
import { AppealEvent } from '../src/appeals/entities/appeal-event.entity.js';
import { newId } from '../src/common/columns.js';
import { insertRows } from '../src/database/insert-rows.js';
import { StepAction } from '../src/deadlines/entities/step-action.entity.js';
import { enginesUnderTest, useDataSource } from './support/test-databases.js';

describe.each(enginesUnderTest())('insertRows on %s', (engine) => {
  const ctx = useDataSource(engine, { migrate: true });

  const event = (id: string, overrides: Partial<AppealEvent> = {}): AppealEvent => ({
    id,
    appealId: newId(),
    orgId: newId(),
    type: 'replied',
    actorId: null,
    actorRole: 'coordinator',
    text: '女职工澡堂开放时间延长至21:30 😊',
    visibleToWorker: true,
    data: JSON.stringify({ publicSummary: '已办结' }),
    createdAt: new Date('2026-11-30T23:59:59.987Z'),
    ...overrides,
  });
  /** The stored row as the database returns it, without its id. */
  const stored = async (table: string, id: string) => {
    const [row] = await ctx.db.query(`SELECT * FROM ${table} WHERE id = ?`, [id]);
    const { id: _id, ...rest } = row as Record<string, unknown>;
    return rest;
  };

  it.each([
    ['a full row', {}],
    ['nulls and false', { actorId: null, text: null, data: null, visibleToWorker: false }],
  ])('stores %s as the query builder does', async (_, overrides) => {
    const [byBuilder, byHelper] = [newId(), newId()];
    const shared = event('x', overrides);
    await ctx.db
      .createQueryBuilder()
      .insert()
      .into(AppealEvent)
      .values({ ...shared, id: byBuilder })
      .updateEntity(false)
      .execute();
    await insertRows(ctx.db.manager, AppealEvent, [{ ...shared, id: byHelper }]);
    expect(await stored('appeal_events', byHelper)).toEqual(await stored('appeal_events', byBuilder));
    // And it reads back as the entity it was.
    expect(await ctx.db.getRepository(AppealEvent).findOneByOrFail({ id: byHelper })).toEqual({ ...shared, id: byHelper });
  });

  it('stores several rows in one statement, and none when given none', async () => {
    const stepId = newId();
    const actions: StepAction[] = [1, 2, 3].map((rung) => ({
      id: newId(),
      stepId,
      appealId: newId(),
      orgId: newId(),
      kind: rung === 1 ? 'reminder' : 'escalation',
      rung,
      runAt: new Date(Date.UTC(2026, 11, rung, 1)),
      doneAt: null,
      cancelledAt: null,
    }));
    await insertRows(ctx.db.manager, StepAction, actions);
    await insertRows(ctx.db.manager, StepAction, []);
    const read = await ctx.db.getRepository(StepAction).find({ where: { stepId }, order: { rung: 'ASC' } });
    expect(read).toEqual(actions);
  });

  it('refuses a row with a column left out instead of storing a NULL nobody meant', async () => {
    const { text: _text, ...partial } = event(newId());
    await expect(insertRows(ctx.db.manager, AppealEvent, [partial as AppealEvent])).rejects.toThrow('AppealEvent.text is missing');
  });
});
