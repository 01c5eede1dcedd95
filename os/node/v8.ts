// node:v8 on Nephos. There is no V8: the engine is QuickJS. What apps read works: heap
// statistics (from the kernel heap the engine allocates from, in V8's field names),
// serialize()/deserialize() in V8's wire format (internal/v8-serdes.ts), setFlagsFromString (a
// no-op: no flags apply), cachedDataVersionTag. Heap snapshots, coverage, the startup snapshot
// and GC profiling fail with ERR_NOT_SUPPORTED_ON_NEPHOS.
import { Buffer } from './buffer';
import { codes } from '../core/errors';
import { invalidArgType, validateString, withMessage } from './internal/validators';
import { deserialize as deserializeBytes, serialize } from './internal/v8-serdes';

export interface V8Host {
  /** Heap figures in bytes: the engine's heap is the kernel's (all RAM it may take, used, peak). */
  heap(): { total: number; used: number; peak: number; external: number };
}

function unsupported(name: string) {
  return function () {
    throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`v8.${name}`);
  };
}

export function createV8(host: V8Host) {
  function getHeapStatistics() {
    const h = host.heap();
    return {
      total_heap_size: h.used,
      total_heap_size_executable: 0,
      total_physical_size: h.used,
      total_available_size: Math.max(0, h.total - h.used),
      used_heap_size: h.used,
      heap_size_limit: h.total,
      malloced_memory: h.used,
      peak_malloced_memory: h.peak,
      does_zap_garbage: 0,
      number_of_native_contexts: 1,
      number_of_detached_contexts: 0,
      total_global_handles_size: 0,
      used_global_handles_size: 0,
      external_memory: h.external,
    };
  }

  function getHeapSpaceStatistics() {
    const h = host.heap();
    return [{ space_name: 'heap', space_size: h.used, space_used_size: h.used, space_available_size: Math.max(0, h.total - h.used), physical_space_size: h.used }];
  }

  function getHeapCodeStatistics() {
    return { code_and_metadata_size: 0, bytecode_and_metadata_size: 0, external_script_source_size: 0, cpu_profiler_metadata_size: 0 };
  }

  function setFlagsFromString(flags: unknown): void {
    validateString(flags, 'flags');
  }

  function deserialize(buffer: unknown): unknown {
    if (!ArrayBuffer.isView(buffer)) {
      throw withMessage(invalidArgType('buffer', ['TypedArray', 'DataView'], buffer), 'buffer must be a TypedArray or a DataView');
    }
    return deserializeBytes(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  }

  return {
    cachedDataVersionTag: () => 0,
    getHeapSnapshot: unsupported('getHeapSnapshot'),
    getHeapStatistics,
    getHeapSpaceStatistics,
    getHeapCodeStatistics,
    setFlagsFromString,
    Serializer: unsupported('Serializer'),
    Deserializer: unsupported('Deserializer'),
    DefaultSerializer: unsupported('DefaultSerializer'),
    DefaultDeserializer: unsupported('DefaultDeserializer'),
    deserialize,
    takeCoverage: () => {},
    stopCoverage: () => {},
    serialize: (value: unknown): Buffer => serialize(value),
    writeHeapSnapshot: unsupported('writeHeapSnapshot'),
    promiseHooks: {
      onInit: () => () => {}, onSettled: () => () => {}, onBefore: () => () => {}, onAfter: () => () => {},
      createHook: () => () => {},
    },
    queryObjects: unsupported('queryObjects'),
    startupSnapshot: {
      addSerializeCallback: unsupported('startupSnapshot.addSerializeCallback'),
      addDeserializeCallback: unsupported('startupSnapshot.addDeserializeCallback'),
      setDeserializeMainFunction: unsupported('startupSnapshot.setDeserializeMainFunction'),
      isBuildingSnapshot: () => false,
    },
    setHeapSnapshotNearHeapLimit: () => {},
    GCProfiler: unsupported('GCProfiler'),
  };
}
