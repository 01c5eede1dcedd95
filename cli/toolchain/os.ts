// Bundles os/ (entry os/boot.ts) and compiles it to bytecode for the guest, cached by content.
// (Being written.)
export async function osBytecode(): Promise<Uint8Array> {
  throw new Error('OS build not written yet');
}
