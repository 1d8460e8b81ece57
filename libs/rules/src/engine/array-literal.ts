/**
 * A text[] parameter as the array literal node-pg would send for it ('{"a","b\"c"}':
 * every element quoted, backslash and double quote escaped). Every rule statement of an
 * evaluation gets the scope's codes and their profile codes ($1, $2: 4,500 each in a 1x
 * shard); node-pg serialises an array again for each statement, so the engine builds the
 * literal once and sends that string: the bytes on the wire and the value the server
 * parses are the same.
 */
export function textArrayLiteral(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += `"${values[i].replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  return `${out}}`;
}
