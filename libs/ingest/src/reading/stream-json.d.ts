// stream-json publishes its streamers through package "exports" ("./*" → "./src/*"),
// which this repository's node10 module resolution does not read: point the subpath
// at the package's own declaration file.
declare module 'stream-json/streamers/stream-array.js' {
  import streamArray from 'stream-json/src/streamers/stream-array';
  export default streamArray;
}
