import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { UsersModule } from '../users/users.module.js';
import { MeController } from './me.controller.js';
import { ProfileService } from './profile.service.js';

/** The caller's own profile (/api/me), and the same view for login and binding answers. */
@Module({
  imports: [UsersModule, OrgModule],
  controllers: [MeController],
  providers: [ProfileService],
  exports: [ProfileService],
})
export class ProfileModule {}
