// Types for npm packages the OS bundles that ship none.
declare module 'readable-stream' {
  import * as stream from 'node:stream';
  export const Readable: typeof stream.Readable;
  export const Writable: typeof stream.Writable;
  export const Duplex: typeof stream.Duplex;
  export const Transform: typeof stream.Transform;
  export const PassThrough: typeof stream.PassThrough;
  export const Stream: typeof stream.Stream;
  export const pipeline: typeof stream.pipeline;
  export const finished: typeof stream.finished;
  export type Readable = stream.Readable;
  export type Writable = stream.Writable;
  export type Duplex = stream.Duplex;
}
declare module 'path-browserify' {
  import path from 'node:path';
  export = path;
}
declare module 'string_decoder/' {
  export * from 'node:string_decoder';
}
