import { Module } from '@nestjs/common';
import { OrgSettingsRepository } from './org-settings.repository.js';
import { UsersModule } from '../users/users.module.js';
import { OrgSetupRepository } from './org-setup.repository.js';
import { OrgRepository } from './org.repository.js';
import { PublicOrgController } from './public-org.controller.js';
import { StaffDirectoryController } from './staff-directory.controller.js';
import { StickerLandingController } from './sticker-landing.controller.js';

@Module({
  imports: [UsersModule],
  controllers: [PublicOrgController, StickerLandingController, StaffDirectoryController],
  providers: [OrgRepository, OrgSettingsRepository, OrgSetupRepository],
  exports: [OrgRepository, OrgSettingsRepository, OrgSetupRepository],
})
export class OrgModule {}
