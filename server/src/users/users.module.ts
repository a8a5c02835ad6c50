import { Module } from '@nestjs/common';
import { StaffRolesRepository } from './staff-roles.repository.js';
import { UsersRepository } from './users.repository.js';

/** People and the roles they hold: below every feature module (each names its caller with AuthUser), so it imports none. */
@Module({
  providers: [UsersRepository, StaffRolesRepository],
  exports: [UsersRepository, StaffRolesRepository],
})
export class UsersModule {}
