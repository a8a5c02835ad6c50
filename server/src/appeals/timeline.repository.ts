import { Inject, Injectable } from '@nestjs/common';
import type { TimelineEventType } from '@minqing/shared';
import { DataSource, In, type EntityManager } from 'typeorm';
import { newId } from '../common/columns.js';
import { insertRows } from '../database/insert-rows.js';
import { AppealEvent } from './entities/appeal-event.entity.js';
import type { Appeal } from './entities/appeal.entity.js';

/** One line to add to a timeline: what happened, for whom it is shown, and its structured data. */
export interface TimelineEntry {
  /** Given when something written before the line names it (its photos, its voice note); made here otherwise. */
  id?: string;
  type: TimelineEventType;
  text: string | null;
  visibleToWorker: boolean;
  data?: Record<string, unknown> | null;
  /** Another appeal's timeline than the one written for (a merge notes itself on the appeal merged into). */
  appealId?: string;
}

/** Who did it: the worker ('owner'), a staff role with the person's id, or 'system' with none. */
export interface TimelineActor {
  role: string;
  id: string | null;
}

/**
 * The only writer of the appeals' timelines (appeal_events): every change that is recorded on one
 * passes its lines here, in the transaction of the change, and here alone they become rows.
 */
@Injectable()
export class TimelineRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Writes the entries as one statement, all at `now` with ascending ids (UUIDv7 is monotonic), so a
   * read returns them in the order given; returns the rows written, for a view built without reading back.
   */
  async append(manager: EntityManager, appeal: Pick<Appeal, 'id' | 'orgId'>, entries: readonly TimelineEntry[], actor: TimelineActor, now: Date): Promise<AppealEvent[]> {
    const rows = entries.map((entry): AppealEvent => ({
      id: entry.id ?? newId(),
      appealId: entry.appealId ?? appeal.id,
      orgId: appeal.orgId,
      type: entry.type,
      actorId: actor.id,
      actorRole: actor.role,
      text: entry.text,
      visibleToWorker: entry.visibleToWorker,
      data: entry.data ? JSON.stringify(entry.data) : null,
      createdAt: now,
    }));
    await insertRows(manager, AppealEvent, rows);
    return rows;
  }

  /** The events of these kinds on these appeals, oldest first. */
  ofAppeals(appealIds: string[], types: TimelineEventType[]): Promise<AppealEvent[]> {
    return appealIds.length ? this.db.getRepository(AppealEvent).find({ where: { appealId: In(appealIds), type: In(types) }, order: { createdAt: 'ASC' } }) : Promise.resolve([]);
  }

  /**
   * The events of these kinds on the organisation's appeals of a month, in time order. The month's
   * appeals as a subquery: the database filters by it, instead of thousands of ids sent as parameters.
   */
  ofMonth(orgId: string, month: string, types: TimelineEventType[]): Promise<AppealEvent[]> {
    return this.db
      .getRepository(AppealEvent)
      .createQueryBuilder('e')
      .where('e.appeal_id IN (SELECT a.id FROM appeals a WHERE a.org_id = :orgId AND a.month = :month)', { orgId, month })
      .andWhere('e.type IN (:...types)', { types })
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }
}
