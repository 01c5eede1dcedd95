// The completion script, run by bash itself: what a user sees after pressing Tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, main, type Io } from '../main';
import { bashCompletion } from './completion';

const script = bashCompletion(Object.values(COMMANDS).map((c) => c.spec));

/** The completions bash offers for the words typed so far (the last one being completed). */
function complete(words: string[], env: Record<string, string> = {}, cwd?: string): string[] {
  const arr = words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${script}\nCOMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; _nephos; printf '%s\\n' "\${COMPREPLY[@]}"`],
    { encoding: 'utf8', env: { ...process.env, ...env }, cwd });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).sort();
}

test('commands, options, fixed values, instance names and files complete', () => {
  const home = mkdtempSync(join(tmpdir(), 'nephos-compl-'));
  try {
    for (const n of ['web', 'worker', 'db']) mkdirSync(join(home, 'instances', n), { recursive: true });
    mkdirSync(join(home, 'instances', '.removed-x'));
    writeFileSync(join(home, 'app.img'), '');
    const env = { NEPHOS_HOME: home };
    assert.deepEqual(complete(['nephos', 'r']), ['restart', 'rm', 'run']);
    assert.deepEqual(complete(['nephos', 'ps', '--']), ['--all', '--help', '--json', '--quiet']);
    assert.deepEqual(complete(['nephos', 'run', '--accel', '']), ['auto', 'kvm', 'tcg']);
    assert.deepEqual(complete(['nephos', 'stop', 'w'], env), ['web', 'worker']);
    assert.deepEqual(complete(['nephos', 'logs', '-f', ''], env), ['db', 'web', 'worker']);
    assert.deepEqual(complete(['nephos', 'run', 'app.'], env, home), ['app.img']);
    assert.deepEqual(complete(['nephos', 'run', '-m', ''], env, home), []);
    assert.deepEqual(complete(['nephos', 'completion', '']), ['bash']);
    assert.deepEqual(complete(['nephos', 'help', 'in']), ['inspect']);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('nephos completion bash prints the script; other shells are refused', async () => {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), env: {} };
  assert.equal(await main(['completion', 'bash'], io), 0);
  assert.equal(out, script);
  assert.match(out, /complete -F _nephos nephos\n$/);
  out = '';
  assert.equal(await main(['completion', 'zsh'], io), 125);
  assert.equal(err, 'nephos: no completion for "zsh": only bash is supported: nephos completion bash\n');
  assert.equal(out, '');
});
