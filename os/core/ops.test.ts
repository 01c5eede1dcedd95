// The op table has one declaration (kernel/engine/ops.def); ops.d.ts must mirror it exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.env.NEPHOS_ROOT ?? process.cwd();

function normalise(sig: string): string {
  return sig.replace(/\s+/g, ' ').replace(/\s*([(),:;<>\[\]|])\s*/g, '$1').trim();
}

test('ops.d.ts declares exactly the ops of kernel/engine/ops.def, with the same signatures', () => {
  const def = readFileSync(join(root, 'kernel/engine/ops.def'), 'utf8');
  const fromDef = new Map<string, string>();
  for (const m of def.matchAll(/^OP\((op_\w+),\s*(\d+),\s*"(.*)"\)\s*$/gm)) fromDef.set(m[1], normalise(m[3]));
  assert.ok(fromDef.size > 10, 'ops.def parsed');
  const dts = readFileSync(join(root, 'os/core/ops.d.ts'), 'utf8');
  const body = dts.slice(dts.indexOf('export interface NativeOps'));
  const fromDts = new Map<string, string>();
  for (const m of body.matchAll(/^\s*(op_\w+)(\(.*\):[^;]+);\s*$/gm)) fromDts.set(m[1], normalise(m[2]));
  assert.deepEqual([...fromDts.keys()].sort(), [...fromDef.keys()].sort());
  for (const [name, sig] of fromDef) assert.equal(fromDts.get(name), sig, `signature of ${name}`);
});

test('every op named in ops.def has an implementation in kernel/engine', () => {
  const def = readFileSync(join(root, 'kernel/engine/ops.def'), 'utf8');
  const names = [...def.matchAll(/^OP\((op_\w+),/gm)].map((m) => m[1]);
  const sources = ['ops_machine.c', 'ops_system.c', 'ops_engine.c', 'ops_string.c', 'engine.c']
    .map((f) => readFileSync(join(root, 'kernel/engine', f), 'utf8')).join('\n');
  for (const n of names) assert.match(sources, new RegExp(`^JSValue ${n}\\(JSContext`, 'm'), `${n} implemented`);
});
