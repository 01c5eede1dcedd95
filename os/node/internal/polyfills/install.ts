// Imported first by os/boot.ts: installs the engine's missing built-ins before any other module of
// the OS bundle (or an npm package inside it) evaluates its top level.
import { installPolyfills } from './index';

installPolyfills(globalThis);
