import { Inject, Injectable } from '@nestjs/common';
import { maskPhone, normalizePhone, type UpdateProfileRequest, type UserView } from '@minqing/shared';
import type { AuthUser } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { OrgRepository } from '../org/org.repository.js';
import type { User } from '../users/entities/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';

/**
 * A person's profile as they see it: their user with the code of their organisation. Above both users
 * and org, so that neither needs the other for it.
 */
@Injectable()
export class ProfileService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async view(user: User, roles: AuthUser['roles']): Promise<UserView> {
    const org = user.orgId ? await this.orgs.findOrgById(user.orgId) : null;
    return {
      id: user.id,
      openid: user.openid,
      roles,
      org: org?.code ?? null,
      name: user.name,
      unit: user.unit,
      phone: maskPhone(this.cipher.decryptOptional(user.phoneEnc)),
    };
  }

  /** `request` has passed the contract's updateProfileBody (the route's pipe). */
  async updateProfile(auth: AuthUser, request: UpdateProfileRequest): Promise<UserView> {
    const changes: Partial<Pick<User, 'name' | 'unit' | 'phoneEnc'>> = {};
    if (request.name !== undefined) changes.name = request.name?.trim() || null;
    if (request.unit !== undefined) changes.unit = request.unit?.trim() || null;
    if (request.phone !== undefined) changes.phoneEnc = this.cipher.encryptOptional(request.phone ? normalizePhone(request.phone) : null);
    await this.users.updateProfile(auth.user.id, changes, this.clock.now());
    const updated = await this.users.findById(auth.user.id);
    return this.view(updated!, auth.roles);
  }
}
