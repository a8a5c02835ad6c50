import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { StickersController } from './stickers.controller.js';
import { StickersService } from './stickers.service.js';

@Module({ imports: [OrgModule], controllers: [StickersController], providers: [StickersService], exports: [StickersService] })
export class StickersModule {}
