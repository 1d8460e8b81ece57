import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Role } from '../roles';

const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei' })
  @Matches(USERNAME, { message: 'username must be 3-64 letters, digits or _.@- such as zhang.wei' })
  username!: string;

  @ApiProperty({ minLength: 10, example: 'a-long-passphrase' })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password!: string;

  @ApiProperty({ enum: Role, description: 'submitter is not a user role: create an API key instead' })
  @IsEnum(Role, { message: `role must be one of ${Object.values(Role).join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ description: 'Inspection unit; required for inspector and brigade_lead' })
  @IsOptional()
  @Matches(CODE, { message: 'unitCode must be a unit code such as 420113-D1' })
  unitCode?: string;

  @ApiPropertyOptional({ description: 'Industry bureau; required for bureau_officer' })
  @IsOptional()
  @Matches(CODE, { message: 'bureauCode must be a bureau code such as 420113-ZJ' })
  bureauCode?: string;

  @ApiPropertyOptional({ description: 'May read personal data unmasked (audit-logged)', default: false })
  @IsOptional()
  @IsBoolean()
  canUnmask?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disabled?: boolean;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role, { message: `role must be one of ${Object.values(Role).join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ minLength: 10 })
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Matches(CODE, { message: 'unitCode must be a unit code such as 420113-D1' })
  unitCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Matches(CODE, { message: 'bureauCode must be a bureau code such as 420113-ZJ' })
  bureauCode?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() canUnmask?: boolean;
}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: Role }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) unitCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) bureauCode!: string | null;
  @ApiProperty() canUnmask!: boolean;
  @ApiProperty() disabled!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}
