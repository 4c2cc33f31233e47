// Rebuilds a value written by `src/tape.rs` into the plain object its JSON would parse to.
// The tape is a Float64Array of codes and operands; strings are cut from one text, decoded from
// UTF-16 in one call, by their end offsets; objects take their keys from shapes each module
// instance sends once.
// See tape.rs for the codes and for why this is faster than handing JSON text across.

/** Builders by shape id: the table of the module instance being read (see readTape). */
let shapes = [];
const utf16 = new TextDecoder('utf-16le');

// The tape being read. Module state rather than closures: `parse` is called in tight loops and
// this keeps the reader allocation-free apart from the values it builds.
let tape = null;
let text = '';
let ends = null;
let strings = null;
let dict = [];
let at = 0;

// A string operand: `id` in this tape's text from 0, or string `-1 - id` of the dictionary.
function string(id) {
  if (id < 0) return dict[-1 - id];
  let s = strings[id];
  if (s === undefined) {
    s = text.substring(id === 0 ? 0 : ends[id - 1], ends[id]);
    strings[id] = s;
  }
  return s;
}

// A shape's builder reads its values in key order and returns the object. Where the page allows
// code generation, it is an object literal compiled once per shape (`{"row": value(), ...}`):
// V8 creates such an object from one boilerplate, with its hidden class known in advance, where
// storing keys one by one through a variable (`o[keys[k]] = ...`) goes through a megamorphic
// keyed store for every property (measured in Node 20: parse of the text reports 1.2×, of the
// whole corpus 1.07×). Where a Content Security Policy forbids `new Function` (no
// 'unsafe-eval'), and for a shape with a `__proto__` key (a literal would set the prototype),
// the builder is that loop.
const builders = new Map();
let compiles = true;

function builder(keys) {
  const name = JSON.stringify(keys);
  let build = builders.get(name);
  if (build !== undefined) return build;
  if (compiles && !keys.includes('__proto__')) {
    const fields = keys.map((k) => `${JSON.stringify(k)}: value()`).join(', ');
    try {
      build = new Function('value', `return function build() { return { ${fields} }; };`)(value);
    } catch {
      compiles = false; // code generation is forbidden here: every shape takes the loop
    }
  }
  if (build === undefined) {
    build = function build() {
      const o = {};
      for (let k = 0; k < keys.length; k++) set(o, keys[k], value());
      return o;
    };
  }
  builders.set(name, build);
  return build;
}

/** `o[key] = v`, but as JSON.parse does, with `__proto__` an own property, not the prototype. */
function set(o, key, v) {
  if (key === '__proto__') Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
  else o[key] = v;
}

function value() {
  switch (tape[at++]) {
    case 0: return null;
    case 1: return false;
    case 2: return true;
    case 3: return tape[at++];
    case 4: return string(tape[at++]);
    case 5: {
      const n = tape[at++];
      const a = new Array(n);
      for (let k = 0; k < n; k++) a[k] = value();
      return a;
    }
    case 6: {
      const build = shapes[tape[at++]];
      if (build === undefined) break;
      return build();
    }
    case 7: {
      const n = tape[at++];
      const o = {};
      for (let k = 0; k < n; k++) {
        const key = string(tape[at++]);
        set(o, key, value());
      }
      return o;
    }
  }
  throw new Error(`ogi-report: corrupt result tape at ${at - 1}`);
}

/**
 * Read one value from `codes`, with its strings in the UTF-16 code units `units` ending at
 * `stringEnds` (these and `freshStrings` are views of the module's memory, read before any other
 * call into the module). `table` is the shape table of the calling module instance (an array it
 * keeps, of builders by shape id; two instances may share this JS module, never a table), and
 * `fresh` lists the key lists of the shapes first seen in this value, numbered from `first`.
 * `dictionary` is the instance's copy of its string dictionary (src/tape.rs, `Dict`): emptied
 * first when `reset`, then given the strings `freshStrings` of this tape's text as its strings
 * from `firstString` on.
 */
export function readTape(codes, units, stringEnds, first, fresh, table, dictionary, freshStrings, firstString, reset) {
  shapes = table;
  if (fresh !== undefined) {
    for (let k = 0; k < fresh.length; k++) shapes[first + k] = builder(fresh[k]);
  }
  tape = codes;
  text = units.length === 0 ? '' : utf16.decode(units);
  ends = stringEnds;
  strings = new Array(stringEnds.length);
  dict = dictionary;
  if (reset) dict.length = 0;
  for (let k = 0; k < freshStrings.length; k++) dict[firstString + k] = string(freshStrings[k]);
  at = 0;
  try {
    return value();
  } finally {
    tape = null;
    text = '';
    ends = null;
    strings = null;
    dict = [];
    shapes = [];
  }
}

