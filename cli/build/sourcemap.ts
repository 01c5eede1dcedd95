// Just enough of Source Map v3 (https://tc39.es/ecma426/) for the build: shifting a map when the
// bundle is wrapped, and mapping a bundle line back to the original file when the engine's parser
// reports an error in the bundle (it gives a line, no column).
//
// "mappings" is a list of lines separated by ';', each a list of segments separated by ',', each
// segment 1, 4 or 5 Base64 VLQ fields: generated column, source index, original line, original
// column, name index. Every field but the first line's generated column is relative to the
// previous segment's value (generated column: within the line; the others: across the whole map).

export interface SourceMapV3 {
  version: 3;
  file?: string;
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
  sourceRoot?: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one segment's VLQ fields. Throws on malformed input. */
export function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new Error(`source map: bad VLQ character ${JSON.stringify(ch)}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  if (shift !== 0) throw new Error('source map: truncated VLQ');
  return values;
}

export interface OriginalPosition {
  source: string;
  /** 1-based, like editors and compilers. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * The original position of the first mapped segment on generated line `line` (1-based) of `map`,
 * or undefined when nothing on that line maps to a source.
 */
export function originalPositionOfLine(map: SourceMapV3, line: number): OriginalPosition | undefined {
  const lines = map.mappings.split(';');
  let source = 0;
  let origLine = 0;
  let origCol = 0;
  for (let l = 0; l < lines.length && l < line; l++) {
    for (const seg of lines[l].split(',')) {
      if (seg === '') continue;
      const f = decodeVlq(seg);
      if (f.length < 4) continue;
      source += f[1];
      origLine += f[2];
      origCol += f[3];
      if (l === line - 1 && map.sources[source] !== undefined) {
        return { source: map.sources[source], line: origLine + 1, column: origCol + 1 };
      }
    }
  }
  return undefined;
}

/** The map of the same code with `lines` new lines inserted before it. */
export function shiftLines(map: SourceMapV3, lines: number): SourceMapV3 {
  return { ...map, mappings: ';'.repeat(lines) + map.mappings };
}
