import { Module } from '@nestjs/common';
import { AppealsModule } from '../appeals/appeals.module.js';
import { UsersModule } from '../users/users.module.js';
import { DemoController } from './demo.controller.js';
import { DemoSeeder } from './demo-seeder.js';

/** Mounted only with the WeChat simulator: the demo logins are simulator codes. */
@Module({ imports: [AppealsModule, UsersModule], controllers: [DemoController], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
