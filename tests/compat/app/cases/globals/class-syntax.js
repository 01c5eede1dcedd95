// class syntax Node 20 parses: fields named get/set/async, private methods and accessors, arrow fields reading privates
class Store {
  #m = new Map();
  #count = 0;
  set = (k, v) => { this.#m.set(k, v); this.#bump(); return this; };
  get = (k) => this.#m.get(k);
  async = 'field';
  static set = 'static field';
  #bump() { this.#count++; }
  get size() { return this.#count; }
  static #instances = 0;
  static make() { Store.#instances++; return new Store(); }
  static get instances() { return Store.#instances; }
}
const s = Store.make().set('a', 1).set('b', 2);
console.log(s.get('a'), s.get('b'), s.size, s.async, Store.set, Store.instances);
const { get = 'default', set: renamed = 'other' } = {};
console.log(get, renamed);
class Sub extends Store { #own = 5; own = () => this.#own + this.size; }
console.log(new Sub().set('x', 1).own());
