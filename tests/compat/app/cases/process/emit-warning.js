// emitWarning: 'warning' event with name/code/message, types, and Error objects
process.on('warning', (w) => console.log('warning', w.name, w.code, w.message, w instanceof Error));
process.emitWarning('plain');
process.emitWarning('typed', 'CustomWarning');
process.emitWarning('coded', 'CustomWarning', 'C001');
process.emitWarning('with options', { type: 'OptWarning', code: 'O1', detail: 'more' });
process.emitWarning(new Error('an error object'));
try { process.emitWarning(5); } catch (e) { console.log(e.code, e.message); }
console.log('sync end');
