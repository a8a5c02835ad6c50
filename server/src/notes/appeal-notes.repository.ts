import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { insertRows } from '../database/insert-rows.js';
import { AppealNote } from './entities/appeal-note.entity.js';

/** The only reader and writer of appeal_notes. */
@Injectable()
export class AppealNotesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async insert(note: AppealNote, manager: EntityManager = this.db.manager): Promise<void> {
    await insertRows(manager, AppealNote, [note]);
  }

  /** The appeal's notes, oldest first. */
  ofAppeal(appealId: string): Promise<AppealNote[]> {
    return this.db.getRepository(AppealNote).find({ where: { appealId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
