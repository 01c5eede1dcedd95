// node:worker_threads on Nephos: one thread. The module loads and describes the main thread
// (isMainThread true, threadId 0, parentPort and workerData null); environment data works within
// the thread; starting a Worker, and the message ports, fail with ERR_NOT_SUPPORTED_ON_NEPHOS.
import { codes } from '../core/errors';

function unsupported(name: string) {
  const fn = function () {
    throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`worker_threads.${name}`);
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

const environmentData = new Map<unknown, unknown>();

const workerThreads = {
  isMainThread: true,
  MessagePort: unsupported('MessagePort'),
  MessageChannel: unsupported('MessageChannel'),
  // Node 20's export list (markAsUncloneable and isMarkedAsUntransferable came in Node 22).
  markAsUntransferable: () => {},
  moveMessagePortToContext: unsupported('moveMessagePortToContext'),
  receiveMessageOnPort: unsupported('receiveMessageOnPort'),
  resourceLimits: {},
  postMessageToThread: unsupported('postMessageToThread'),
  threadId: 0,
  SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
  Worker: unsupported('Worker'),
  BroadcastChannel: unsupported('BroadcastChannel'),
  parentPort: null,
  workerData: null,
  getEnvironmentData: (key: unknown) => environmentData.get(key),
  setEnvironmentData: (key: unknown, value: unknown) => {
    if (value === undefined) environmentData.delete(key);
    else environmentData.set(key, value);
  },
};

export default workerThreads;
