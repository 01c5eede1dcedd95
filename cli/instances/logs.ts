// An instance's output as `logs` shows it: the app's stdout and stderr from stdio.log (framed as
// on the stdio port; cli/run/stdio.ts demultiplexes), and the kernel's messages from console.log
// (panic and out-of-memory reports) on stderr. Records (READY, EXIT) are not shown. Logs span
// every run of the instance (a restart appends), as docker's do.
//
// Lines: `--tail N` counts lines across both streams, in the order they were completed. A line
// is cut only at "\n"; text after the last newline is a line of its own.
import { StringDecoder } from 'node:string_decoder';
import { StdioDemux } from '../run/stdio';
import { readFrom, scanConsole } from './records';

export interface LogLine {
  stream: 1 | 2;
  text: string;
}

/** Splits demultiplexed output into lines per stream, keeping each stream's partial line. */
export class LineSplitter {
  private readonly decoders = { 1: new StringDecoder('utf8'), 2: new StringDecoder('utf8') };
  private readonly partial: Record<1 | 2, string> = { 1: '', 2: '' };
  readonly lines: LogLine[] = [];

  push(stream: 1 | 2, bytes: Uint8Array): void {
    let text = this.partial[stream] + this.decoders[stream].write(Buffer.from(bytes));
    let nl: number;
    while ((nl = text.indexOf('\n')) >= 0) {
      this.lines.push({ stream, text: text.slice(0, nl + 1) });
      text = text.slice(nl + 1);
    }
    this.partial[stream] = text;
  }

  /** Emits the partial lines (end of the log). */
  end(): void {
    for (const stream of [1, 2] as const) {
      const rest = this.partial[stream] + this.decoders[stream].end();
      if (rest) this.lines.push({ stream, text: rest });
      this.partial[stream] = '';
    }
  }
}

/** Every line of output in the log files (stdio first, then kernel messages). */
export function readLogLines(stdioPath: string, consolePath: string, from: { stdio: number; console: number } = { stdio: 0, console: 0 }): LogLine[] {
  const splitter = new LineSplitter();
  const demux = new StdioDemux((stream, bytes) => splitter.push(stream, bytes));
  demux.push(readFrom(stdioPath, from.stdio));
  splitter.end();
  const kernel = scanConsole(readFrom(consolePath, from.console).toString('utf8'), true).messages;
  return [...splitter.lines, ...kernel.map((text) => ({ stream: 2 as const, text: `${text}\n` }))];
}

export function tailLines(lines: LogLine[], n: number | undefined): LogLine[] {
  return n === undefined ? lines : n === 0 ? [] : lines.slice(-n);
}

/**
 * Follows the log files from given offsets: each `poll()` passes the output that arrived since
 * to `sink` as it comes (whole frames; partial lines included, as a terminal would show them).
 */
export class LogFollower {
  private stdioPos: number;
  private consolePos: number;
  private consoleText = '';
  private readonly decoders = { 1: new StringDecoder('utf8'), 2: new StringDecoder('utf8') };
  private readonly demux: StdioDemux;

  constructor(private readonly stdioPath: string, private readonly consolePath: string, from: { stdio: number; console: number },
    private readonly sink: (stream: 1 | 2, text: string) => void) {
    this.stdioPos = from.stdio;
    this.consolePos = from.console;
    this.demux = new StdioDemux((stream, bytes) => {
      const text = this.decoders[stream].write(Buffer.from(bytes));
      if (text) this.sink(stream, text);
    });
  }

  /** Reads what was added; `ended`: the writer is gone, so a last partial console line counts. */
  poll(ended = false): void {
    const stdio = readFrom(this.stdioPath, this.stdioPos);
    this.stdioPos += stdio.length;
    if (stdio.length) this.demux.push(stdio);
    const cons = readFrom(this.consolePath, this.consolePos);
    this.consolePos += cons.length;
    this.consoleText += cons.toString('latin1');
    const nl = this.consoleText.lastIndexOf('\n');
    const upto = ended ? this.consoleText.length : nl + 1;
    if (upto > 0) {
      const text = Buffer.from(this.consoleText.slice(0, upto), 'latin1').toString('utf8');
      this.consoleText = this.consoleText.slice(upto);
      for (const line of scanConsole(text, ended).messages) this.sink(2, `${line}\n`);
    }
  }
}
