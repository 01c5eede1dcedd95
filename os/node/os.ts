// node:os for a unikernel: one CPU, the VM's memory, no users but root, Linux-compatible constants.
// tmpdir() and homedir() read the environment first, as Node's (TMPDIR/TMP/TEMP, HOME).
import { codes } from '../core/errors';
import { Buffer } from './buffer';
import { signalNumbers } from './process';
import { invalidArgType } from './internal/validators';

export interface OsHost {
  hostname(): string;
  totalmem(): number;
  freemem(): number;
  uptime(): number;
  cpu: { brand: string; mhz: number };
  release: string;
  networkInterfaces(): Record<string, unknown[]>;
  /** The process environment (tmpdir, homedir). */
  env?(): Record<string, string | undefined>;
}

function validateInt32(value: unknown, name: string, min = -2147483648, max = 2147483647): number {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
  return value;
}

const errno: Record<string, number> = {
  E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAFNOSUPPORT: 97, EAGAIN: 11, EALREADY: 114,
  EBADF: 9, EBUSY: 16, ECANCELED: 125, ECHILD: 10, ECONNABORTED: 103, ECONNREFUSED: 111, ECONNRESET: 104,
  EDEADLK: 35, EDESTADDRREQ: 89, EDOM: 33, EDQUOT: 122, EEXIST: 17, EFAULT: 14, EFBIG: 27, EHOSTUNREACH: 113,
  EIDRM: 43, EILSEQ: 84, EINPROGRESS: 115, EINTR: 4, EINVAL: 22, EIO: 5, EISCONN: 106, EISDIR: 21, ELOOP: 40,
  EMFILE: 24, EMLINK: 31, EMSGSIZE: 90, EMULTIHOP: 72, ENAMETOOLONG: 36, ENETDOWN: 100, ENETRESET: 102,
  ENETUNREACH: 101, ENFILE: 23, ENOBUFS: 105, ENODATA: 61, ENODEV: 19, ENOENT: 2, ENOEXEC: 8, ENOLCK: 37,
  ENOLINK: 67, ENOMEM: 12, ENOMSG: 42, ENOPROTOOPT: 92, ENOSPC: 28, ENOSR: 63, ENOSTR: 60, ENOSYS: 38,
  ENOTCONN: 107, ENOTDIR: 20, ENOTEMPTY: 39, ENOTSOCK: 88, ENOTSUP: 95, ENOTTY: 25, ENXIO: 6, EOPNOTSUPP: 95,
  EOVERFLOW: 75, EPERM: 1, EPIPE: 32, EPROTO: 71, EPROTONOSUPPORT: 93, EPROTOTYPE: 91, ERANGE: 34, EROFS: 30,
  ESPIPE: 29, ESRCH: 3, ESTALE: 116, ETIME: 62, ETIMEDOUT: 110, ETXTBSY: 26, EWOULDBLOCK: 11, EXDEV: 18,
};

export function createOs(host: OsHost): Record<string, unknown> {
  const cpuEntry = () => ({ model: host.cpu.brand, speed: host.cpu.mhz, times: { user: Math.floor(host.uptime() * 1000), nice: 0, sys: 0, idle: 0, irq: 0 } });
  return {
    EOL: '\n',
    devNull: '/dev/null',
    arch: () => 'x64',
    platform: () => 'linux',
    type: () => 'Linux',
    machine: () => 'x86_64',
    release: () => host.release,
    version: () => `Nephos ${host.release}`,
    endianness: () => 'LE',
    hostname: () => host.hostname(),
    homedir: () => host.env?.().HOME || '/root',
    tmpdir: () => {
      const env = host.env?.() ?? {};
      let path = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
      if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
      return path;
    },
    uptime: () => Math.floor(host.uptime()),
    totalmem: () => host.totalmem(),
    freemem: () => host.freemem(),
    availableParallelism: () => 1,
    cpus: () => [cpuEntry()],
    loadavg: () => [0, 0, 0],
    networkInterfaces: () => host.networkInterfaces(),
    userInfo: (options?: { encoding?: string }) => {
      const info = { uid: 0, gid: 0, username: 'root', homedir: '/root', shell: null };
      if (options?.encoding !== 'buffer') return info;
      return { ...info, username: Buffer.from(info.username), homedir: Buffer.from(info.homedir) };
    },
    // One process and no scheduler classes: priority 0, and setting it (validated as Node does) changes nothing.
    getPriority: (pid: unknown = 0) => {
      validateInt32(pid, 'pid');
      return 0;
    },
    setPriority: (pid: unknown, priority?: unknown) => {
      if (priority === undefined) {
        priority = pid;
        pid = 0;
      }
      validateInt32(pid, 'pid');
      validateInt32(priority, 'priority', -20, 19);
    },
    constants: {
      signals: { ...signalNumbers },
      errno: { ...errno },
      priority: { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 },
      dlopen: {},
      UV_UDP_REUSEADDR: 4,
    },
  };
}
