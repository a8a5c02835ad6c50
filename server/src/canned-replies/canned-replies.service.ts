// 常用回复: the office (and the administrator) keep them per category; the leaders and the departments
// read those of their mine, for the answer and reply fields of the staff's appeal page. Each change is
// in the audit log, like the rest of the organisation's setup.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { cannedReplyCreateBody, cannedReplyUpdateBody, type CannedReplyView } from '@minqing/shared';
import { AuditLog } from '../audit/audit-log.js';
import { Clock } from '../common/clock.js';
import { newId } from '../common/columns.js';
import { DomainError } from '../common/domain-error.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import { Transactions } from '../database/transactions.js';
import { OrgRepository } from '../org/org.repository.js';
import { orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { CannedRepliesRepository } from './canned-replies.repository.js';
import type { CannedReply } from './entities/canned-reply.entity.js';

const READERS = ['coordinator', 'leader', 'handler', 'admin'] as const;
const KEEPERS = ['coordinator', 'admin'] as const;

@Injectable()
export class CannedRepliesService {
  constructor(
    @Inject(CannedRepliesRepository) private readonly replies: CannedRepliesRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(auth: AuthUser, categoryCode?: string): Promise<CannedReplyView[]> {
    const orgId = orgWhereRole(auth, [...READERS]);
    let categoryId: string | undefined;
    if (categoryCode !== undefined) {
      const category = await this.orgs.findCategory(orgId, categoryCode);
      // A category the mine does not have has no replies of its own: those for every category remain.
      categoryId = category?.id ?? '';
    }
    return this.views(orgId, await this.replies.list(orgId, categoryId));
  }

  async create(auth: AuthUser, body: unknown): Promise<CannedReplyView> {
    const orgId = orgWhereRole(auth, [...KEEPERS]);
    const input = parseOrThrow(cannedReplyCreateBody, body);
    const categoryId = await this.categoryId(orgId, input.category);
    const now = this.clock.now();
    const reply: CannedReply = { id: newId(), orgId, categoryId, text: input.text.trim(), createdAt: now, updatedAt: now };
    await this.transactions.run(async (manager) => {
      await this.replies.insert(manager, reply);
      await this.record(manager, orgId, auth, 'canned_reply.create', reply.id, null, { category: input.category, text: reply.text }, now);
    });
    return (await this.views(orgId, [reply]))[0];
  }

  async update(auth: AuthUser, id: string, body: unknown): Promise<CannedReplyView> {
    const orgId = orgWhereRole(auth, [...KEEPERS]);
    const existing = await this.replies.find(orgId, id);
    if (!existing) throw DomainError.notFound('CANNED_REPLY_NOT_FOUND');
    const input = parseOrThrow(cannedReplyUpdateBody, body);
    const changes: Partial<CannedReply> = {};
    if (input.category !== undefined) changes.categoryId = await this.categoryId(orgId, input.category);
    if (input.text !== undefined) changes.text = input.text.trim();
    const now = this.clock.now();
    const updated = { ...existing, ...changes, updatedAt: now };
    await this.transactions.run(async (manager) => {
      await this.replies.update(manager, id, { ...changes, updatedAt: now });
      const before = await this.described(orgId, existing);
      await this.record(manager, orgId, auth, 'canned_reply.update', id, before, await this.described(orgId, updated), now);
    });
    return (await this.views(orgId, [updated]))[0];
  }

  async remove(auth: AuthUser, id: string): Promise<CannedReplyView[]> {
    const orgId = orgWhereRole(auth, [...KEEPERS]);
    const existing = await this.replies.find(orgId, id);
    if (!existing) throw DomainError.notFound('CANNED_REPLY_NOT_FOUND');
    const now = this.clock.now();
    await this.transactions.run(async (manager) => {
      await this.replies.remove(manager, id);
      await this.record(manager, orgId, auth, 'canned_reply.delete', id, await this.described(orgId, existing), null, now);
    });
    return this.views(orgId, await this.replies.list(orgId));
  }

  private async categoryId(orgId: string, code: string | null): Promise<string | null> {
    if (code === null) return null;
    const category = await this.orgs.findCategory(orgId, code);
    if (!category) throw new DomainError('CATEGORY_UNKNOWN');
    return category.id;
  }

  private async described(orgId: string, reply: CannedReply): Promise<{ category: string | null; text: string }> {
    const [view] = await this.views(orgId, [reply]);
    return { category: view.category?.code ?? null, text: view.text };
  }

  private async views(orgId: string, rows: CannedReply[]): Promise<CannedReplyView[]> {
    const ids = [...new Set(rows.map((r) => r.categoryId).filter((id): id is string => id !== null))];
    const categories = new Map((await this.orgs.findCategoriesByIds(ids)).filter((c) => c.orgId === orgId).map((c) => [c.id, c]));
    return rows.map((r) => {
      const category = r.categoryId ? categories.get(r.categoryId) : undefined;
      return { id: r.id, category: category ? { code: category.code, name: category.name } : null, text: r.text };
    });
  }

  private record(manager: EntityManager, orgId: string, auth: AuthUser, action: string, key: string, before: unknown, after: unknown, now: Date) {
    return this.audit.record(manager, { orgId, actorId: auth.user.id, action, entity: 'canned_reply', entityKey: key, before, after }, now);
  }
}
