import { Module } from '@nestjs/common';
import { AppealsModule } from '../appeals/appeals.module.js';
import { AppealNotesRepository } from './appeal-notes.repository.js';
import { NotesController } from './notes.controller.js';
import { NotesService } from './notes.service.js';

/** 内部备注: staff-only notes on an appeal, in their own table, shown through the staff view's part. */
@Module({ imports: [AppealsModule], controllers: [NotesController], providers: [AppealNotesRepository, NotesService] })
export class NotesModule {}
