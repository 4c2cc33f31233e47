// Rebuilds a value written by `src/tape.rs` into the plain object its JSON would parse to.
// The tape is a Float64Array of codes and operands; strings are cut from one text, decoded from
// UTF-16 in one call, by their end offsets; objects take their keys from shapes learnt once per module instance.
// See tape.rs for the codes and for why this is faster than handing JSON text across.

/** Key lists by shape id, for the life of the module instance. */
const shapes = [];
const utf16 = new TextDecoder('utf-16le');

// The tape being read. Module state rather than closures: `parse` is called in tight loops and
// this keeps the reader allocation-free apart from the values it builds.
let tape = null;
let text = '';
let ends = null;
let strings = null;
let at = 0;

function string(id) {
  let s = strings[id];
  if (s === undefined) {
    s = text.substring(id === 0 ? 0 : ends[id - 1], ends[id]);
    strings[id] = s;
  }
  return s;
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
      const keys = shapes[tape[at++]];
      const o = {};
      for (let k = 0; k < keys.length; k++) o[keys[k]] = value();
      return o;
    }
    case 7: {
      const n = tape[at++];
      const o = {};
      for (let k = 0; k < n; k++) {
        const key = string(tape[at++]);
        const v = value();
        // As JSON.parse does, `__proto__` is an own property here, not the prototype.
        if (key === '__proto__') Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
        else o[key] = v;
      }
      return o;
    }
    default:
      throw new Error(`ogi-report: corrupt result tape at ${at - 1}`);
  }
}

/**
 * Read one value from `codes`, with its strings in the UTF-16 code units `units` ending at
 * `stringEnds` (all three are views of the module's memory, read before any other call into the
 * module). `fresh` lists the shapes first seen in this value, numbered from `first`.
 */
export function readTape(codes, units, stringEnds, first, fresh) {
  if (fresh !== undefined) {
    for (let k = 0; k < fresh.length; k++) shapes[first + k] = fresh[k];
  }
  tape = codes;
  text = units.length === 0 ? '' : utf16.decode(units);
  ends = stringEnds;
  strings = new Array(stringEnds.length);
  at = 0;
  try {
    return value();
  } finally {
    tape = null;
    text = '';
    ends = null;
    strings = null;
  }
}
