// hello: an ordinary Node.js program (it runs the same under `node examples/hello` and
// `nephos run examples/hello`). It prints a greeting built from its arguments, the environment and
// its bundled data.json, exercises timers and promises, writes a file to /tmp and reads it back,
// and exits with the code given by --exit.
//
//   node examples/hello --name world --exit 3
//   GREETING_SUFFIX='from Nephos' nephos run examples/hello -e GREETING_SUFFIX -- --name world
'use strict';

const fs = require('fs');
const path = require('path');
const data = require('./data.json');

function parseArgs(argv) {
  const opts = { name: 'world', exit: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const key = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : undefined;
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (key === 'name' || key === 'exit') {
      if (value === undefined) throw new Error(`--${key} needs a value`);
      opts[key] = value;
      if (eq < 0) i++;
    } else {
      throw new Error(`unknown argument ${JSON.stringify(arg)} (use --name NAME, --exit N)`);
    }
  }
  const code = Number(opts.exit);
  if (!Number.isInteger(code) || code < 0 || code > 255) throw new Error(`--exit wants 0-255, got ${opts.exit}`);
  return { name: opts.name, exit: code };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { name, exit } = parseArgs(process.argv.slice(2));

  // Read data.json twice: through require (bundled at build time) and from disk next to this file
  // (packed into the image at the same relative path).
  const onDisk = JSON.parse(fs.readFileSync(path.join(__dirname, 'data.json'), 'utf8'));
  if (onDisk.greeting !== data.greeting) throw new Error('data.json differs between require and readFileSync');

  const suffix = process.env.GREETING_SUFFIX ? ` ${process.env.GREETING_SUFFIX}` : '';
  const started = Date.now();
  const order = [];
  const timer = new Promise((resolve) => setTimeout(() => { order.push('timeout'); resolve(); }, 20));
  Promise.resolve().then(() => order.push('promise'));
  process.nextTick(() => order.push('nextTick'));
  await Promise.all([timer, sleep(10)]);
  const waited = Date.now() - started;

  const file = path.join('/tmp', `hello-${process.pid}.txt`);
  const message = `${data.greeting}, ${name}${data.punctuation}${suffix}`;
  fs.writeFileSync(file, message);
  const readBack = fs.readFileSync(file, 'utf8');
  fs.unlinkSync(file);
  if (readBack !== message) throw new Error(`read back ${JSON.stringify(readBack)} from ${file}`);

  console.log(message);
  console.log(`events: ${order.join(', ')}; waited ${waited >= 20 ? 'at least 20' : waited} ms`);
  process.exitCode = exit;
}

main().catch((err) => {
  console.error(`hello: ${err.message}`);
  process.exitCode = 1;
});