// The way in: a JS value written as a tape for `tape::read` in src/tape.rs, with the codes
// above (objects always as maps, code 7, with their keys as strings). As in JSON.stringify,
// `undefined`, functions and symbols are left out of objects and are `null` in arrays;
// non-finite numbers are `null`; a BigInt, or nesting deeper than `MAX_DEPTH` (a cycle), throws.

const MAX_DEPTH = 200;
let out = new Float64Array(4096);
let used = 0;
let strs = [];
let ids = new Map();
// Keys whose array values are written empty, in the objects at depth `emptiedDepth` (see
// writeTape); null when none is.
let emptied = null;
let emptiedDepth = 0;

function put(x) {
  if (used === out.length) {
    const bigger = new Float64Array(out.length * 2);
    bigger.set(out);
    out = bigger;
  }
  out[used++] = x;
}

function putString(s) {
  let id = ids.get(s);
  if (id === undefined) {
    id = strs.length;
    strs.push(s);
    ids.set(s, id);
  }
  put(id);
}

const hasOwn = (o, key) => Object.prototype.hasOwnProperty.call(o, key);
const absent = (x) => x === undefined || typeof x === 'function' || typeof x === 'symbol';

function write(v, depth) {
  switch (typeof v) {
    case 'string': put(4); putString(v); return;
    // A safe integer as a number; any other finite number as its shortest round-trip string,
    // which the module reads as a decimal (a float would bring float formatting into it).
    case 'number':
      if (Number.isSafeInteger(v)) { put(3); put(v); } else if (Number.isFinite(v)) { put(4); putString(String(v)); } else put(0);
      return;
    case 'boolean': put(v ? 2 : 1); return;
    case 'bigint': throw new TypeError('a BigInt cannot be read (as in JSON)');
    case 'object': {
      if (v === null) { put(0); return; }
      if (depth >= MAX_DEPTH) throw new TypeError(`nested deeper than ${MAX_DEPTH} levels (or cyclic)`);
      if (Array.isArray(v)) {
        const n = v.length;
        put(5); put(n);
        for (let k = 0; k < n; k++) {
          const x = v[k];
          if (absent(x)) put(0); else write(x, depth + 1);
        }
        return;
      }
      put(7);
      const count = used;
      put(0);
      let n = 0;
      // `for…in` with an own-property test rather than a loop over `Object.keys(v)`: the same
      // keys in the same order (own, enumerable, string keys, as JSON.stringify takes them),
      // without an array allocated for every object (writeTape over the corpus's reports 1.18×).
      for (const key in v) {
        if (!hasOwn(v, key)) continue;
        const x = v[key];
        if (absent(x)) continue;
        putString(key);
        if (emptied !== null && depth === emptiedDepth && emptied.includes(key) && Array.isArray(x)) {
          put(5); put(0);
        } else {
          write(x, depth + 1);
        }
        n++;
      }
      out[count] = n;
      return;
    }
    default: put(0);
  }
}

/**
 * Write `value` as a tape: `[codes, text, ends]`, the codes, every distinct string concatenated,
 * and the end of each string in `text` in UTF-16 code units.
 *
 * `empty` (optional) names keys whose values, when arrays, are written as empty arrays in the
 * objects `depth` levels down (0: `value` itself; 1: the items of an array of reports): what
 * the call reading the tape never looks at, such as a report's `diagnostics` for `validate`,
 * is not walked and copied.
 */
export function writeTape(value, empty, depth) {
  used = 0;
  strs = [];
  ids = new Map();
  emptied = Array.isArray(empty) && empty.length > 0 ? empty : null;
  emptiedDepth = depth ?? 0;
  try {
    write(value, 0);
    const ends = new Uint32Array(strs.length);
    let end = 0;
    for (let k = 0; k < strs.length; k++) {
      end += strs[k].length;
      ends[k] = end;
    }
    return [out.subarray(0, used), strs.join(''), ends];
  } finally {
    strs = [];
    ids = new Map();
    emptied = null;
    if (out.length > 1 << 20) out = new Float64Array(4096);
  }
}
