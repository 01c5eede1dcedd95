// Types for the npm package `readable-stream` (a copy of Node's stream module, without its own
// typings): the classes node:fs builds on, typed as Node's.
declare module 'readable-stream' {
  export { Readable, Writable } from 'stream';
}
