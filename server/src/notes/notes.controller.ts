import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { appealView, noteBody, type AppealView } from '@minqing/shared';
import { ApiContract } from '../common/openapi.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { NotesService } from './notes.service.js';

@ApiTags('notes')
@ApiBearerAuth()
@Controller('api/appeals/:id/notes')
export class NotesController {
  constructor(@Inject(NotesService) private readonly notes: NotesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '内部备注 (office, leaders, the department on the sheet): staff-only, never shown to the worker; answers the staff view with its notes' })
  @ApiContract({ body: noteBody, example: { text: '内部:请劳资部先查考勤机记录' }, response: appealView, status: 201 })
  add(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<AppealView> {
    return this.notes.add(auth, id, body);
  }
}
