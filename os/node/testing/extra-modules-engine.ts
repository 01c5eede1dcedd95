// The runtime-bound modules of extra-modules-script.ts as the engine check builds them: our
// factories over stand-ins for the runtime (timers from the prelude, Math.random as the entropy
// source, the host shell's async context slot from kernel/engine/patches/0002). Test-only.
import { createCrypto } from '../crypto';
import { createRandom } from '../random';
import { createZlib } from '../zlib';
import { createAsyncHooks } from '../async_hooks';
import { createV8 } from '../v8';
import { variableSlot, type AsyncContextSlot } from '../../core/async-context';

const later = (fn: () => void) => { setTimeout(fn, 0); };
const slot: AsyncContextSlot = (globalThis as any).__nephos_async_context ?? variableSlot();

export const crypto = createCrypto(createRandom((b) => { for (let i = 0; i < b.length; i++) b[i] = (Math.random() * 256) | 0; return true; }), { defer: later });
export const zlib = createZlib({ defer: later });
export const asyncHooks = createAsyncHooks(slot);
export const v8 = createV8({ heap: () => ({ total: 1 << 30, used: 1 << 20, peak: 1 << 20, external: 0 }) });
