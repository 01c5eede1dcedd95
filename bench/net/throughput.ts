// Bulk TCP throughput against bench/net/bulk, measured from the host with Node's http client:
//   download  GET /bytes (endless): bytes received over `seconds`, counted after the first
//             `warmupSeconds` (slow start, the first buffers); then the connection is dropped
//   upload    POST /sink (chunked) for `seconds` with backpressure; the rate is what the server
//             says it received divided by the time until its answer arrived, so nothing still
//             sitting in host socket buffers is counted
// MB = 10^6 bytes.
import { request } from 'node:http';

export interface Throughput {
  bytes: number;
  seconds: number;
  mbPerSec: number;
}

export function download(port: number, seconds: number, warmupSeconds = 1): Promise<Throughput> {
  return new Promise((resolve, reject) => {
    let counted = 0;
    let start = 0;
    let done = false;
    const req = request({ host: '127.0.0.1', port, path: '/bytes', agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET /bytes: ${res.statusCode}`));
      const t0 = performance.now();
      const warm = setTimeout(() => {
        start = performance.now();
        counted = 0;
        setTimeout(finish, seconds * 1000);
      }, warmupSeconds * 1000);
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(warm);
        const s = (performance.now() - (start || t0)) / 1000;
        req.destroy();
        resolve({ bytes: counted, seconds: s, mbPerSec: counted / s / 1e6 });
      };
      res.on('data', (d: Buffer) => (counted += d.length));
      res.on('error', () => finish());
      res.on('end', () => finish());
    });
    req.setTimeout(60_000, () => req.destroy(new Error('GET /bytes: no data for 60 s')));
    req.on('error', (e) => {
      if (!done) reject(e);
    });
    req.end();
  });
}

export function upload(port: number, seconds: number): Promise<Throughput> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(65536, 'upload ');
    const t0 = performance.now();
    let stop = false;
    const req = request({ host: '127.0.0.1', port, path: '/sink', method: 'POST', agent: false, headers: { 'Content-Type': 'application/octet-stream' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        const s = (performance.now() - t0) / 1000;
        try {
          const { bytes } = JSON.parse(body) as { bytes: number };
          resolve({ bytes, seconds: s, mbPerSec: bytes / s / 1e6 });
        } catch {
          reject(new Error(`POST /sink answered ${res.statusCode}: ${body.slice(0, 80)}`));
        }
      });
    });
    req.setTimeout(120_000, () => req.destroy(new Error('POST /sink: no answer')));
    req.on('error', reject);
    const timer = setTimeout(() => (stop = true), seconds * 1000);
    const pump = () => {
      while (!stop) {
        if (!req.write(chunk)) return req.once('drain', pump);
      }
      clearTimeout(timer);
      req.end();
    };
    // A 64 KiB chunk exceeds the request's high-water mark, so every write() returns false and
    // the loop yields to the event loop (and the timer) after each chunk.
    setImmediate(pump);
  });
}
