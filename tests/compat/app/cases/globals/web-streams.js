// WHATWG streams: ReadableStream from a source, pipeThrough a TransformStream, reader, tee
(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const upper = new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); } });
  const reader = rs.pipeThrough(upper).getReader();
  const out = [];
  for (;;) { const { value, done } = await reader.read(); if (done) break; out.push(value); }
  console.log(out);
  const [a, b] = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } }).tee();
  for await (const v of a) console.log('tee a', v);
  for await (const v of b) console.log('tee b', v);
  const chunks = [];
  const ws = new WritableStream({ write(c) { chunks.push(c); } });
  const w = ws.getWriter(); await w.write('x'); await w.close();
  console.log(chunks);
})();
