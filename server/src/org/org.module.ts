import { Module } from '@nestjs/common';
import { OrgSettingsRepository } from './org-settings.repository.js';
import { OrgRepository } from './org.repository.js';
import { PublicOrgController } from './public-org.controller.js';
import { StaffDirectoryController } from './staff-directory.controller.js';
import { StickerLandingController } from './sticker-landing.controller.js';

@Module({
  controllers: [PublicOrgController, StickerLandingController, StaffDirectoryController],
  providers: [OrgRepository, OrgSettingsRepository],
  exports: [OrgRepository, OrgSettingsRepository],
})
export class OrgModule {}
