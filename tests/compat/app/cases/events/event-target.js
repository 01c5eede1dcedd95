// EventTarget and Event globals: dispatch order, once, stopImmediatePropagation, defaultPrevented
const et = new EventTarget();
const log = [];
et.addEventListener('ping', (ev) => log.push(['1', ev.type, ev instanceof Event]));
et.addEventListener('ping', (ev) => { log.push(['2']); ev.stopImmediatePropagation(); });
et.addEventListener('ping', () => log.push(['3']));
et.addEventListener('once', () => log.push(['once']), { once: true });
et.dispatchEvent(new Event('ping'));
et.dispatchEvent(new Event('once'));
et.dispatchEvent(new Event('once'));
const ev = new Event('c', { cancelable: true });
et.addEventListener('c', (e) => e.preventDefault());
console.log(et.dispatchEvent(ev), ev.defaultPrevented, ev.cancelable, ev.bubbles);
console.log(JSON.stringify(log));
const ce = new CustomEvent('x', { detail: { a: 1 } });
console.log(ce.detail.a, ce.type);
