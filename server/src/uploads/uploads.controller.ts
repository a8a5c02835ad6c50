import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type UploadView, uploadView } from '@minqing/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { Public } from '../common/access.decorators.js';
import { DomainError } from '../common/domain-error.js';
import { PHOTO_URL_TTL_SECONDS } from './signed-url.js';
import { UploadsService } from './uploads.service.js';
import { ApiContract, ApiFile } from '../common/openapi.js';

@ApiTags('uploads')
@Controller('api/uploads')
export class UploadsController {
  constructor(@Inject(UploadsService) private readonly uploads: UploadsService) {}

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Upload one photo (≤ 5 MB, images only by content; a daily quota of photos no appeal carries); EXIF is removed' })
  @ApiContract({ response: uploadView, status: 201 })
  async upload(@CurrentUser() auth: AuthUser, @Req() request: FastifyRequest): Promise<UploadView> {
    if (!request.isMultipart()) throw new DomainError('UPLOAD_REQUIRED');
    const file = await request.file();
    if (!file) throw new DomainError('UPLOAD_REQUIRED');
    // toBuffer throws a 413 (mapped to UPLOAD_TOO_LARGE) past the multipart fileSize limit.
    const bytes = await file.toBuffer();
    return this.uploads.store(auth.user.id, bytes);
  }

  @Public()
  @Get(':id')
  @ApiOperation({
    summary:
      'A photo, by the signed URL found in an appeal view: for its viewer, for five minutes, while they may read the appeal (with STORAGE=s3: a 302 to the store’s presigned URL, good for a minute)',
  })
  @ApiFile(['image/jpeg', 'image/png', 'image/webp'], 'The photo')
  async read(@Param('id') id: string, @Query('v') viewer: string, @Query('exp') exp: string, @Query('sig') sig: string, @Res() reply: FastifyReply): Promise<void> {
    const photo = await this.uploads.readSigned(id, viewer, exp, sig);
    // The redirect is not kept by any cache: each fetch is checked again, and the store's URL lives a minute.
    if ('redirect' in photo) void reply.header('cache-control', 'no-store').redirect(photo.redirect, 302);
    else void reply.header('content-type', photo.mime).header('cache-control', `private, max-age=${PHOTO_URL_TTL_SECONDS}`).send(photo.bytes);
  }
}
