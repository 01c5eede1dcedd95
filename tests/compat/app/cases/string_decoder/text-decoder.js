// TextDecoder stream mode and fatal mode; TextEncoder encodeInto
const td = new TextDecoder();
const b = Buffer.from('€!');
console.log(JSON.stringify(td.decode(b.subarray(0, 2), { stream: true })), JSON.stringify(td.decode(b.subarray(2))));
try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(new TextDecoder('utf-16le').decode(new Uint8Array([0x41, 0])), new TextDecoder().encoding, new TextDecoder('latin1').encoding);
const te = new TextEncoder();
const dst = new Uint8Array(4);
console.log(te.encodeInto('a€b', dst), dst, te.encode('hi'), te.encoding);
console.log(new TextDecoder('utf-8', { ignoreBOM: false }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])));
