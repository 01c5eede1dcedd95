// node:stream/promises: pipeline and finished returning promises (readable-stream's).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const promises: { pipeline: (...args: any[]) => Promise<void>; finished: (stream: any, opts?: object) => Promise<void> } = require('readable-stream/lib/stream/promises.js');

export const { pipeline, finished } = promises;
export default promises;
