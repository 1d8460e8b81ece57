import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Metadata = ReturnType<Lookup>[number];

const installed = new WeakSet<Storage>();

/**
 * Memoises class-validator's getTargetValidationMetadatas(class) on its global storage.
 * The lookup filters the class's rules and walks every class that has any (an
 * `instanceof` each, for inherited rules), and runs twice per validated DTO (Nest's
 * ValidationPipe, then class-validator itself): about 1.3 % of the API's busy time under
 * the alert-list load (docs/decisions/alert-list-api-cpu.md). Its answer depends only on
 * its arguments and on the rules registered, which change only as decorators run (class
 * definition, mapped types): any new rule empties the memo. Only the plain lookup is
 * memoised (no schema, no groups: what the ValidationPipe asks); each caller gets its
 * own copy of the array, as before.
 */
export function memoiseValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed.has(storage)) return;
  installed.add(storage);
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let memo = new WeakMap<object, Map<string, Metadata[]>>();
  storage.addValidationMetadata = (metadata) => {
    memo = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (schema !== undefined || (groups && groups.length > 0) || typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const key = `${always ? 1 : 0}${strictGroups ? 1 : 0}`;
    let byKey = memo.get(target);
    if (!byKey) memo.set(target, (byKey = new Map()));
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found.slice();
  };
}
