import { randomUUID } from 'node:crypto';
import type { AppealStatus, Identity } from '@minqing/shared';
import { Appeal as AppealEntity, type Appeal } from '../../src/appeals/entities/appeal.entity.js';
import { newId } from '../../src/common/columns.js';
import type { TestApp } from './test-app.js';

export const validAppeal = (org: string, overrides: Record<string, unknown> = {}) => ({
  org,
  category: 'living',
  content: '女职工澡堂开放时间太短,下夜班的女职工经常洗不上澡',
  place: 'bath',
  identity: 'named',
  publishConsent: true,
  ...overrides,
});

/** Submits through the real route; returns the response. */
export function submitAppeal(t: TestApp, token: string, body: object, key: string = randomUUID()) {
  return t.http().post('/api/appeals').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);
}

/** Puts an appeal straight into any status (for the transition matrix): the rows a real history would leave. */
export async function insertAppeal(
  t: TestApp,
  orgCode: string,
  options: { status: AppealStatus; ownerOpenid: string; department?: string; identity?: Identity; category?: string },
): Promise<Appeal> {
  const [org] = await t.db.query('SELECT id FROM organizations WHERE code = ?', [orgCode]);
  const [category] = await t.db.query('SELECT id FROM categories WHERE org_id = ? AND code = ?', [org.id, options.category ?? 'living']);
  const [department] = options.department ? await t.db.query('SELECT id FROM departments WHERE org_id = ? AND code = ?', [org.id, options.department]) : [null];
  await t.login(options.ownerOpenid);
  const [owner] = await t.db.query('SELECT id FROM users WHERE openid = ?', [options.ownerOpenid]);
  const now = new Date();
  const appeal: Appeal = {
    id: newId(),
    orgId: org.id,
    serial: `${orgCode.toUpperCase()}-T${randomUUID().slice(0, 8)}`,
    month: '2026-11',
    categoryId: category.id,
    placeId: null,
    submitterId: owner.id,
    identity: options.identity ?? 'named',
    content: '测试用诉求:宿舍热水供应不稳定',
    phoneEnc: null,
    phoneTail: null,
    publishConsent: false,
    status: options.status,
    urgent: false,
    outcome: null,
    rating: null,
    underReview: false,
    idempotencyKey: randomUUID(),
    requestHash: 'x'.repeat(64),
    departmentId: department?.id ?? null,
    assigneeId: null,
    dueAt: null,
    plannedAt: null,
    supervised: false,
    reopenCount: 0,
    mergedIntoId: null,
    repliedAt: options.status === 'replied' ? now : null,
    callLogged: false,
    extensionUntil: null,
    extensionReason: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await t.db.createQueryBuilder().insert().into(AppealEntity).values(appeal).updateEntity(false).execute();
  return appeal;
}

/** Calls a transition route as someone. */
export function act(t: TestApp, token: string, id: string, action: string, body: object = {}) {
  return t.http().post(`/api/appeals/${id}/${action}`).set('Authorization', `Bearer ${token}`).send(body);
}
