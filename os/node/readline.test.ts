// node:readline against host Node: the same input chunks (line endings split across chunks,
// CRLF, lone CR, unfinished last line, unicode split mid-character) give the same 'line' events,
// questions, prompts, pause/resume and close events, async iteration; cursor helpers write the
// same sequences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hostReadline from 'node:readline';
import * as hostPromises from 'node:readline/promises';
import { PassThrough as HostPassThrough } from 'node:stream';
import readline from './readline';

const chunkSets: (string | Buffer)[][] = [
  ['one\ntwo\n', 'three'],
  ['a\r\nb\r', '\nc\rd\n'],
  ['x', 'y', 'z\n', '\n', '\n'],
  [Buffer.from('héllo wörld\n').subarray(0, 2), Buffer.from('héllo wörld\n').subarray(2)],
  ['no newline at all'],
  ['\n\n\r\r\n'],
  ['日本\n語'],
];

async function lines(m: any, chunks: (string | Buffer)[]): Promise<string[]> {
  const input = new HostPassThrough();
  const rl = m.createInterface({ input });
  const log: string[] = [];
  rl.on('line', (l: string) => log.push(`line ${JSON.stringify(l)}`));
  rl.on('close', () => log.push('close'));
  for (const c of chunks) input.write(c);
  input.end();
  await new Promise((r) => setTimeout(r, 20));
  return log;
}

test('line splitting and close match host Node', async () => {
  for (const chunks of chunkSets) assert.deepEqual(await lines(readline, chunks), await lines(hostReadline, chunks), JSON.stringify(chunks));
});

async function dialogue(m: any): Promise<string[]> {
  const input = new HostPassThrough();
  const output = new HostPassThrough();
  let written = '';
  output.on('data', (d) => (written += d));
  const rl = m.createInterface({ input, output, prompt: '$ ' });
  const log: string[] = [];
  rl.on('pause', () => log.push('pause'));
  rl.on('resume', () => log.push('resume'));
  rl.on('line', (l: string) => log.push(`line ${l}`));
  log.push(`prompt ${rl.getPrompt()} terminal ${rl.terminal}`);
  rl.prompt();
  rl.question('name? ', (answer: string) => log.push(`answer ${answer} prompt now ${rl.getPrompt()}`));
  input.write('Ada\nsecond line\n');
  rl.setPrompt('# ');
  rl.prompt();
  rl.pause();
  rl.resume();
  rl.write('typed\n');
  await new Promise((r) => setTimeout(r, 10));
  rl.close();
  log.push(`closed ${rl.closed}`);
  try {
    rl.question('again?', () => {});
  } catch (e: any) {
    log.push(`${e.code} ${e.message}`);
  }
  log.push(`output ${JSON.stringify(written)}`);
  return log;
}

test('question, prompt, pause/resume, write and use after close match host Node', async () => {
  assert.deepEqual(await dialogue(readline), await dialogue(hostReadline));
});

test('async iteration and readline/promises question', async () => {
  for (const m of [readline, hostReadline]) {
    const input = new HostPassThrough();
    const rl = m.createInterface({ input });
    setTimeout(() => input.end('1\n2\n3'), 1);
    const got: string[] = [];
    for await (const l of rl as any) got.push(l);
    assert.deepEqual(got, ['1', '2', '3']);
  }
  const answers: string[] = [];
  for (const m of [readline.promises, hostPromises]) {
    const input = new HostPassThrough();
    const output = new HostPassThrough();
    const rl = (m as any).createInterface({ input, output });
    const pending = rl.question('q? ');
    input.write('yes\n');
    answers.push(await pending);
    const ac = new AbortController();
    const aborted = rl.question('never? ', { signal: ac.signal }).catch((e: Error) => e.name);
    ac.abort();
    answers.push(await aborted);
    rl.close();
  }
  assert.deepEqual(answers.slice(0, 2), answers.slice(2));
  assert.equal(answers[0], 'yes');
});

test('cursor helpers write the same sequences', () => {
  const capture = (fn: (s: { write(d: string): boolean }) => unknown) => {
    let out = '';
    fn({ write: (d: string) => { out += d; return true; } });
    return out;
  };
  const cases: ((m: any, s: any) => unknown)[] = [
    (m, s) => m.cursorTo(s, 5),
    (m, s) => m.cursorTo(s, 5, 3),
    (m, s) => m.moveCursor(s, -2, 4),
    (m, s) => m.moveCursor(s, 3, -1),
    (m, s) => m.moveCursor(s, 0, 0),
    (m, s) => m.clearLine(s, -1),
    (m, s) => m.clearLine(s, 0),
    (m, s) => m.clearLine(s, 1),
    (m, s) => m.clearScreenDown(s),
  ];
  for (const c of cases) assert.equal(capture((s) => c(readline, s)), capture((s) => c(hostReadline, s)), String(c));
  assert.throws(() => readline.cursorTo({ write: () => true } as any, 'a' as any, 1 as any), { code: 'ERR_INVALID_CURSOR_POS' });
});
