// The zlib "binding" under node:zlib (Node 20's src/node_zlib.cc ZlibContext, over pako's port of
// zlib): one deflate or inflate stream in a mode (DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW,
// INFLATERAW, UNZIP), written in steps of (flush, input slice, output slice), reporting how much
// of each is left. Node's rules kept here:
// - window bits: +16 for gzip, +32 for unzip (zlib's header detection), negated for raw streams;
// - UNZIP looks at the first two bytes and becomes GUNZIP (1f 8b) or INFLATE;
// - GUNZIP goes on after the end of a member when more input follows that is not a zero byte
//   (concatenated gzip members; trailing zeros are padding);
// - a dictionary is set at init for DEFLATE/DEFLATERAW/INFLATERAW, and on Z_NEED_DICT for INFLATE;
// - errors: zlib's message when it gave one, else "unexpected end of file" (Z_BUF_ERROR, or Z_OK,
//   with output space left under Z_FINISH), "Missing dictionary"/"Bad dictionary" (Z_NEED_DICT),
//   "Zlib error" (anything else); the code is the constant's name, errno its value.
// Corrupt input is a clean error value, never an exception (pako reports, it does not throw).
import { Z } from './constants';

/* eslint-disable @typescript-eslint/no-require-imports */
const zdeflate: any = require('pako/lib/zlib/deflate.js');
const zinflate: any = require('pako/lib/zlib/inflate.js');
const ZStream: any = require('pako/lib/zlib/zstream.js');
/* eslint-enable @typescript-eslint/no-require-imports */

const { DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP } = Z;
const Z_DEFLATED = 8;

export interface ZlibError {
  message: string;
  errno: number;
  code: string;
}

const CODE_NAMES: Record<number, string> = {
  0: 'Z_OK', 1: 'Z_STREAM_END', 2: 'Z_NEED_DICT', [-1]: 'Z_ERRNO', [-2]: 'Z_STREAM_ERROR',
  [-3]: 'Z_DATA_ERROR', [-4]: 'Z_MEM_ERROR', [-5]: 'Z_BUF_ERROR', [-6]: 'Z_VERSION_ERROR',
};

// zlib's deflate configuration table (good_length, max_lazy, nice_length, max_chain) for
// deflateParams, which pako does not implement.
const CONFIG: [number, number, number, number][] = [
  [0, 0, 0, 0], [4, 4, 8, 4], [4, 5, 16, 8], [4, 6, 32, 32], [4, 4, 16, 16],
  [8, 16, 32, 32], [8, 16, 128, 128], [8, 32, 128, 256], [32, 128, 258, 1024], [32, 258, 258, 4096],
];

export class ZlibHandle {
  private strm: any = new ZStream();
  private err: number = Z.Z_OK;
  private flush: number = Z.Z_NO_FLUSH;
  private gzipIdBytesRead = 0;
  private dictionary: Uint8Array | undefined;
  private windowBits = 0;
  private level = 0;
  private memLevel = 0;
  private strategy = 0;
  closed = false;

  constructor(public mode: number) {}

  /** Initialises the stream; returns an error when zlib refuses the parameters or dictionary. */
  init(windowBits: number, level: number, memLevel: number, strategy: number, dictionary?: Uint8Array): ZlibError | null {
    this.level = level;
    this.memLevel = memLevel;
    this.strategy = strategy;
    this.dictionary = dictionary && dictionary.length ? dictionary : undefined;
    const mode = this.mode;
    if (mode === GZIP || mode === GUNZIP) windowBits += 16;
    if (mode === UNZIP) windowBits += 32;
    if (mode === DEFLATERAW || mode === INFLATERAW) windowBits *= -1;
    this.windowBits = windowBits;
    if (mode === DEFLATE || mode === GZIP || mode === DEFLATERAW) {
      this.err = zdeflate.deflateInit2(this.strm, level, Z_DEFLATED, windowBits, memLevel, strategy);
    } else {
      this.err = zinflate.inflateInit2(this.strm, windowBits);
    }
    if (this.err !== Z.Z_OK) return this.errorFor('Init error');
    return this.setDictionary();
  }

  private setDictionary(): ZlibError | null {
    if (!this.dictionary) return null;
    this.err = Z.Z_OK;
    if (this.mode === DEFLATE || this.mode === DEFLATERAW) this.err = zdeflate.deflateSetDictionary(this.strm, this.dictionary);
    // INFLATE and UNZIP set it when inflate() asks (Z_NEED_DICT).
    else if (this.mode === INFLATERAW) this.err = zinflate.inflateSetDictionary(this.strm, this.dictionary);
    return this.err === Z.Z_OK ? null : this.errorFor('Failed to set dictionary');
  }

