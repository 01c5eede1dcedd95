// Running build commands: failures carry the command's own output so the user sees the compiler.
import { spawnSync, SpawnSyncOptions } from 'node:child_process';

export class ToolError extends Error {
  constructor(message: string, readonly output = '') {
    super(message);
  }
}

export function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ToolError(`${cmd} is not installed (run the README's setup command)`);
    throw new ToolError(`${cmd}: ${r.error.message}`);
  }
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    throw new ToolError(`${cmd} ${args.slice(0, 3).join(' ')}... failed (exit ${r.status})`, out);
  }
  return String(r.stdout ?? '');
}
