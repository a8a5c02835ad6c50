import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { OrgRepository } from './org.repository.js';
import { PublicOrgController } from './public-org.controller.js';
import { StaffDirectoryController } from './staff-directory.controller.js';
import { StickerLandingController } from './sticker-landing.controller.js';

@Module({
  imports: [UsersModule],
  controllers: [PublicOrgController, StickerLandingController, StaffDirectoryController],
  providers: [OrgRepository],
  exports: [OrgRepository],
})
export class OrgModule {}