  /**
   * One step: compresses or decompresses input[inOff, inOff + inLen) into out[outOff, outOff +
   * outLen) with `flush`. Returns what is left of each, or the error that ends the stream.
   */
  write(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): { availOut: number; availIn: number } | ZlibError {
    const strm = this.strm;
    strm.input = input;
    strm.next_in = inOff;
    strm.avail_in = inLen;
    strm.output = out;
    strm.next_out = outOff;
    strm.avail_out = outLen;
    this.flush = flush;
    this.err = Z.Z_OK;
    this.work();
    const error = this.checkError();
    // Drop references to the caller's buffers between steps.
    strm.input = null;
    strm.output = null;
    if (error) return error;
    return { availOut: strm.avail_out, availIn: strm.avail_in };
  }

  private work(): void {
    const strm = this.strm;
    const flush = this.flush;
    switch (this.mode) {
      case DEFLATE:
      case GZIP:
      case DEFLATERAW:
        this.err = zdeflate.deflate(strm, flush);
        return;
      case UNZIP:
      case INFLATE:
      case GUNZIP:
      case INFLATERAW:
        if (this.mode === UNZIP) this.detectGzip();
        this.err = zinflate.inflate(strm, flush);
        if (this.mode !== INFLATERAW && this.err === Z.Z_NEED_DICT && this.dictionary) {
          this.err = zinflate.inflateSetDictionary(strm, this.dictionary);
          if (this.err === Z.Z_OK) this.err = zinflate.inflate(strm, flush);
          // Both inflateSetDictionary() and inflate() say Z_DATA_ERROR; a wrong dictionary is
          // reported as such.
          else if (this.err === Z.Z_DATA_ERROR) this.err = Z.Z_NEED_DICT;
        }
        while (strm.avail_in > 0 && this.mode === GUNZIP && this.err === Z.Z_STREAM_END && strm.input[strm.next_in] !== 0x00) {
          // More input after a gzip member: another member, or garbage (which fails the header
          // check). Trailing zeros are padding.
          this.resetStream();
          this.err = zinflate.inflate(strm, flush);
        }
        return;
      default:
        this.err = Z.Z_STREAM_ERROR;
    }
  }

  /** UNZIP: the gzip magic (1f 8b, RFC 1952 2.3.1) makes this GUNZIP, anything else INFLATE. */
  private detectGzip(): void {
    const strm = this.strm;
    if (strm.avail_in === 0) return;
    let next = strm.next_in;
    const end = strm.next_in + strm.avail_in;
    if (this.gzipIdBytesRead === 0) {
      if (strm.input[next] !== 0x1f) {
        this.mode = INFLATE;
        return;
      }
      this.gzipIdBytesRead = 1;
      next++;
      if (next >= end) return;
    }
    if (this.gzipIdBytesRead === 1) {
      if (strm.input[next] === 0x8b) {
        this.gzipIdBytesRead = 2;
        this.mode = GUNZIP;
      } else {
        this.mode = INFLATE;
      }
    }
  }

  private checkError(): ZlibError | null {
    switch (this.err) {
      case Z.Z_OK:
      case Z.Z_BUF_ERROR:
        if (this.strm.avail_out !== 0 && this.flush === Z.Z_FINISH) return this.errorFor('unexpected end of file');
        return null;
      case Z.Z_STREAM_END:
        return null;
      case Z.Z_NEED_DICT:
        return this.errorFor(this.dictionary ? 'Bad dictionary' : 'Missing dictionary');
      default:
        return this.errorFor('Zlib error');
    }
  }

  private errorFor(fallback: string): ZlibError {
    const message = this.strm.msg ? String(this.strm.msg) : fallback;
    return { message, errno: this.err, code: CODE_NAMES[this.err] ?? 'Z_UNKNOWN' };
  }

  private resetStream(): ZlibError | null {
    this.err = Z.Z_OK;
    switch (this.mode) {
      case DEFLATE:
      case DEFLATERAW:
      case GZIP:
        this.err = zdeflate.deflateReset(this.strm);
        break;
      case INFLATE:
      case INFLATERAW:
      case GUNZIP:
        this.err = zinflate.inflateReset(this.strm);
        break;
    }
    if (this.err !== Z.Z_OK) return this.errorFor('Failed to reset stream');
    return this.setDictionary();
  }

  reset(): ZlibError | null {
    return this.resetStream();
  }

  /** deflateParams (zlib 1.3): new level and strategy for what follows; DEFLATE modes only. */
  params(level: number, strategy: number): ZlibError | null {
    if (this.mode !== DEFLATE && this.mode !== DEFLATERAW) return null;
    const s = this.strm.state;
    if (!s) return null;
    if (level === Z.Z_DEFAULT_COMPRESSION) level = 6;
    if (s.level !== level) {
      // Leaving level 0 (stored): the hash chains describe no matches; forget them.
      if (s.level === 0 && s.matches !== 0) {
        s.head.fill(0);
        s.matches = 0;
      }
      s.level = level;
      [s.good_match, s.max_lazy_match, s.nice_match, s.max_chain_length] = CONFIG[level];
    }
    s.strategy = strategy;
    this.level = level;
    this.strategy = strategy;
    return null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.mode === DEFLATE || this.mode === GZIP || this.mode === DEFLATERAW) zdeflate.deflateEnd(this.strm);
    else zinflate.inflateEnd(this.strm);
    this.strm.input = null;
    this.strm.output = null;
  }
}
