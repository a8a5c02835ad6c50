import { Module } from '@nestjs/common';
import { OrgRepository } from './org.repository.js';
import { PublicOrgController } from './public-org.controller.js';
import { StaffDirectoryController } from './staff-directory.controller.js';
import { StickerLandingController } from './sticker-landing.controller.js';

@Module({
  controllers: [PublicOrgController, StickerLandingController, StaffDirectoryController],
  providers: [OrgRepository],
  exports: [OrgRepository],
})
export class OrgModule {}
