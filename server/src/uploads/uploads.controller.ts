import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type UploadView, type VoiceUploadView, VOICE_MAX_BYTES, uploadView, voiceUploadView } from '@minqing/shared';
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

  @Post('voice')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'ms', required: false, description: 'The recorder’s length in milliseconds, used only when the file’s container tells none' })
  @ApiOperation({
    summary: 'Upload one voice note (语音): ≤ 768 KB and ≤ 60 s, mp3/aac (WeChat’s recorder) or webm/ogg/mp4 (the browser’s) by content; the same daily quota as photos',
  })
  @ApiContract({ response: voiceUploadView, status: 201 })
  async uploadVoice(@CurrentUser() auth: AuthUser, @Req() request: FastifyRequest, @Query('ms') ms?: string): Promise<VoiceUploadView> {
    if (!request.isMultipart()) throw new DomainError('VOICE_REQUIRED');
    const file = await request.file({ limits: { fileSize: VOICE_MAX_BYTES } });
    if (!file) throw new DomainError('VOICE_REQUIRED');
    let bytes: Buffer;
    try {
      bytes = await file.toBuffer();
    } catch (error) {
      // Past the voice's own limit (a minute's worth), said as a voice's refusal, not a photo's.
      if ((error as { statusCode?: number }).statusCode === 413) throw new DomainError('VOICE_TOO_LARGE');
      throw error;
    }
    const recordedMs = /^\d{1,7}$/.test(ms ?? '') ? Number(ms) : null;
    return this.uploads.storeVoice(auth.user.id, bytes, recordedMs);
  }

  @Public()
  @Get(':id')
  @ApiOperation({
    summary:
      'A photo, by the signed URL found in an appeal view: for its viewer, for five minutes, while they may read the appeal (with STORAGE=s3: a 302 to the store’s presigned URL, good for a minute)',
  })
  @ApiFile(['image/jpeg', 'image/png', 'image/webp', 'audio/webm', 'audio/ogg', 'audio/mp4', 'audio/mpeg', 'audio/aac'], 'The photo, or the voice note (for those who may hear it)')
  async read(@Param('id') id: string, @Query('v') viewer: string, @Query('exp') exp: string, @Query('sig') sig: string, @Res() reply: FastifyReply): Promise<void> {
    const photo = await this.uploads.readSigned(id, viewer, exp, sig);
    // The redirect is not kept by any cache: each fetch is checked again, and the store's URL lives a minute.
    if ('redirect' in photo) void reply.header('cache-control', 'no-store').redirect(photo.redirect, 302);
    else void reply.header('content-type', photo.mime).header('cache-control', `private, max-age=${PHOTO_URL_TTL_SECONDS}`).send(photo.bytes);
  }
}
