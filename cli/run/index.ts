// `nephos run`: boots an image under QEMU. (Being written.)
export async function runCommand(opts: unknown): Promise<number> {
  void opts;
  throw new Error('run not written yet');
}
