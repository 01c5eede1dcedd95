// TextEncoderStream/TextDecoderStream and CompressionStream (gzip) round trip
(async () => {
  const enc = new TextEncoderStream();
  const w = enc.writable.getWriter(); w.write('héllo'); w.close();
  const bytes = [];
  for await (const c of enc.readable) bytes.push(...c);
  console.log(bytes.length);
  const dec = new TextDecoderStream();
  const w2 = dec.writable.getWriter(); w2.write(new Uint8Array(bytes.slice(0, 2))); w2.write(new Uint8Array(bytes.slice(2))); w2.close();
  let s = ''; for await (const c of dec.readable) s += c;
  console.log(s);
  const cs = new Blob(['compress me']).stream().pipeThrough(new CompressionStream('gzip')).pipeThrough(new DecompressionStream('gzip'));
  console.log(await new Response(cs).text());
})();
