import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/user.dto';
import { User } from './entities/user.entity';
import { hashPassword } from './password';
import { Principal } from './principal';
import { PrincipalChanges } from './principal-changes';
import { Role } from './roles';
import { SecurityAuditService } from './security-audit.service';
import { userScopeProblems } from './user-scope';

export function userView(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    unitCode: u.unitCode,
    bureauCode: u.bureauCode,
    canUnmask: u.canUnmask,
    disabled: u.disabled,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: SecurityAuditService,
    private readonly changes: PrincipalChanges,
  ) {}

  async create(dto: CreateUserDto, actor: Principal): Promise<UserView> {
    const problems = userScopeProblems(dto.role, dto.unitCode ?? null, dto.bureauCode ?? null);
    if (problems.length) throw new BadRequestException(problems);
    const rows = (await this.users
      .createQueryBuilder()
      .insert()
      .values({
        username: dto.username,
        passwordHash: await hashPassword(dto.password),
        role: dto.role,
        unitCode: dto.unitCode ?? null,
        bureauCode: dto.bureauCode ?? null,
        canUnmask: dto.canUnmask ?? false,
      })
      .orIgnore()
      .returning('id')
      .execute()).raw as Array<{ id: string }>;
    if (rows.length === 0) throw new ConflictException(`A user named "${dto.username}" already exists; choose another username`);
    const user = await this.users.findOneByOrFail({ id: rows[0].id });
    await this.audit.record('user.created', actor, { userId: user.id, username: user.username, role: user.role, unitCode: user.unitCode, bureauCode: user.bureauCode, canUnmask: user.canUnmask });
    return userView(user);
  }

  async list(): Promise<UserView[]> {
    return (await this.users.find({ order: { username: 'ASC' } })).map(userView);
  }

  async update(id: string, dto: UpdateUserDto, actor: Principal): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException(`No user with id ${id}`);
    if (actor.id === id && (dto.disabled === true || (dto.role !== undefined && dto.role !== Role.Admin))) {
      throw new BadRequestException('You cannot disable or demote your own account; ask another admin');
    }
    const next = {
      role: dto.role ?? user.role,
      unitCode: dto.unitCode !== undefined ? dto.unitCode : user.unitCode,
      bureauCode: dto.bureauCode !== undefined ? dto.bureauCode : user.bureauCode,
      disabled: dto.disabled ?? user.disabled,
      canUnmask: dto.canUnmask ?? user.canUnmask,
    };
    // Changing the role away from a scoped one drops the scope it no longer needs.
    if (dto.role && dto.unitCode === undefined && ![Role.Inspector, Role.BrigadeLead].includes(next.role)) next.unitCode = null;
    if (dto.role && dto.bureauCode === undefined && next.role !== Role.BureauOfficer) next.bureauCode = null;
    const problems = userScopeProblems(next.role, next.unitCode, next.bureauCode);
    if (problems.length) throw new BadRequestException(problems);
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== user[k]);
    // These end every token issued before (api.md): the next request with one is a 401.
    const endsTokens = Boolean(dto.password) || (next.disabled && !user.disabled) || next.role !== user.role;
    await this.users.update(
      { id },
      {
        ...next,
        ...(dto.password ? { passwordHash: await hashPassword(dto.password) } : {}),
        ...(endsTokens ? { tokenVersion: () => 'token_version + 1' } : {}),
      },
    );
    // This process's next request already sees the change (other processes hear it by NOTIFY).
    this.changes.invalidate();
    const data = { userId: id, username: user.username, ...Object.fromEntries(changed.map((k) => [k, next[k]])) };
    if (changed.includes('disabled')) await this.audit.record(next.disabled ? 'user.disabled' : 'user.enabled', actor, data);
    if (changed.some((k) => k !== 'disabled')) await this.audit.record('user.changed', actor, { ...data, fields: changed.filter((k) => k !== 'disabled') });
    if (dto.password) await this.audit.record('user.password_changed', actor, { userId: id, username: user.username });
    return userView(await this.users.findOneByOrFail({ id }));
  }
}
