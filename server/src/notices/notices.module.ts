import { Module } from '@nestjs/common';
import { NoticesController } from './notices.controller.js';
import { NoticesRepository } from './notices.repository.js';

@Module({ controllers: [NoticesController], providers: [NoticesRepository], exports: [NoticesRepository] })
export class NoticesModule {}
