import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { ProfileModule } from '../profile/profile.module.js';
import { UsersModule } from '../users/users.module.js';
import { StaffController } from './staff.controller.js';
import { StaffRepository } from './staff.repository.js';
import { StaffService } from './staff.service.js';

@Module({ imports: [OrgModule, UsersModule, ProfileModule], controllers: [StaffController], providers: [StaffRepository, StaffService] })
export class StaffModule {}
