// Blob (size, type, text, arrayBuffer, slice), atob/btoa and their errors, buffer.isUtf8
const { Blob, isUtf8, isAscii } = require('buffer');
(async () => {
  const blob = new Blob(['hello ', Buffer.from('world')], { type: 'Text/Plain' });
  console.log(blob.size, blob.type, await blob.text(), (await blob.slice(1, 4).arrayBuffer()).byteLength);
  console.log(await blob.slice(-5).text(), blob instanceof globalThis.Blob);
  console.log(btoa('hi'), atob('aGk='), atob(' aG k= '));
  try { btoa('€'); } catch (e) { console.log(e.name, e.message); }
  try { atob('%'); } catch (e) { console.log(e.name, e.message); }
  console.log(isUtf8(Buffer.from('€')), isUtf8(Buffer.from([0xff])), isAscii(Buffer.from('abc')));
})();
