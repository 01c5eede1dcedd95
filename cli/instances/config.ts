// The app's run configuration: the "nephos" key of its package.json (carried in the image as
// /nephos/app.json's "nephos"), overridden by `nephos run`'s flags.
//
//   "nephos": {
//     "memory": "256M",                 size string (or a number of bytes)
//     "ports": ["8080:80"],             HOST:GUEST strings, as -p
//     "env": { "NODE_ENV": "production", "PORT": 80 },   strings (numbers are written as such)
//     "args": ["--port", "80"],         process.argv[2...]
//     "accel": "auto"                   auto | kvm | tcg
//   }
//
// Unknown keys and wrong types are errors naming the key, so a typo ("memroy") is not silently
// ignored. Precedence: -m, --accel and -p replace the file's memory, accel and ports; `-- ARGS`
// replaces its args; -e and --env-file add to its env and win per variable.
import { readFileSync } from 'node:fs';
import { type Accel, MIB, MIN_MEMORY, parseAccel, parsePortMapping, parseSize, type PortMapping, type RunArgs } from '../args';
import { fail, NephosError } from '../errors';
import { parseArchive } from '../../os/fs/archive';

export interface AppRunConfig {
  memory?: number;
  ports?: PortMapping[];
  env?: Record<string, string>;
  args?: string[];
  accel?: Accel;
}

const KEYS = ['memory', 'ports', 'env', 'args', 'accel'];
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Validates the "nephos" key's value; `where` names its file in errors (e.g. "package.json"). */
export function parseAppRunConfig(value: unknown, where = 'package.json'): AppRunConfig {
  if (value === undefined) return {};
  const key = (k: string) => `${where} "nephos${k}"`;
  const wrong = (k: string, want: string, got: unknown) =>
    fail(`${key(k)} must be ${want}, not ${typeName(got)}`, `fix it in ${where}`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw wrong('', 'an object', value);
  const obj = value as Record<string, unknown>;
  const out: AppRunConfig = {};
  for (const k of Object.keys(obj)) {
    if (!KEYS.includes(k)) throw fail(`${where} "nephos" has an unknown key "${k}"`, `use ${KEYS.slice(0, -1).join(', ')} or ${KEYS[KEYS.length - 1]}`);
  }
  // Value errors reuse the flags' messages and fixes, with the key in place of the flag.
  const relabel = <T>(k: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof NephosError)) throw e;
      const what = e.fix ? e.message.slice(0, e.message.length - e.fix.length - 2) : e.message;
      throw fail(`${key(k)}: ${what.replace(/^(-p|--accel) /, '')}`, e.fix ?? `fix it in ${where}`);
    }
  };
  if (obj.memory !== undefined) {
    const m = obj.memory;
    if (typeof m !== 'string' && typeof m !== 'number') throw wrong('.memory', 'a size such as "256M"', m);
    const bytes = typeof m === 'number' ? m : parseSize(m, key('.memory'));
    if (!Number.isSafeInteger(bytes) || bytes <= 0) throw fail(`${key('.memory')} ${m} is not a size`, 'write a string such as "256M" or "1G"');
    out.memory = Math.ceil(bytes / MIB) * MIB;
    if (out.memory < MIN_MEMORY) throw fail(`${key('.memory')} ${JSON.stringify(m)} is too little memory`, `give at least "${MIN_MEMORY / MIB}M"`);
  }
  if (obj.ports !== undefined) {
    if (!Array.isArray(obj.ports)) throw wrong('.ports', 'an array of "HOST:GUEST" strings', obj.ports);
    out.ports = obj.ports.map((p, i) => {
      if (typeof p !== 'string') throw wrong(`.ports[${i}]`, 'a "HOST:GUEST" string', p);
      return relabel(`.ports[${i}]`, () => parsePortMapping(p));
    });
    const seen = new Set<number>();
    for (const p of out.ports) {
      if (seen.has(p.host)) throw fail(`${key('.ports')} publishes host port ${p.host} twice`, `fix it in ${where}`);
      seen.add(p.host);
    }
  }
  if (obj.env !== undefined) {
    const env = obj.env;
    if (env === null || typeof env !== 'object' || Array.isArray(env)) throw wrong('.env', 'an object of strings', env);
    out.env = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(env as Record<string, unknown>)) {
      if (!ENV_KEY.test(k)) throw fail(`${key('.env')}: "${k}" is not a variable name`, `use letters, digits and "_" in ${where}`);
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) throw wrong(`.env.${k}`, 'a string', v);
      const s = String(v);
      if (s.includes('\0')) throw fail(`${key(`.env.${k}`)} contains a NUL byte`, 'remove it');
      out.env[k] = s;
    }
  }
  if (obj.args !== undefined) {
    const args = obj.args;
    if (!Array.isArray(args)) throw wrong('.args', 'an array of strings', args);
    args.forEach((a, i) => {
      if (typeof a !== 'string') throw wrong(`.args[${i}]`, 'a string', a);
    });
    out.args = [...(args as string[])];
  }
  if (obj.accel !== undefined) {
    if (typeof obj.accel !== 'string') throw wrong('.accel', '"auto", "kvm" or "tcg"', obj.accel);
    out.accel = relabel('.accel', () => parseAccel(obj.accel as string));
  }
  return out;
}

/** The "nephos" key carried by an image: /nephos/app.json in its archive (the boot initrd). */
export function imageRunConfig(initrdPath: string, imageName: string): AppRunConfig {
  let manifest: { nephos?: unknown } | undefined;
  try {
    const entry = parseArchive(new Uint8Array(readFileSync(initrdPath))).find((e) => e.path === '/nephos/app.json');
    if (entry?.data) manifest = JSON.parse(Buffer.from(entry.data).toString('utf8'));
  } catch {
    throw fail(`${imageName} is corrupt (unreadable /nephos/app.json)`, 'rebuild it with `nephos build`');
  }
  return parseAppRunConfig(manifest?.nephos, `package.json of ${imageName}`);
}

export interface EffectiveRun {
  memory: number;
  ports: PortMapping[];
  env: Record<string, string>;
  args: string[];
  accel: Accel;
}

/** Flags over the app's configuration (precedence in the file comment). */
export function mergeRunConfig(flags: RunArgs, app: AppRunConfig): EffectiveRun {
  const given = new Set(flags.given);
  const env: Record<string, string> = Object.create(null);
  Object.assign(env, app.env ?? {}, flags.env);
  return {
    memory: given.has('memory') || app.memory === undefined ? flags.memory : app.memory,
    ports: given.has('publish') || app.ports === undefined ? flags.ports : app.ports,
    env,
    args: flags.args.length || app.args === undefined ? flags.args : app.args,
    accel: given.has('accel') || app.accel === undefined ? flags.accel : app.accel,
  };
}
