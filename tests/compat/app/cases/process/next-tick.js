// nextTick arguments, ordering across nested ticks and a throwing tick callback handled
process.on('uncaughtException', (e) => console.log('caught', e.message));
process.nextTick((a, b) => console.log('tick', a, b), 1, 2);
process.nextTick(() => { throw new Error('tick threw'); });
process.nextTick(() => console.log('after throwing tick'));
try { process.nextTick('x'); } catch (e) { console.log(e.code, e.message); }
