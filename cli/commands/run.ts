// `nephos run`: image (building the app first when given one), configuration (the image's
// "nephos" key under the flags), a new instance, then a foreground run or a detached one.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { RunArgs } from '../args';
import { type BuildDeps, cachedAppImage } from '../build';
import { bootFiles, looksLikeImage } from '../image';
import type { Io } from '../main';
import { imageRunConfig, mergeRunConfig } from '../instances/config';
import { self } from '../instances/proc';
import { createInstance, initialState, type InstanceConfig, removeInstanceDir } from '../instances/store';
import { startDetached } from '../run/detached';
import { runForeground } from '../run/index';
import type { Progress } from '../run/progress';
import { resolveAccel } from '../run/qemu';
import { homeOf } from './common';
import { lockOf, stateOrGone } from '../instances/lifecycle';
import { checkRunFlags, runReplicas } from '../group/run';
import { findGroup, groupNameInUse } from '../group/store';
import { ensureSupervisor, setPolicy } from '../supervisor/daemon';

/** True when `path` is a file that starts with the image magic. */
export function isImageFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(8);
      return readSync(fd, head, 0, 8, 0) === 8 && looksLikeImage(head);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export async function runCommand(args: RunArgs, io: Io, deps: BuildDeps, progress: Progress): Promise<number> {
  checkRunFlags(args);
  // An image is recognised by its magic; a name ending in .img is taken for one too, so that a
  // typo or a damaged file gets the image's error (bootFiles verifies it) and not the app's.
  let image: string;
  if (isImageFile(args.target) || /\.img$/i.test(args.target)) {
    image = resolve(args.target);
  } else {
    image = await progress.step(`building ${basename(resolve(args.target))}`, () => cachedAppImage(args.target, deps));
  }
  const home = homeOf(io);
  const boot = bootFiles(image, home);
  const effective = mergeRunConfig(args, imageRunConfig(boot.initrd, basename(image)));
  const accel = resolveAccel(effective.accel, (msg) => io.err(`nephos: ${msg}\n`));
  if (args.replicas !== undefined) {
    // A replica group (cli/group/): members web-1..web-N with this configuration, one balancer.
    const template = {
      image, app: boot.meta.app, memory: effective.memory, env: effective.env, args: effective.args, net: args.net,
      accel: effective.accel, ...(args.machine ? { machine: args.machine } : {}), ...(args.apiPort !== undefined ? { apiPort: args.apiPort } : {}), autoRemove: false,
    };
    return runReplicas(args, { home, ports: effective.ports, config: template }, io, progress);
  }
  if (args.name !== undefined && findGroup(home, args.name)) throw groupNameInUse(args.name);
  const config: Omit<InstanceConfig, 'name'> & { name?: string } = {
    version: 1,
    ...(args.name !== undefined ? { name: args.name } : {}),
    image,
    app: boot.meta.app,
    memory: effective.memory,
    env: effective.env,
    args: effective.args,
    ports: effective.ports,
    net: args.net,
    ...(args.ipv4 ? { ipv4: args.ipv4 } : {}),
    accel: effective.accel,
    ...(args.machine ? { machine: args.machine } : {}),
    ...(args.apiPort !== undefined ? { apiPort: args.apiPort } : {}),
    autoRemove: args.rm,
    createdAt: new Date().toISOString(),
  };
  const inst = createInstance(config, { ...initialState(), supervisor: self() }, home);
  const spec = { inst, config: inst.config(), boot, accel };
  try {
    if (args.detach) {
      await startDetached(spec, progress);
      if (args.restart && args.restart.kind !== 'no') {
        await setPolicy(inst, args.restart);
        await ensureSupervisor(inst);
      }
      io.out(`${inst.name}\n`);
      return 0;
    }
    return await runForeground(spec);
  } catch (e) {
    // Nothing was booted (QEMU missing, for instance): the instance never existed for the user.
    await lockOf(inst, () => {
      if (stateOrGone(inst)?.run === 0) removeInstanceDir(inst);
    });
    throw e;
  }
}
