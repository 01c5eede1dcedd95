// Prelude for running the engine-compat script on host Node (its own modules, no polyfills).
(globalThis as any).__print = (line: string) => { process.stdout.write(`${line}\n`); };
process.emitWarning = () => {};
