// util.parseArgs as in Node 20 (lib/internal/util/parse_args/), which follows the POSIX Utility
// Syntax Guidelines (https://pubs.opengroup.org/onlinepubs/9699919799/basedefs/V1_chap12.html):
// phase 1 turns argv into tokens (option / positional / option-terminator, expanding short groups
// "-abc" and "-fVALUE"), phase 2 checks them in strict mode and stores values, phase 3 fills in
// defaults. `allowNegative` turns "--no-foo" into foo=false for boolean options.

import { codes } from '../../core/errors';

type OptionConfig = { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: unknown };
type Options = Record<string, OptionConfig>;
export interface Token { kind: 'option' | 'positional' | 'option-terminator'; index: number; name?: string; rawName?: string; value?: string; inlineValue?: boolean }

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const objectGetOwn = (o: any, k: string) => (hasOwn(o, k) ? o[k] : undefined);
const optionsGetOwn = (options: Options, name: string, k: string) => (hasOwn(options, name) ? objectGetOwn(options[name], k) : undefined);

function typeError(code: string, message: string): TypeError {
  const e = new TypeError(message);
  Object.defineProperty(e, 'code', { value: code, writable: true, enumerable: true, configurable: true });
  return e;
}

function validateBoolean(v: unknown, name: string): void {
  if (typeof v !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE(name, 'boolean', v);
}
function validateString(v: unknown, name: string): void {
  if (typeof v !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', v);
}
function validateArray(v: unknown, name: string): void {
  if (!Array.isArray(v)) throw new codes.ERR_INVALID_ARG_TYPE(name, 'Array', v);
}
function validateObject(v: unknown, name: string): void {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new codes.ERR_INVALID_ARG_TYPE(name, 'Object', v);
}
function describe(v: unknown): string {
  // The "Received ..." tail of ERR_INVALID_ARG_TYPE, for the one message errors.ts cannot shape.
  const msg = new codes.ERR_INVALID_ARG_TYPE('x', 'string', v).message;
  return msg.slice(msg.indexOf('. Received') + 2);
}

const isOptionValue = (v: string | undefined) => v != null;
const isOptionLikeValue = (v: string | undefined) => v != null && v.length > 1 && v[0] === '-';
const isLoneShortOption = (arg: string) => arg.length === 2 && arg[0] === '-' && arg[1] !== '-';
const isLoneLongOption = (arg: string) => arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3);
const isLongOptionAndValue = (arg: string) => arg.length > 2 && arg.startsWith('--') && arg.includes('=', 3);

function findLongOptionForShort(short: string, options: Options): string {
  for (const [name, config] of Object.entries(options)) if (objectGetOwn(config, 'short') === short) return name;
  return short;
}
function isShortOptionGroup(arg: string, options: Options): boolean {
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  return optionsGetOwn(options, findLongOptionForShort(arg[1], options), 'type') !== 'string';
}
function isShortOptionAndValue(arg: string, options: Options): boolean {
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  return optionsGetOwn(options, findLongOptionForShort(arg[1], options), 'type') === 'string';
}

function argsToTokens(args: string[], options: Options): Token[] {
  const tokens: Token[] = [];
  let index = -1;
  let groupCount = 0;
  const remaining = args.slice();
  while (remaining.length > 0) {
    const arg = remaining.shift()!;
    const nextArg = remaining[0];
    if (groupCount > 0) groupCount--; else index++;
    if (arg === '--') {
      // Guideline 10: everything after '--' is a positional argument.
      tokens.push({ kind: 'option-terminator', index });
      for (const a of remaining) tokens.push({ kind: 'positional', index: ++index, value: a });
      break;
    }
    if (isLoneShortOption(arg)) {
      const name = findLongOptionForShort(arg[1], options);
      let value: string | undefined;
      let inlineValue: boolean | undefined;
      if (optionsGetOwn(options, name, 'type') === 'string' && isOptionValue(nextArg)) {
        value = remaining.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }
    if (isShortOptionGroup(arg, options)) {
      const expanded: string[] = [];
      for (let i = 1; i < arg.length; i++) {
        const short = arg[i];
        const name = findLongOptionForShort(short, options);
        if (optionsGetOwn(options, name, 'type') !== 'string' || i === arg.length - 1) {
          expanded.push(`-${short}`);
        } else {
          expanded.push(`-${arg.slice(i)}`); // -abfFILE -> -a -b -fFILE
          break;
        }
      }
      remaining.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }
    if (isShortOptionAndValue(arg, options)) {
      const name = findLongOptionForShort(arg[1], options);
      tokens.push({ kind: 'option', name, rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
      continue;
    }
    if (isLoneLongOption(arg)) {
      const name = arg.slice(2);
      let value: string | undefined;
      let inlineValue: boolean | undefined;
      if (optionsGetOwn(options, name, 'type') === 'string' && isOptionValue(nextArg)) {
        value = remaining.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }
    if (isLongOptionAndValue(arg)) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq);
      tokens.push({ kind: 'option', name, rawName: `--${name}`, index, value: arg.slice(eq + 1), inlineValue: true });
      continue;
    }
    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}

interface Config { strict: boolean; options: Options; allowPositionals: boolean; allowNegative: boolean }

function checkOptionUsage(config: Config, token: Token): void {
  let name = token.name!;
  if (!hasOwn(config.options, name)) {
    if (config.allowNegative && name.startsWith('no-')) {
      name = name.slice(3);
      if (!hasOwn(config.options, name) || optionsGetOwn(config.options, name, 'type') !== 'boolean') {
        throw new codes.ERR_PARSE_ARGS_UNKNOWN_OPTION(token.rawName, config.allowPositionals);
      }
    } else {
      throw new codes.ERR_PARSE_ARGS_UNKNOWN_OPTION(token.rawName, config.allowPositionals);
    }
  }
  const short = optionsGetOwn(config.options, name, 'short');
  const shortAndLong = `${short ? `-${short}, ` : ''}--${name}`;
  const type = optionsGetOwn(config.options, name, 'type');
  if (type === 'string' && typeof token.value !== 'string') {
    throw new codes.ERR_PARSE_ARGS_INVALID_OPTION_VALUE(`Option '${shortAndLong} <value>' argument missing`);
  }
  if (type === 'boolean' && token.value != null) {
    throw new codes.ERR_PARSE_ARGS_INVALID_OPTION_VALUE(`Option '${shortAndLong}' does not take an argument`);
  }
}

function checkOptionLikeValue(token: Token): void {
  if (!token.inlineValue && isOptionLikeValue(token.value)) {
    const example = token.rawName!.startsWith('--') ? `'${token.rawName}=-XYZ'` : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    throw new codes.ERR_PARSE_ARGS_INVALID_OPTION_VALUE(`Option '${token.rawName}' argument is ambiguous.
Did you forget to specify the option argument for '${token.rawName}'?
To specify an option argument starting with a dash use ${example}.`);
  }
}

function storeOption(token: Token, options: Options, values: Record<string, unknown>, allowNegative: boolean): void {
  let name = token.name!;
  let value: unknown = token.value;
  if (name === '__proto__') return;
  if (allowNegative && name.startsWith('no-') && value === undefined) {
    name = name.slice(3);
    token.name = name;
    value = false;
  }
  const newValue = value ?? true;
  if (optionsGetOwn(options, name, 'multiple')) {
    if (values[name]) (values[name] as unknown[]).push(newValue); else values[name] = [newValue];
  } else {
    values[name] = newValue;
  }
}

export interface ParseArgsConfig { args?: string[]; options?: Options; strict?: boolean; allowPositionals?: boolean; tokens?: boolean; allowNegative?: boolean }

export function parseArgs(config: ParseArgsConfig = {}): { values: Record<string, unknown>; positionals: string[]; tokens?: Token[] } {
  const args = objectGetOwn(config, 'args') ?? defaultArgs();
  const strict = objectGetOwn(config, 'strict') ?? true;
  const allowPositionals = objectGetOwn(config, 'allowPositionals') ?? !strict;
  const returnTokens = objectGetOwn(config, 'tokens') ?? false;
  const allowNegative = objectGetOwn(config, 'allowNegative') ?? false;
  const options: Options = objectGetOwn(config, 'options') ?? { __proto__: null };
  validateArray(args, 'args');
  validateBoolean(strict, 'strict');
  validateBoolean(allowPositionals, 'allowPositionals');
  validateBoolean(returnTokens, 'tokens');
  validateBoolean(allowNegative, 'allowNegative');
  validateObject(options, 'options');
  for (const [name, optionConfig] of Object.entries(options)) {
    validateObject(optionConfig, `options.${name}`);
    const type = objectGetOwn(optionConfig, 'type');
    if (type !== 'string' && type !== 'boolean') {
      throw typeError('ERR_INVALID_ARG_TYPE', `The "options.${name}.type" property must be ('string|boolean'). ${describe(type)}`);
    }
    if (hasOwn(optionConfig, 'short')) {
      const short = optionConfig.short;
      validateString(short, `options.${name}.short`);
      if ((short as string).length !== 1) throw new codes.ERR_INVALID_ARG_VALUE(`options.${name}.short`, short, 'must be a single character');
    }
    const multiple = objectGetOwn(optionConfig, 'multiple');
    if (hasOwn(optionConfig, 'multiple')) validateBoolean(multiple, `options.${name}.multiple`);
    const def = objectGetOwn(optionConfig, 'default');
    if (def !== undefined) {
      const check = type === 'string' ? validateString : validateBoolean;
      if (multiple) {
        validateArray(def, `options.${name}.default`);
        (def as unknown[]).forEach((v, i) => check(v, `options.${name}.default[${i}]`));
      } else {
        check(def, `options.${name}.default`);
      }
    }
  }
  const tokens = argsToTokens(args, options);
  const result: { values: Record<string, unknown>; positionals: string[]; tokens?: Token[] } = { values: { __proto__: null } as Record<string, unknown>, positionals: [] };
  if (returnTokens) result.tokens = tokens;
  const parseConfig: Config = { strict, options, allowPositionals, allowNegative };
  for (const token of tokens) {
    if (token.kind === 'option') {
      if (strict) {
        checkOptionUsage(parseConfig, token);
        checkOptionLikeValue(token);
      }
      storeOption(token, options, result.values, allowNegative);
    } else if (token.kind === 'positional') {
      if (!allowPositionals) throw new codes.ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL(token.value);
      result.positionals.push(token.value!);
    }
  }
  for (const [name, optionConfig] of Object.entries(options)) {
    const def = objectGetOwn(optionConfig, 'default');
    if (def !== undefined && result.values[name] === undefined && name !== '__proto__') result.values[name] = def;
  }
  return result;
}

function defaultArgs(): string[] {
  const argv = (globalThis as any).process?.argv;
  return Array.isArray(argv) ? argv.slice(2) : [];
}
