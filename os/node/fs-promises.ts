// node:fs/promises (`require('fs/promises')`): the same object as `require('fs').promises`, so
// both names share FileHandle and state. Build the fs module with createFs first.

import type { FsModule } from './fs';

export function fsPromisesOf(fs: FsModule): FsModule['promises'] {
  return fs.promises;
}
