// Runs compiler jobs in parallel (one per CPU), failing with the compiler's own messages.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { ToolError } from './run';

export interface Job {
  cmd: string;
  args: string[];
  cwd?: string;
}

export async function runJobs(jobs: Job[], parallel = Math.max(1, cpus().length)): Promise<void> {
  let next = 0;
  let failed: ToolError | undefined;
  const worker = async () => {
    while (next < jobs.length && !failed) {
      const job = jobs[next++];
      await new Promise<void>((resolve) => {
        const child = spawn(job.cmd, job.args, { cwd: job.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('error', (e: NodeJS.ErrnoException) => {
          failed ??= new ToolError(e.code === 'ENOENT' ? `${job.cmd} is not installed (run the README's setup command)` : `${job.cmd}: ${e.message}`);
          resolve();
        });
        child.on('close', (code) => {
          if (code !== 0) failed ??= new ToolError(`${job.cmd} failed (exit ${code}) on ${job.args[job.args.length - 1]}`, out.trim());
          resolve();
        });
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
  if (failed) throw failed;
}
