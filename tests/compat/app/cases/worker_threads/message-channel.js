// MessageChannel passes structured-cloned messages between ports
// @differs: MessageChannel/MessagePort are not implemented on Nephos (docs/compat.md, node:worker_threads)
const { MessageChannel } = require('worker_threads');
const { port1, port2 } = new MessageChannel();
port2.on('message', (m) => { console.log('got', JSON.stringify(m)); port1.close(); });
port1.postMessage({ a: [1, 2] });
