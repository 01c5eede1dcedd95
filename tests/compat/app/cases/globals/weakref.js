// WeakRef and FinalizationRegistry: deref returns the object while it is alive
const target = { big: 1 };
const ref = new WeakRef(target);
console.log(ref.deref() === target, typeof FinalizationRegistry);
const reg = new FinalizationRegistry(() => {});
reg.register(target, 'held');
console.log(reg.unregister(target));
