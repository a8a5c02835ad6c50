import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { UsersModule } from '../users/users.module.js';
import { OrgSetupController } from './org-setup.controller.js';
import { OrgSetupService } from './org-setup.service.js';

@Module({ imports: [OrgModule, UsersModule], controllers: [OrgSetupController], providers: [OrgSetupService] })
export class AdminModule {}
