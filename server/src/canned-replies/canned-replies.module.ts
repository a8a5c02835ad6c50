import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { CannedRepliesController } from './canned-replies.controller.js';
import { CannedRepliesRepository } from './canned-replies.repository.js';
import { CannedRepliesService } from './canned-replies.service.js';

/** 常用回复: the office's sentences for answers and replies, per category. */
@Module({ imports: [OrgModule], controllers: [CannedRepliesController], providers: [CannedRepliesRepository, CannedRepliesService] })
export class CannedRepliesModule {}
