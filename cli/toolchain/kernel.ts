// Builds the native core (kernel/) and the engine into a PVH-bootable ELF, cached by content.
// (Being written: see kernel/.)
export async function kernelElf(): Promise<string> {
  throw new Error('kernel build not written yet');
}
