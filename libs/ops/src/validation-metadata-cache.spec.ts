import { IsInt, IsOptional, IsString, MetadataStorage, validate } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Child extends Base {
  @IsOptional()
  @IsInt()
  count?: number;
}

/** The unmemoised lookup, for comparison. */
type Target = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];

const plain = (storage: MetadataStorage, target: Target): Array<[string, string]> =>
  MetadataStorage.prototype.getTargetValidationMetadatas.call(storage, target, undefined as unknown as string, false, false, undefined).map((m) => [m.propertyName, m.type]);

describe('memoiseValidationMetadata', () => {
  const storage = (globalThis as unknown as { classValidatorMetadataStorage: MetadataStorage }).classValidatorMetadataStorage;
  beforeAll(() => memoiseValidationMetadata(storage));

  it('answers as the plain lookup, inherited rules included, and gives each caller its own array', () => {
    const lookup = (target: Target): Array<[string, string]> => storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false).map((m) => [m.propertyName, m.type]);
    expect(lookup(Child)).toEqual(plain(storage, Child));
    expect(lookup(Child).map(([p]) => p)).toEqual(expect.arrayContaining(['name', 'count']));
    storage.getTargetValidationMetadatas(Child, undefined as unknown as string, false, false).length = 0;
    expect(lookup(Child)).toEqual(plain(storage, Child));
    expect(lookup(Base)).toEqual(plain(storage, Base));
  });

  it('forgets what it knew when a rule is registered later (a decorator run after the first validation)', async () => {
    const child = Object.assign(new Child(), { name: 'a', count: 1, extra: 5 });
    expect(await validate(child, { whitelist: true, forbidNonWhitelisted: true })).toHaveLength(1);
    IsInt()(Child.prototype, 'extra');
    expect(await validate(child, { whitelist: true, forbidNonWhitelisted: true })).toHaveLength(0);
    expect(storage.getTargetValidationMetadatas(Child, undefined as unknown as string, false, false).map((m) => m.propertyName)).toContain('extra');
  });

  it('leaves lookups by group or schema to the plain lookup', () => {
    expect(storage.getTargetValidationMetadatas(Base, undefined as unknown as string, false, false, ['g'])).toEqual(
      MetadataStorage.prototype.getTargetValidationMetadatas.call(storage, Base, undefined as unknown as string, false, false, ['g']),
    );
  });
});
