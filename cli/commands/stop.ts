// `nephos stop`, `nephos rm`, `nephos restart`: the commands that end (and restart) runs.
import { type CommandSpec, formatHelp, parseArgs } from '../args';
import { fail } from '../errors';
import { bootFiles } from '../image';
import type { Command, Io } from '../main';
import { lockOf, refresh, stateOrGone } from '../instances/lifecycle';
import { DEFAULT_STOP_TIMEOUT_S, stopInstance } from '../instances/stop';
import { isFinal, removeInstanceDir } from '../instances/store';
import { startDetached } from '../run/detached';
import { resolveAccel } from '../run/qemu';
import { forEachInstance, homeOf, namesOf, parseSeconds, progressOf } from './common';
import { removeGroup, restartGroup, stopGroup } from '../group/ops';
import { forEachGroup, partitionNames } from '../group/targets';
import { halt, resume } from '../supervisor/daemon';

const TIME_OPTION = { long: 'time', short: 't', value: 'SECONDS', help: `seconds to wait for the app to exit before powering off (default ${DEFAULT_STOP_TIMEOUT_S})` };

export const STOP_SPEC: CommandSpec = {
  name: 'stop',
  usage: 'stop [OPTIONS] NAME...',
  summary: 'Stops running instances gracefully.\n' +
    'The app receives SIGTERM (its process.on(\'SIGTERM\') handlers run; without one it exits with\n' +
    '143); after the timeout the VM is powered off (exit code 137).\n' +
    'Returns once the VMs have exited and their logs are complete; prints each name.',
  options: [TIME_OPTION],
  examples: ['nephos stop web', 'nephos stop -t 30 web worker', 'nephos stop -t 0 web          # power off at once', 'nephos stop $(nephos ps -q)'],
};

export const RM_SPEC: CommandSpec = {
  name: 'rm',
  usage: 'rm [OPTIONS] NAME...',
  summary: 'Removes instances.\n' +
    'Deletes their state directory (logs included). A running instance is refused unless -f, which\n' +
    'powers it off first. Prints each name.',
  options: [{ long: 'force', short: 'f', help: 'power off running instances, then remove them' }],
  examples: ['nephos rm web', 'nephos rm -f web worker', 'nephos rm $(nephos ps -aq)'],
};

export const RESTART_SPEC: CommandSpec = {
  name: 'restart',
  usage: 'restart [OPTIONS] NAME...',
  summary: 'Restarts instances.\n' +
    'Stops them (as `nephos stop`) and boots them again in the background with the same image and\n' +
    'configuration; returns once each app is ready and prints its name. Works on exited and crashed\n' +
    'instances too. Logs continue after the previous run\'s.',
  options: [TIME_OPTION],
  examples: ['nephos restart web', 'nephos restart -t 2 web worker'],
};

function helped(spec: CommandSpec, argv: string[], io: Io): ReturnType<typeof parseArgs> | undefined {
  const parsed = parseArgs(spec, argv);
  if (!parsed.help) return parsed;
  io.out(formatHelp(spec));
  return undefined;
}

export const stop: Command = {
  spec: STOP_SPEC,
  async run(argv, io) {
    const parsed = helped(STOP_SPEC, argv, io);
    if (!parsed) return 0;
    const seconds = parseSeconds(parsed.options.get('time')?.slice(-1)[0], DEFAULT_STOP_TIMEOUT_S);
    // A replica group's name stops its balancer and every member (cli/group/).
    const { groups, instances } = partitionNames(namesOf(parsed.positionals, parsed.rest, 'stop'), homeOf(io));
    const [a, b] = await Promise.all([
      forEachGroup(groups, io, async (g) => {
        await stopGroup(g, seconds * 1000);
        io.out(`${g.name}\n`);
      }),
      forEachInstance(instances, io, async (inst) => {
        await halt(inst); // a restart policy no longer applies to it (cli/supervisor/)
        await stopInstance(inst, seconds * 1000);
        io.out(`${inst.name}\n`);
      }),
    ]);
    return a || b;
  },
};

export const rm: Command = {
  spec: RM_SPEC,
  async run(argv, io) {
    const parsed = helped(RM_SPEC, argv, io);
    if (!parsed) return 0;
    const force = parsed.options.has('force');
    const { groups, instances: names } = partitionNames(namesOf(parsed.positionals, parsed.rest, 'rm'), homeOf(io));
    const groupStatus = await forEachGroup(groups, io, async (g) => {
      await removeGroup(g, force);
      io.out(`${g.name}\n`);
    });
    const instanceStatus = await forEachInstance(names, io, async (inst) => {
      const running = () => fail(`instance "${inst.name}" is running`, `stop it first (nephos stop ${inst.name}), or use nephos rm -f ${inst.name}`);
      for (let attempt = 0; ; attempt++) {
        const st = await refresh(inst);
        if (st && !isFinal(st.status)) {
          if (!force) throw running();
          await halt(inst);
          await stopInstance(inst, 0);
        }
        // Remove under the lock, and only a finished instance: a concurrent restart may have
        // booted it again in between, and then -f stops that run too.
        const removed = await lockOf(inst, () => {
          const cur = stateOrGone(inst);
          if (cur && !isFinal(cur.status)) return false;
          removeInstanceDir(inst);
          return true;
        });
        if (removed) break;
        if (!force || attempt >= 3) throw running();
      }
      io.out(`${inst.name}\n`);
    });
    return groupStatus || instanceStatus;
  },
};

export const restart: Command = {
  spec: RESTART_SPEC,
  async run(argv, io) {
    const parsed = helped(RESTART_SPEC, argv, io);
    if (!parsed) return 0;
    const seconds = parseSeconds(parsed.options.get('time')?.slice(-1)[0], DEFAULT_STOP_TIMEOUT_S);
    const { groups, instances: names } = partitionNames(namesOf(parsed.positionals, parsed.rest, 'restart'), homeOf(io));
    const progress = progressOf(io);
    const groupStatus = await forEachGroup(groups, io, async (g) => {
      await restartGroup(g, seconds * 1000, (msg) => io.err(`nephos: ${msg}\n`));
      io.out(`${g.name}\n`);
    });
    const instanceStatus = await forEachInstance(names, io, async (inst) => {
      const config = inst.config();
      // Check the image before stopping anything: a missing or damaged one leaves it running.
      const boot = bootFiles(config.image);
      const accel = resolveAccel(config.accel, (msg) => io.err(`nephos: ${msg}\n`));
      await stopInstance(inst, seconds * 1000);
      const st = await startDetached({ inst, config, boot, accel }, progress);
      await resume(inst, st.run); // its restart policy applies again (cli/supervisor/)
      io.out(`${inst.name}\n`);
    });
    return groupStatus || instanceStatus;
  },
};
