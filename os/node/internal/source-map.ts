// Source Map v3 lookup (https://sourcemaps.info/spec.html) for stack frames: maps a generated line
// of the application bundle back to the original file, line and column. The engine reports lines
// only, so a line maps to its first mapped segment (the start of the statement on that line).
// Decoding is lazy: nothing happens until the first frame is mapped.

export interface OriginalPosition {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export class SourceMap {
  /** Per generated line (0-based): [sourceIndex, originalLine, originalColumn] of its first segment. */
  private readonly firstSegment: (Int32Array | undefined)[] = [];

  constructor(private readonly sources: string[], mappings: string) {
    let line = 0;
    let src = 0;
    let origLine = 0;
    let origCol = 0;
    let i = 0;
    const n = mappings.length;
    const fields: number[] = [];
    while (i < n) {
      const c = mappings.charCodeAt(i);
      if (c === 59 /* ; */) {
        line++;
        i++;
        continue;
      }
      if (c === 44 /* , */) {
        i++;
        continue;
      }
      // One segment: 1, 4 or 5 VLQ fields.
      fields.length = 0;
      while (i < n) {
        const ch = mappings.charCodeAt(i);
        if (ch === 44 || ch === 59) break;
        let value = 0;
        let shift = 0;
        let digit: number;
        do {
          digit = B64_INDEX[mappings.charCodeAt(i++)] ?? -1;
          if (digit < 0) throw new Error('source map: bad VLQ digit');
          value += (digit & 31) * 2 ** shift;
          shift += 5;
        } while (digit & 32);
        fields.push(value % 2 === 1 ? -Math.floor(value / 2) : value / 2);
      }
      if (fields.length >= 4) {
        src += fields[1];
        origLine += fields[2];
        origCol += fields[3];
        if (!this.firstSegment[line]) this.firstSegment[line] = Int32Array.of(src, origLine, origCol);
      }
    }
  }

  static parse(json: string): SourceMap {
    const m = JSON.parse(json) as { version?: number; sources?: string[]; sourceRoot?: string; mappings?: string };
    if (m.version !== 3 || !Array.isArray(m.sources) || typeof m.mappings !== 'string') throw new Error('source map: not version 3');
    const root = m.sourceRoot ? m.sourceRoot.replace(/\/?$/, '/') : '';
    return new SourceMap(m.sources.map((s) => root + s), m.mappings);
  }

  /** The original position of generated `line` (1-based), if that line has a mapping. */
  lookup(line: number): OriginalPosition | undefined {
    const seg = this.firstSegment[line - 1];
    if (!seg) return undefined;
    const file = this.sources[seg[0]];
    if (file === undefined) return undefined;
    return { file, line: seg[1] + 1, column: seg[2] + 1 };
  }
}
