// The office and the administrator see the notifications that did not arrive — dead letters with
// WeChat's last answer, and the messages that went without credit — and send a dead one again once
// its cause is fixed (a robot key corrected, a template id configured).
import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseBody, type OutboxItemView, outboxListQuery, outboxListView, type OutboxListView, outboxRetryView, type OutboxStateName } from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { OutboxList } from './outbox-list.js';
import { OutboxRepository } from './outbox.repository.js';
import { ApiContract } from '../common/openapi.js';

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin', 'coordinator')
@Controller('api/admin/outbox')
export class OutboxAdminController {
  constructor(
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(OutboxList) private readonly listing: OutboxList,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Notifications by state (default: dead letters), newest first, with the counts of every state' })
  @ApiContract({ query: outboxListQuery, response: outboxListView })
  async list(@CurrentUser() auth: AuthUser, @Query('state') state?: string): Promise<OutboxListView> {
    const orgId = orgWhereRole(auth, ['admin', 'coordinator']);
    const query = parseBody(outboxListQuery, { state });
    if (!query.ok) throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'state', code: 'VALIDATION_FAILED' }] });
    const wanted = query.value.state ?? 'dead';
    const [rows, counts] = await Promise.all([this.listing.forOrg(orgId, wanted, 100), this.outbox.countByState(orgId)]);
    const items: OutboxItemView[] = rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      recipient: row.recipient,
      appeal: row.appealId && row.serial ? { id: row.appealId, serial: row.serial } : null,
      title: row.title,
      state: row.state,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
    }));
    return { counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])), items };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a dead letter again (its credit, if one was spent, is not taken twice)' })
  @ApiContract({ response: outboxRetryView })
  async retry(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<{ state: OutboxStateName }> {
    const orgId = orgWhereRole(auth, ['admin', 'coordinator']);
    const outcome = await this.outbox.requeueDead(orgId, id, this.clock.now());
    if (outcome === 'missing') throw DomainError.notFound();
    if (outcome === 'not_dead') throw new DomainError('OUTBOX_MESSAGE_NOT_FAILED');
    return { state: 'pending' };
  }
}
