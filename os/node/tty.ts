// node:tty on Nephos. isatty(fd) is true for stdout (1) and stderr (2) only when the host said
// that terminal is a TTY (`nephos run` in a terminal passes it on the kernel command line); stdin
// is never a TTY (no input is forwarded yet). WriteStream writes to the host's stream for its fd,
// with Node's getColorDepth() rules (FORCE_COLOR, NO_COLOR, TERM, COLORTERM, CI, ...), hasColors,
// getWindowSize and the cursor helpers; ReadStream is an empty readable with setRawMode().
import { Readable, Writable } from './stream';
import { invalidArgType } from './internal/validators';

export interface TtyHost {
  isatty(fd: number): boolean;
  write(fd: number, bytes: Uint8Array | string): void;
  size(fd: number): { columns: number; rows: number };
  env(): Record<string, string | undefined>;
}

const COLORS_2 = 1;
const COLORS_16 = 4;
const COLORS_256 = 8;
const COLORS_16m = 24;

const TERM_ENVS: Record<string, number> = {
  eterm: COLORS_16, cons25: COLORS_16, console: COLORS_16, cygwin: COLORS_16, dtterm: COLORS_16,
  gnome: COLORS_16, hurd: COLORS_16, jfbterm: COLORS_16, konsole: COLORS_16, kterm: COLORS_16,
  mlterm: COLORS_16, mosh: COLORS_16m, putty: COLORS_16, st: COLORS_16, 'rxvt-unicode-24bit': COLORS_16m,
  terminator: COLORS_16m, 'xterm-kitty': COLORS_16m,
};
const TERM_ENVS_REG_EXP = [/ansi/, /color/, /linux/, /direct/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/, /^vt220/];

/** Node's lib/internal/tty.js getColorDepth(env): 1, 4, 8 or 24 bits. */
export function getColorDepth(env: Record<string, string | undefined>): number {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case '':
      case '1':
      case 'true':
        return COLORS_16;
      case '2':
        return COLORS_256;
      case '3':
        return COLORS_16m;
      default:
        return COLORS_2;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return COLORS_2;
  if (env.TMUX) return COLORS_256;
  if (env.CI) {
    if (['APPVEYOR', 'BUILDKITE', 'CIRCLECI', 'DRONE', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TRAVIS'].some((sign) => sign in env) || env.CI_NAME === 'codeship') return COLORS_256;
    return COLORS_2;
  }
  if ('TEAMCITY_VERSION' in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION ?? '') ? COLORS_16 : COLORS_2;
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      if (!env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION)) return COLORS_256;
      return COLORS_16m;
    case 'HyperTerm':
    case 'MacTerm':
      return COLORS_16m;
    case 'Apple_Terminal':
      return COLORS_256;
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return COLORS_16m;
  if (env.TERM) {
    if (/truecolor/.test(env.TERM)) return COLORS_16m;
    if (/^xterm-256/.test(env.TERM)) return COLORS_256;
    const termEnv = env.TERM.toLowerCase();
    if (TERM_ENVS[termEnv]) return TERM_ENVS[termEnv];
    if (TERM_ENVS_REG_EXP.some((term) => term.test(termEnv))) return COLORS_16;
  }
  if (env.COLORTERM) return COLORS_16;
  return COLORS_2;
}

// ECMA-48 control sequences (CSI = ESC [), as Node's readline cursor helpers write them.
const CSI = '\x1b[';

export function cursorSequence(x: number, y?: number): string {
  return typeof y !== 'number' ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`;
}

export function moveSequence(dx: number, dy: number): string {
  let data = '';
  if (dx < 0) data += `${CSI}${-dx}D`;
  else if (dx > 0) data += `${CSI}${dx}C`;
  if (dy < 0) data += `${CSI}${-dy}A`;
  else if (dy > 0) data += `${CSI}${dy}B`;
  return data;
}

export function clearLineSequence(dir: number): string {
  return dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`;
}

export function createTty(host: TtyHost) {
  function validateFd(fd: unknown): number {
    if (typeof fd !== 'number') throw invalidArgType('fd', 'number', fd);
    return fd;
  }

  class ReadStream extends Readable {
    fd: number;
    isRaw = false;
    isTTY = true;
    constructor(fd: unknown, options?: object) {
      super({ ...options, read() { this.push(null); } });
      this.fd = validateFd(fd);
    }
    setRawMode(flag: boolean): this {
      this.isRaw = !!flag;
      return this;
    }
  }

  class WriteStream extends Writable {
    fd: number;
    isTTY = true;
    columns: number;
    rows: number;
    _type = 'tty';
    constructor(fd: unknown) {
      super({
        decodeStrings: false,
        write: (chunk: Uint8Array | string, _enc: string, cb: () => void) => {
          host.write(this.fd, chunk);
          cb();
        },
      });
      this.fd = validateFd(fd);
      const { columns, rows } = host.size(this.fd);
      this.columns = columns;
      this.rows = rows;
    }
    getColorDepth(env: Record<string, string | undefined> = host.env()): number {
      return getColorDepth(env);
    }
    hasColors(count?: unknown, env?: Record<string, string | undefined>): boolean {
      if (env === undefined && (count === undefined || (typeof count === 'object' && count !== null))) {
        env = count as Record<string, string | undefined> | undefined;
        count = 16;
      }
      if (typeof count !== 'number') throw invalidArgType('count', 'number', count);
      return count <= 2 ** getColorDepth(env ?? host.env());
    }
    getWindowSize(): [number, number] {
      return [this.columns, this.rows];
    }
    _refreshSize(): void {
      const { columns, rows } = host.size(this.fd);
      if (columns !== this.columns || rows !== this.rows) {
        this.columns = columns;
        this.rows = rows;
        this.emit('resize');
      }
    }
    cursorTo(x: number, y?: number | (() => void), cb?: () => void): boolean {
      if (typeof y === 'function') {
        cb = y;
        y = undefined;
      }
      return this.write(cursorSequence(x, y as number | undefined), cb);
    }
    moveCursor(dx: number, dy: number, cb?: () => void): boolean {
      return this.write(moveSequence(dx, dy), cb);
    }
    clearLine(dir: number, cb?: () => void): boolean {
      return this.write(clearLineSequence(dir), cb);
    }
    clearScreenDown(cb?: () => void): boolean {
      return this.write(`${CSI}0J`, cb);
    }
  }

  function isatty(fd: unknown): boolean {
    return Number.isInteger(fd) && (fd as number) >= 0 && (fd as number) <= 2147483647 && host.isatty(fd as number);
  }

  return { isatty, ReadStream, WriteStream };
}
