//! Results handed to JS as a *tape*: any `Serialize` value written as numbers plus one string
//! table, and rebuilt into the plain object its JSON would parse to by `js/tape.js`.
//!
//! Why not JSON text: a report's JSON is 2–4× the size of the report (every cell carries its
//! column label, raw text and span), and handing it over cost about as much as parsing the report:
//! `serde_json` writes it, `TextDecoder` turns the UTF-8 into a JS string (CJK labels make it a
//! two-byte string), and `JSON.parse` reads it back. Measured over the corpus in Node, that was
//! ≈ 45 % of `parse`. The tape skips all three text steps:
//!
//! - **numbers** are `f64`s, copied into a `Float64Array` in one `memcpy`;
//! - **strings** are written once each (a report repeats its column labels hundreds of times),
//!   into one UTF-16 text decoded by a single `TextDecoder("utf-16le")` call; the tape refers to
//!   a string by index and JS cuts it out with `substring`. UTF-16 rather than UTF-8 because V8
//!   decodes it ≈ 7× faster on CJK text (measured in Node 20: 2.2 GB/s against 330 MB/s), and
//!   that decoding was the largest single cost left;
//! - strings of up to [`SHARED_MAX`] bytes are moreover written once per module instance, not
//!   once per value: both sides keep them in a *dictionary* ([`Dict`]), and a later report's
//!   labels, units, enum names and common cell texts are referred to by their number there
//!   (measured in Node: `parse` 1.04× over the corpus, 1.05× on its text reports);
//! - **objects** refer to a *shape*, the list of their keys. Struct keys are `&'static str`, so
//!   shapes are interned once per module instance ([`SHAPES`]) and JS keeps its own copy, sent
//!   only when new shapes appear. JS then builds each object with its keys in a fixed order,
//!   which V8 turns into one hidden class per shape.
//!
//! What JS receives equals `JSON.parse(serde_json::to_string(value))`, as the node golden tests
//! check on every corpus file: the same keys in the same order, `None` as `null`, non-finite
//! floats as `null` (serde_json's choice), integers as numbers (exact below 2^53, like JSON.parse),
//! bytes as arrays of numbers, enums externally tagged.
//!
//! Tape codes (one `f64` each, followed by their operands): `0` null, `1` false, `2` true,
//! `3 n` number, `4 s` string `s`, `5 n` array of `n` values, `6 k` object of shape `k` (its
//! values follow in key order), `7 n` map of `n` (key string, value) pairs. A string operand
//! `s` from 0 up is string `s` of the value's text; `-1 - n` is string `n` of the dictionary.

use std::cell::RefCell;
use std::fmt::Display;
use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};
use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};
use serde::ser::{self, Serialize};

const NULL: f64 = 0.0;
const FALSE: f64 = 1.0;
const TRUE: f64 = 2.0;
const NUMBER: f64 = 3.0;
const STRING: f64 = 4.0;
const ARRAY: f64 = 5.0;
const OBJECT: f64 = 6.0;
const MAP: f64 = 7.0;

/// Shapes (key lists of struct-like values) interned for the life of the module instance.
struct Shapes {
    /// Shape ids (with their hashes) by the addresses of their keys: keys are `&'static str`,
    /// so addresses are stable, and comparing them is cheaper than comparing text (the same
    /// keys at two addresses only cost a second id).
    ids: HashTable<(u64, u32)>,
    /// Key lists by id.
    keys: Vec<Box<[&'static str]>>,
    /// The id last found for a hash, by the hash's top bits: a report's few shapes each find
    /// theirs here without probing `ids`. A hint only: the keys are compared before it is used.
    recent: [(u64, u32); RECENT_SHAPES],
}

/// Slots of [`Shapes::recent`] (a power of two).
const RECENT_SHAPES: usize = 32;

impl Default for Shapes {
    fn default() -> Self {
        Shapes {
            ids: HashTable::new(),
            keys: Vec::new(),
            recent: [(0, u32::MAX); RECENT_SHAPES],
        }
    }
}

impl Shapes {
    /// The id of the shape of `keys`, whose running hash is `hash`, interning it when new.
    fn id(&mut self, hash: u64, keys: &[&'static str]) -> u32 {
        let Shapes {
            ids,
            keys: known,
            recent,
        } = self;
        let is = |id: u32| {
            known.get(id as usize).is_some_and(|k| {
                k.len() == keys.len() && k.iter().zip(keys).all(|(a, b)| same_key(a, b))
            })
        };
        // `add_key` ends with a multiplication.
        let slot = top_bits(hash, RECENT_SHAPES);
        if let Some(&(h, id)) = recent.get(slot) {
            if h == hash && is(id) {
                return id;
            }
        }
        let id = if let Some(&(_, id)) = ids.find(hash, |&(_, id)| is(id)) {
            id
        } else {
            let id = u32::try_from(known.len()).unwrap_or(u32::MAX);
            known.push(keys.into());
            ids.insert_unique(hash, (hash, id), |&(h, _)| h);
            id
        };
        if let Some(entry) = recent.get_mut(slot) {
            *entry = (hash, id);
        }
        id
    }
}

impl Shapes {
    /// Forget the shapes from id `first` on (interned by a write that failed).
    fn forget_from(&mut self, first: usize) {
        let first = u32::try_from(first).unwrap_or(u32::MAX);
        self.keys.truncate(first as usize);
        self.ids.retain(|&mut (_, id)| id < first);
        for slot in &mut self.recent {
            if slot.1 >= first {
                *slot = (0, u32::MAX);
            }
        }
    }
}

thread_local! {
    /// The module's shape registry (a wasm instance has one thread).
    static SHAPES: RefCell<Shapes> = RefCell::new(Shapes::default());
}

/// Panic with the shape registry borrowed (feature `test-panic`: see `panicForTests`).
#[cfg(feature = "test-panic")]
pub fn panic_while_writing() {
    SHAPES.with(|s| {
        let _writing = s.borrow_mut();
        panic!("a panic asked for by a test, in the middle of writing a result");
    });
}

/// A value written as a tape, ready to cross to JS.
pub struct Tape {
    /// The tape itself.
    pub tape: Vec<f64>,
    /// Every distinct string, concatenated, in UTF-16.
    pub text: Vec<u16>,
    /// End of each string in `text` (string `i` starts where string `i - 1` ends).
    pub ends: Vec<u32>,
    /// The strings of `text` that are new to the dictionary, numbered from `first_string`:
    /// JS adds them to its copy before reading the tape.
    pub fresh: Vec<u32>,
    /// The number of the first string of `fresh` in the dictionary.
    pub first_string: u32,
    /// Whether JS must empty its copy of the dictionary first (this write emptied it).
    pub reset: bool,
    /// Shapes first seen while writing this value, as `(id of the first, key lists)`; JS must
    /// learn them before reading the tape.
    pub new_shapes: (u32, Vec<Box<[&'static str]>>),
}

/// Why a value could not be written (only a `Serialize` impl reporting its own error).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Write `value` as a tape.
pub fn write<T: Serialize + ?Sized>(value: &T) -> Result<Tape, Error> {
    let known = SHAPES.with(|s| s.borrow().keys.len());
    let spare = SPARE.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let mut dict = DICT
        .with(|d| d.borrow_mut().take())
        .unwrap_or_else(Dict::new);
    let reset =
        dict.stale || dict.index.len() >= DICT_MAX_STRINGS || dict.shared.len() >= DICT_MAX_BYTES;
    if reset {
        dict.clear();
    }
    let first_string = dict.count();
    let mut w = Writer {
        tape: spare.tape,
        text: spare.text,
        ends: spare.ends,
        fresh: spare.fresh,
        dict,
        keys: spare.keys,
    };
    let written = value.serialize(&mut w);
    let Writer {
        tape,
        text,
        ends,
        fresh,
        mut dict,
        keys,
    } = w;
    // A failed write may have added strings and shapes that JS will never receive: the strings
    // are forgotten on both sides at the next write, the shapes at once (JS numbers them from
    // what it was last sent).
    dict.stale = written.is_err();
    DICT.with(|d| *d.borrow_mut() = Some(dict));
    SPARE.with(|s| s.borrow_mut().keys = cleared(keys));
    if written.is_err() {
        SHAPES.with(|s| s.borrow_mut().forget_from(known));
    }
    written?;
    let new_shapes = SHAPES.with(|s| {
        let s = s.borrow();
        (
            u32::try_from(known).unwrap_or(u32::MAX),
            s.keys.get(known..).map(<[_]>::to_vec).unwrap_or_default(),
        )
    });
    Ok(Tape {
        tape,
        text,
        ends,
        fresh,
        first_string,
        reset,
        new_shapes,
    })
}

/// Make the next write start with an empty dictionary, and tell JS to empty its copy: for a
/// tape that JS could not read, whose new strings it may not have learnt.
pub fn forget_strings() {
    let _ = DICT.try_with(|d| {
        if let Ok(mut d) = d.try_borrow_mut() {
            if let Some(d) = d.as_mut() {
                d.stale = true;
            }
        }
    });
}

/// The dictionary: strings of up to [`SHARED_MAX`] bytes, kept from one write to the next for
/// the life of the module instance, as JS keeps their copies (`readTape`'s `dictionary`). A report
/// writes the same labels, units, enum names and cell texts as the one before it; each is
/// converted to UTF-16, handed over and cut out as a JS string once, not once a report.
///
/// A string is found by its bytes (and, through the caches, by its bytes and address), never by
/// its address alone, so a string whose memory was freed and reused is never taken for another.
struct Dict {
    /// String numbers by content: hash, number, and the string's UTF-8 bytes in `shared`
    /// (start, length), compared as bytes on a hash match.
    index: HashTable<(u64, u32, u32, u32)>,
    shared: Vec<u8>,
    hasher: DefaultHashBuilder,
    /// The number last found for a string of up to [`SHORT_MAX`] bytes, by its [`short_key`]:
    /// most strings of a report are short and repeated (cell texts such as `0`, units, enum
    /// names, column labels of up to five characters), and find their number here without
    /// hashing their text or probing `index`.
    short: Box<[(u128, u32); SHORT_SLOTS]>,
    /// For the longer strings: the number last found for a string at an address, with where its
    /// bytes are in `shared` (start, length). A report repeats its longer column labels
    /// (`法人或其他组织/商业企业` in every row of table 3) from the same place, the template, so
    /// the address finds them without hashing; the bytes are still compared, since another
    /// string may be written where an earlier one was.
    by_address: Box<[(usize, u32, u32, u32); ADDRESS_SLOTS]>,
    /// Set when a write failed after adding strings that JS never received: the next write
    /// empties the dictionary, on both sides.
    stale: bool,
}

/// The dictionary is emptied, on both sides, when a write begins with this many strings in it
/// (a long run over many different reports: agency names, dates and numbers come and go).
const DICT_MAX_STRINGS: usize = 1 << 16;

/// … or with this many bytes of them.
const DICT_MAX_BYTES: usize = 1 << 20;

impl Dict {
    fn new() -> Self {
        Dict {
            index: HashTable::new(),
            shared: Vec::new(),
            hasher: DefaultHashBuilder::default(),
            short: Box::new([EMPTY_SHORT; SHORT_SLOTS]),
            by_address: Box::new([EMPTY_ADDRESS; ADDRESS_SLOTS]),
            stale: false,
        }
    }

    /// Strings in the dictionary: the number of the next. Every string is in the index once.
    fn count(&self) -> u32 {
        u32::try_from(self.index.len()).unwrap_or(u32::MAX)
    }

    /// Whether `s` is the string whose bytes are at `at..at + len` of `shared`.
    fn holds(&self, at: u32, len: u32, s: &str) -> bool {
        self.shared
            .get(at as usize..(at + len) as usize)
            .is_some_and(|t| same_bytes(t, s.as_bytes()))
    }

    /// Empty the dictionary, and give back what one very large value made it grow to (a
    /// dictionary grows past its bounds within one write, which they are checked before).
    fn clear(&mut self) {
        if self.index.capacity() > 2 * DICT_MAX_STRINGS {
            self.index = HashTable::new();
        } else {
            self.index.clear();
        }
        if self.shared.capacity() > 2 * DICT_MAX_BYTES {
            self.shared = Vec::new();
        } else {
            self.shared.clear();
        }
        self.short.fill(EMPTY_SHORT);
        self.by_address.fill(EMPTY_ADDRESS);
        self.stale = false;
    }
}

thread_local! {
    /// The module's dictionary (a wasm instance has one thread); `None` while a write holds it.
    static DICT: RefCell<Option<Dict>> = const { RefCell::new(None) };
}

/// The buffers of the last write, kept for the next: a report's tape and strings grow to tens
/// of kilobytes, and growing them afresh for every call cost a few dozen allocations and copies
/// a report (measured: talc's `allocate`, `deallocate` and `realloc` were 7 % of `parse` on the
/// text reports in Node). The writer takes them and puts back what it does not return; a
/// [`Tape`] puts back its own four when dropped, once JS has read them. (The string index is
/// the dictionary's, kept whole: [`Dict`].)
#[derive(Default)]
struct Spare {
    tape: Vec<f64>,
    text: Vec<u16>,
    ends: Vec<u32>,
    fresh: Vec<u32>,
    keys: Vec<&'static str>,
}

thread_local! {
    /// The spare buffers (a wasm instance has one thread).
    static SPARE: RefCell<Spare> = RefCell::new(Spare::default());
}

/// A buffer larger than this is dropped rather than kept, so that one huge report does not
/// hold its memory for the life of the instance.
const SPARE_MAX_BYTES: usize = 4 << 20;

/// `v` emptied, to be kept; or a new vector when `v` is too large to keep.
fn cleared<T>(mut v: Vec<T>) -> Vec<T> {
    if v.capacity().saturating_mul(std::mem::size_of::<T>()) > SPARE_MAX_BYTES {
        return Vec::new();
    }
    v.clear();
    v
}

impl Drop for Tape {
    fn drop(&mut self) {
        let tape = cleared(std::mem::take(&mut self.tape));
        let text = cleared(std::mem::take(&mut self.text));
        let ends = cleared(std::mem::take(&mut self.ends));
        let fresh = cleared(std::mem::take(&mut self.fresh));
        // `try_`: a tape dropped while the thread ends, or while the spares are taken, keeps
        // nothing.
        let _ = SPARE.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                s.tape = tape;
                s.text = text;
                s.ends = ends;
                s.fresh = fresh;
            }
        });
    }
}

/// The serializer.
struct Writer {
    tape: Vec<f64>,
    text: Vec<u16>,
    ends: Vec<u32>,
    /// Ids in `text` of the strings added to the dictionary by this write, in their order there.
    fresh: Vec<u32>,
    dict: Dict,
    /// Keys of the struct-like values being written, innermost last (a stack of frames).
    keys: Vec<&'static str>,
}

/// Slots of [`Dict::by_address`] (a power of two).
const ADDRESS_SLOTS: usize = 64;

/// An empty slot of [`Dict::by_address`] (no string is at address 0).
const EMPTY_ADDRESS: (usize, u32, u32, u32) = (0, 0, 0, 0);

/// The slot of `hash` in a cache of `slots` slots (a power of two): its top bits, which a
/// multiplication mixes best.
fn top_bits(hash: u64, slots: usize) -> usize {
    (hash >> (64 - slots.trailing_zeros())) as usize
}

/// Fibonacci hashing: a multiplication by 2^64 ÷ φ, whose top bits [`top_bits`] takes.
fn mix(x: u64) -> u64 {
    x.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The slot of a string's address.
fn address_slot(address: usize) -> usize {
    top_bits(mix(address as u64), ADDRESS_SLOTS)
}

/// The longest string kept in [`Dict::short`]: its bytes and length fit in a `u128`.
const SHORT_MAX: usize = 15;

/// Slots of [`Dict::short`] (a power of two).
const SHORT_SLOTS: usize = 128;

/// A string of up to [`SHORT_MAX`] bytes as one number: its bytes, and its length in the last
/// byte, so that no two strings share a key and no key is `u128::MAX` (an empty slot).
fn short_key(s: &str) -> Option<u128> {
    let mut bytes = [0u8; 16];
    bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
    *bytes.last_mut()? = u8::try_from(s.len())
        .ok()
        .filter(|&n| usize::from(n) <= SHORT_MAX)?;
    Some(u128::from_le_bytes(bytes))
}

/// An empty slot of [`Dict::short`] (no key is `u128::MAX`).
const EMPTY_SHORT: (u128, u32) = (u128::MAX, 0);

/// The slot of a short key, from its two halves.
fn short_slot(key: u128) -> usize {
    top_bits(
        mix((key as u64) ^ ((key >> 64) as u64).rotate_left(29)),
        SHORT_SLOTS,
    )
}

/// Whether `a` and `b` hold the same bytes: `memchr`'s word-at-a-time comparison. In
/// WebAssembly `==` on slices calls the runtime's `memcmp`, which compares a byte at a time: the
/// dictionary's checks of labels of up to 128 bytes were 1.5 % of `parse` in Node.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    memchr::arch::all::is_equal(a, b)
}

/// The same key: the same `&'static str`.
fn same_key(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b)
}

/// The running hash of a key list after one more key (its address: see [`Shapes::ids`]).
fn add_key(hash: u64, key: &'static str) -> u64 {
    (hash.rotate_left(5) ^ (key.as_ptr() as u64) ^ ((key.len() as u64) << 48))
        .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Strings longer than this many bytes (section texts, most messages) are written without
/// looking for an earlier copy and are not kept in the dictionary: they are rarely repeated, and
/// hashing them cost more than it saved. The template's longer row labels (up to about 100
/// bytes) are kept: measured in Node, 128 against 64 gave `parse` over the corpus 1.037×
/// against 1.025× the speed of no dictionary.
const SHARED_MAX: usize = 128;

impl Writer {
    fn number(&mut self, n: f64) {
        if n.is_finite() {
            self.tape.extend_from_slice(&[NUMBER, n]);
        } else {
            self.tape.push(NULL);
        }
    }

    /// Append string `s` to the table and return its id.
    fn push_string(&mut self, s: &str) -> u32 {
        let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        // A string never has more UTF-16 units than UTF-8 bytes, which is the room
        // `convert_str_to_utf16` asks for; the unused end is cut off again.
        let at = self.text.len();
        self.text.resize(at + s.len(), 0);
        let written = self
            .text
            .get_mut(at..)
            .map_or(0, |room| encoding_rs::mem::convert_str_to_utf16(s, room));
        self.text.truncate(at + written);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        id
    }

    /// The tape's operand for string `s`: its id in this tape's text (from 0), for a string of
    /// more than [`SHARED_MAX`] bytes; else `-1 - n` for string `n` of the dictionary, added
    /// when new.
    fn string_id(&mut self, s: &str) -> f64 {
        if s.len() > SHARED_MAX {
            return f64::from(self.push_string(s));
        }
        -1.0 - f64::from(self.dict_id(s))
    }

    /// The dictionary's number for string `s` (of up to [`SHARED_MAX`] bytes), added when new.
    fn dict_id(&mut self, s: &str) -> u32 {
        if let Some(key) = short_key(s) {
            let slot = short_slot(key);
            if let Some(&(k, n)) = self.dict.short.get(slot) {
                if k == key {
                    return n;
                }
            }
            let (n, _) = self.indexed_string_id(s);
            if let Some(entry) = self.dict.short.get_mut(slot) {
                *entry = (key, n);
            }
            return n;
        }
        let address = s.as_ptr() as usize;
        let slot = address_slot(address);
        if let Some(&(a, at, len, n)) = self.dict.by_address.get(slot) {
            // The whole of the string found, not a start of it: a shorter string written where
            // a longer one was would match the longer one's first bytes.
            if a == address && self.dict.holds(at, len, s) {
                return n;
            }
        }
        let (n, at) = self.indexed_string_id(s);
        if let Some(entry) = self.dict.by_address.get_mut(slot) {
            // `s.len() <= SHARED_MAX`.
            *entry = (address, at, s.len() as u32, n);
        }
        n
    }

    /// The dictionary's number for string `s` (of up to [`SHARED_MAX`] bytes) from its index,
    /// adding it when new (to this tape's text, for JS to learn), and where its bytes are in
    /// `shared`.
    fn indexed_string_id(&mut self, s: &str) -> (u32, u32) {
        let hash = self.dict.hasher.hash_one(s);
        let dict = &self.dict;
        let same = |&(h, _, at, len): &(u64, u32, u32, u32)| h == hash && dict.holds(at, len, s);
        if let Some(&(_, n, at, _)) = self.dict.index.find(hash, same) {
            return (n, at);
        }
        let id = self.push_string(s);
        self.fresh.push(id);
        let n = self.dict.count();
        let at = u32::try_from(self.dict.shared.len()).unwrap_or(u32::MAX);
        self.dict.shared.extend_from_slice(s.as_bytes());
        // `s.len() <= SHARED_MAX`.
        let len = s.len() as u32;
        self.dict
            .index
            .insert_unique(hash, (hash, n, at, len), |&(h, ..)| h);
        (n, at)
    }

    fn string(&mut self, s: &str) {
        let id = self.string_id(s);
        self.tape.extend_from_slice(&[STRING, id]);
    }

    /// Start a struct-like value: its shape id is filled in by [`Writer::end_object`].
    fn begin_object(&mut self) -> Frame {
        self.tape.extend_from_slice(&[OBJECT, 0.0]);
        Frame {
            slot: self.tape.len() - 1,
            keys_from: self.keys.len(),
            hash: 0,
        }
    }

    /// Add a key to the struct-like value of `frame`.
    fn key(&mut self, frame: &mut Frame, key: &'static str) {
        self.keys.push(key);
        frame.hash = add_key(frame.hash, key);
    }

    fn end_object(&mut self, frame: Frame) {
        let keys = self.keys.get(frame.keys_from..).unwrap_or(&[]);
        let id = SHAPES.with(|s| s.borrow_mut().id(frame.hash, keys));
        if let Some(slot) = self.tape.get_mut(frame.slot) {
            *slot = f64::from(id);
        }
        self.keys.truncate(frame.keys_from);
    }

    /// Start an array whose length is known only at its end.
    fn begin_array(&mut self, code: f64) -> Frame {
        self.tape.extend_from_slice(&[code, 0.0]);
        Frame {
            slot: self.tape.len() - 1,
            keys_from: 0,
            hash: 0,
        }
    }

    fn end_array(&mut self, frame: Frame, len: usize) {
        if let Some(slot) = self.tape.get_mut(frame.slot) {
            *slot = len as f64;
        }
    }

    /// `{ variant: … }`, serde's external tagging: an object of one key.
    fn begin_variant(&mut self, variant: &'static str) -> Frame {
        let mut frame = self.begin_object();
        self.key(&mut frame, variant);
        frame
    }
}

/// Where a value whose size or shape is known only at its end patches the tape.
struct Frame {
    slot: usize,
    keys_from: usize,
    /// Running hash of the keys written so far (objects only).
    hash: u64,
}

/// A sequence or map being written.
pub struct Seq<'a> {
    w: &'a mut Writer,
    frame: Frame,
    len: usize,
    /// Set for the tuple and struct variants: the enclosing `{ variant: … }` to close.
    outer: Option<Frame>,
}

/// A struct being written.
pub struct Object<'a> {
    w: &'a mut Writer,
    frame: Frame,
    outer: Option<Frame>,
}

/// `serialize_<number>` methods writing the number as an `f64` (exact for every integer up to
/// 2^53, as in `JSON.parse`).
macro_rules! numbers {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method(self, v: $t) -> Result<(), Error> {
            self.number(v as f64);
            Ok(())
        }
    )*};
}

/// `serialize_<integer>` methods of a map key: written as its decimal text, as JSON does.
macro_rules! integer_keys {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method(self, v: $t) -> Result<(), Error> {
            self.key(&v.to_string())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Seq<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.tape.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    numbers! {
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_f32: f32, serialize_f64: f64,
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.tape.extend_from_slice(&[ARRAY, v.len() as f64]);
        for &b in v {
            self.number(f64::from(b));
        }
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.tape.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.tape.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.tape.push(NULL);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let frame = self.begin_variant(variant);
        value.serialize(&mut *self)?;
        self.end_object(frame);
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a>, Error> {
        let frame = self.begin_array(ARRAY);
        Ok(Seq {
            w: self,
            frame,
            len: 0,
            outer: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq<'a>, Error> {
        let outer = self.begin_variant(variant);
        let frame = self.begin_array(ARRAY);
        Ok(Seq {
            w: self,
            frame,
            len: 0,
            outer: Some(outer),
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Seq<'a>, Error> {
        let frame = self.begin_array(MAP);
        Ok(Seq {
            w: self,
            frame,
            len: 0,
            outer: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Object<'a>, Error> {
        let frame = self.begin_object();
        Ok(Object {
            w: self,
            frame,
            outer: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object<'a>, Error> {
        let outer = self.begin_variant(variant);
        let frame = self.begin_object();
        Ok(Object {
            w: self,
            frame,
            outer: Some(outer),
        })
    }
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.len += 1;
        value.serialize(&mut *self.w)
    }
    fn finish(self) -> Result<(), Error> {
        self.w.end_array(self.frame, self.len);
        if let Some(outer) = self.outer {
            self.w.end_object(outer);
        }
        Ok(())
    }
}

/// The four sequence-like traits of serde, which differ only in their names.
macro_rules! seq_like {
    ($($tr:ident :: $method:ident),*) => {$(
        impl ser::$tr for Seq<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}

seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.len += 1;
        key.serialize(MapKey(&mut *self.w))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.w.key(&mut self.frame, key);
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.end_object(self.frame);
        if let Some(outer) = self.outer {
            self.w.end_object(outer);
        }
        Ok(())
    }
}

impl ser::SerializeStructVariant for Object<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeStruct::end(self)
    }
}

/// A map key: written as a string id, as JSON makes every key a string. Like `serde_json`,
/// strings, chars, integers and unit variants are accepted; anything else is an error.
struct MapKey<'a>(&'a mut Writer);

impl MapKey<'_> {
    fn key(self, s: &str) -> Result<(), Error> {
        let id = self.0.string_id(s);
        self.0.tape.push(id);
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    Error(String::from("key must be a string"))
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.key(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.key(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.key(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    integer_keys! {
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
    }
    fn serialize_bool(self, _v: bool) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

// ---------------------------------------------------------------------------------------------
// The way in: a value written by `writeTape` in `js/tape.js`, read by serde.
//
// Reading report objects field by field with `serde-wasm-bindgen` costs one boundary call per
// field and per string; `validate(report)` took about as long as `parse`. The JS side walks the
// object once and hands over three things; strings arrive as one text.

impl de::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    // serde's messages, as its own `invalid_type` and `invalid_value` word them, but without
    // `Unexpected`'s `Display`: its arm for a float would put float formatting (about 18 KB) in
    // the module, and no float is read from a tape ([`Reader::token`]).
    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error(format!(
            "invalid type: {}, expected {exp}",
            unexpected(&unexp)
        ))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error(format!(
            "invalid value: {}, expected {exp}",
            unexpected(&unexp)
        ))
    }
}

/// What serde's `Unexpected` says of a value, a float named but not printed.
fn unexpected(u: &de::Unexpected<'_>) -> String {
    use de::Unexpected as U;
    match *u {
        U::Bool(b) => format!("boolean `{b}`"),
        U::Unsigned(i) => format!("integer `{i}`"),
        U::Signed(i) => format!("integer `{i}`"),
        U::Float(_) => String::from("floating point number"),
        U::Char(c) => format!("character `{c}`"),
        U::Str(s) => format!("string {s:?}"),
        U::Bytes(_) => String::from("byte array"),
        U::Unit => String::from("unit value"),
        U::Option => String::from("Option value"),
        U::NewtypeStruct => String::from("newtype struct"),
        U::Seq => String::from("sequence"),
        U::Map => String::from("map"),
        U::Enum => String::from("enum"),
        U::UnitVariant => String::from("unit variant"),
        U::NewtypeVariant => String::from("newtype variant"),
        U::TupleVariant => String::from("tuple variant"),
        U::StructVariant => String::from("struct variant"),
        U::Other(o) => String::from(o),
    }
}

/// Deepest nesting read (the JS writer stops at 200 too).
const MAX_DEPTH: usize = 200;

/// Read a value of type `T` from a tape written by `writeTape`: `codes`, the strings `text`
/// and the end of each string in `text` in UTF-16 code units.
pub fn read<T: DeserializeOwned>(codes: &[f64], text: &str, ends: &[u32]) -> Result<T, Error> {
    let mut strings = Vec::with_capacity(ends.len());
    let mut chars = text.char_indices();
    let (mut units, mut start) = (0_u32, 0_usize);
    for &end in ends {
        let mut at = start;
        while units < end {
            let Some((i, c)) = chars.next() else {
                return Err(Error(String::from(
                    "corrupt tape: string ends past the text",
                )));
            };
            units += u32::try_from(c.len_utf16()).unwrap_or(2);
            at = i + c.len_utf8();
        }
        strings.push(text.get(start..at).unwrap_or(""));
        start = at;
    }
    let mut r = Reader {
        codes,
        at: 0,
        strings: &strings,
        depth: 0,
    };
    let value = T::deserialize(&mut r)?;
    if r.at != codes.len() {
        return Err(Error(String::from("corrupt tape: values after the end")));
    }
    Ok(value)
}

/// The deserializer over a tape.
struct Reader<'t, 's> {
    codes: &'t [f64],
    at: usize,
    strings: &'t [&'s str],
    depth: usize,
}

fn corrupt() -> Error {
    Error(String::from("corrupt tape"))
}

impl<'s> Reader<'_, 's> {
    fn next(&mut self) -> Result<f64, Error> {
        let c = self.codes.get(self.at).copied().ok_or_else(corrupt)?;
        self.at += 1;
        Ok(c)
    }

    fn peek(&self) -> Option<f64> {
        self.codes.get(self.at).copied()
    }

    fn count(&mut self) -> Result<usize, Error> {
        let n = self.next()?;
        if n >= 0.0 && n.fract() == 0.0 && n <= (self.codes.len() - self.at) as f64 {
            Ok(n as usize)
        } else {
            Err(corrupt())
        }
    }

    fn string(&mut self) -> Result<&'s str, Error> {
        let id = self.next()?;
        if id >= 0.0 && id.fract() == 0.0 {
            self.strings.get(id as usize).copied().ok_or_else(corrupt)
        } else {
            Err(corrupt())
        }
    }

    /// Go one level deeper, unless that is past [`MAX_DEPTH`]; the caller goes back up with
    /// `depth -= 1` once the nested value is read. Not generic, unlike the visitors around it:
    /// the check and its message are in the module once, not once per type read.
    fn enter(&mut self) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(Error(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        Ok(())
    }

    /// The next value's start, read without knowing the type it is read into; an array's or
    /// a map's count is checked against what is left of the tape, and its level entered.
    ///
    /// `deserialize_any` is instantiated once per visitor, some thirty of them (every struct,
    /// enum and number type of a report): reading the codes and their operands here, once,
    /// leaves each only the call to its visitor (measured 2.6 KB gzip less than doing it all
    /// in `deserialize_any`).
    fn token(&mut self) -> Result<Token<'s>, Error> {
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
        let code = self.next()?;
        Ok(if code == NULL {
            Token::Unit
        } else if code == FALSE {
            Token::Bool(false)
        } else if code == TRUE {
            Token::Bool(true)
        } else if code == NUMBER {
            // Integers as integers (serde's integer fields accept no float), like `JSON.parse`
            // + serde_json.
            //
            // `writeTape` writes every other number as its string (`String(168.61)`,
            // JavaScript's shortest round trip, as `rust_decimal` reads a float), so no float
            // reaches a field here: were one handed to serde's readers, their messages' float
            // formatting (about 18 KB) would be in the module.
            let n = self.next()?;
            if n.fract() == 0.0 && n.abs() <= EXACT {
                if n >= 0.0 {
                    Token::Unsigned(n as u64)
                } else {
                    Token::Signed(n as i64)
                }
            } else {
                return Err(Error(String::from(
                    "a number that is not a safe integer is written on the tape as a string",
                )));
            }
        } else if code == STRING {
            Token::Str(self.string()?)
        } else if code == ARRAY {
            let left = self.count()?;
            self.enter()?;
            Token::Seq(left)
        } else if code == MAP {
            let left = self.count()?;
            self.enter()?;
            Token::Map(left)
        } else {
            return Err(corrupt());
        })
    }
}

impl<'de> Reader<'_, 'de> {
    /// Read an array or an object into `visitor`, for the hints whose visitors take nothing
    /// else (a struct's, a sequence's, a tuple's, a map's): any other value is refused as the
    /// visitor's default `visit_*` refuses it, with the same message, but by one call to
    /// [`de::Error::invalid_type`] rather than five. `deserialize_any` instantiates all seven
    /// `visit_*` per visitor; a report's structs and sequences are most of its thirty.
    fn compound<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let token = self.token()?;
        let (left, map) = match token {
            Token::Seq(left) => (left, false),
            Token::Map(left) => (left, true),
            other => return Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        };
        let items = Items {
            r: &mut *self,
            left,
        };
        let v = if map {
            visitor.visit_map(items)
        } else {
            visitor.visit_seq(items)
        };
        self.depth -= 1;
        v
    }
}

/// The start of a value on the tape, as [`Reader::token`] reads it.
enum Token<'s> {
    Unit,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Str(&'s str),
    /// An array of this many items, its level entered.
    Seq(usize),
    /// A map of this many entries, its level entered.
    Map(usize),
}

impl<'s> Token<'s> {
    /// What serde's errors call this value: the `Unexpected` that the default `visit_*` it is
    /// handed to would name.
    fn unexpected(&self) -> de::Unexpected<'s> {
        use de::Unexpected as U;
        match *self {
            Token::Unit => U::Unit,
            Token::Bool(b) => U::Bool(b),
            Token::Unsigned(n) => U::Unsigned(n),
            Token::Signed(n) => U::Signed(n),
            Token::Str(s) => U::Str(s),
            Token::Seq(_) => U::Seq,
            Token::Map(_) => U::Map,
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Unit => visitor.visit_unit(),
            Token::Bool(b) => visitor.visit_bool(b),
            Token::Unsigned(n) => visitor.visit_u64(n),
            Token::Signed(n) => visitor.visit_i64(n),
            Token::Str(s) => visitor.visit_borrowed_str(s),
            Token::Seq(left) => {
                let v = visitor.visit_seq(Items {
                    r: &mut *self,
                    left,
                });
                self.depth -= 1;
                v
            }
            Token::Map(left) => {
                let v = visitor.visit_map(Items {
                    r: &mut *self,
                    left,
                });
                self.depth -= 1;
                v
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek() == Some(NULL) {
            self.at += 1;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.peek() {
            Some(STRING) => {
                self.at += 1;
                let s = self.string()?;
                visitor.visit_enum(de::value::BorrowedStrDeserializer::new(s))
            }
            Some(MAP) => {
                self.at += 1;
                if self.count()? != 1 {
                    return Err(Error(String::from(
                        "an enum variant must be an object with one key",
                    )));
                }
                self.enter()?;
                let v = visitor.visit_enum(Variant { r: &mut *self });
                self.depth -= 1;
                v
            }
            _ => Err(Error(String::from(
                "an enum variant must be a string or an object with one key",
            ))),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.compound(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.compound(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.compound(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.compound(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.compound(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct identifier ignored_any
    }
}

/// The items of an array or the entries of a map still to read.
struct Items<'r, 't, 's> {
    r: &'r mut Reader<'t, 's>,
    left: usize,
}

impl Items<'_, '_, '_> {
    /// Count one more item or entry read; `false` when there is none left.
    fn take(&mut self) -> bool {
        let more = self.left > 0;
        self.left = self.left.saturating_sub(1);
        more
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, '_, 'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !self.take() {
            return Ok(None);
        }
        seed.deserialize(&mut *self.r).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, '_, 'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.take() {
            return Ok(None);
        }
        let key = self.r.string()?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.r)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// `{ variant: content }`.
struct Variant<'r, 't, 's> {
    r: &'r mut Reader<'t, 's>,
}

impl<'de, 'r, 't> de::EnumAccess<'de> for Variant<'r, 't, 'de> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let key = self.r.string()?;
        let v = seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(key))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, '_, 'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(&mut *self.r)
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.r)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(&mut *self.r, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(&mut *self.r, visitor)
    }
}

#[cfg(test)]
mod tests {
    //! The tape read back in Rust, as `js/tape.js` reads it, must give what `serde_json` gives.
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;
    use serde_json::{Map, Number, Value};

    thread_local! {
        /// The twin's copy of the string dictionary (each test runs on a thread of its own).
        static JS_DICT: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
        /// The twin's copy of the shapes: only what the tapes sent, as `readTape` learns them.
        static JS_SHAPES: std::cell::RefCell<Vec<Vec<&'static str>>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// A Rust twin of `js/tape.js`. Like it, it must read every tape written, in order, to keep
    /// its copy of the dictionary in step.
    fn read_back(t: &Tape) -> Value {
        let text = String::from_utf16(&t.text).expect("valid UTF-16");
        let units: Vec<u16> = text.encode_utf16().collect();
        let strings: Vec<String> = (0..t.ends.len())
            .map(|id| {
                let start = if id == 0 { 0 } else { t.ends[id - 1] as usize };
                String::from_utf16(&units[start..t.ends[id] as usize]).expect("whole chars")
            })
            .collect();
        let shapes = JS_SHAPES.with(|s| {
            let mut s = s.borrow_mut();
            let (first, fresh) = &t.new_shapes;
            for (k, keys) in fresh.iter().enumerate() {
                let id = *first as usize + k;
                if s.len() <= id {
                    s.resize(id + 1, Vec::new());
                }
                s[id] = keys.to_vec();
            }
            s.clone()
        });
        let dict = JS_DICT.with(|d| {
            let mut d = d.borrow_mut();
            if t.reset {
                d.clear();
            }
            assert_eq!(d.len(), t.first_string as usize, "the copy is in step");
            d.extend(t.fresh.iter().map(|&id| strings[id as usize].clone()));
            d.clone()
        });
        let strings = Strings {
            tape: &strings,
            dict: &dict,
        };
        let mut at = 0;
        value(&t.tape, &strings, &shapes, &mut at)
    }

    /// A tape's strings and the dictionary.
    struct Strings<'a> {
        tape: &'a [String],
        dict: &'a [String],
    }

    impl Strings<'_> {
        fn get(&self, operand: f64) -> String {
            if operand < 0.0 {
                self.dict[(-1.0 - operand) as usize].clone()
            } else {
                self.tape[operand as usize].clone()
            }
        }
    }

    fn value(tape: &[f64], strings: &Strings, shapes: &[Vec<&str>], at: &mut usize) -> Value {
        let code = tape[*at];
        *at += 1;
        let mut operand = || {
            *at += 1;
            tape[*at - 1]
        };
        match code as u8 {
            0 => Value::Null,
            1 => Value::Bool(false),
            2 => Value::Bool(true),
            3 => Value::Number(Number::from_f64(operand()).expect("finite")),
            4 => Value::String(strings.get(operand())),
            5 => {
                let n = operand() as usize;
                Value::Array((0..n).map(|_| value(tape, strings, shapes, at)).collect())
            }
            6 => {
                let keys = &shapes[operand() as usize];
                let mut o = Map::new();
                for k in keys {
                    o.insert((*k).to_string(), value(tape, strings, shapes, at));
                }
                Value::Object(o)
            }
            7 => {
                let n = operand() as usize;
                let mut o = Map::new();
                for _ in 0..n {
                    let k = strings.get(tape[*at]);
                    *at += 1;
                    o.insert(k, value(tape, strings, shapes, at));
                }
                Value::Object(o)
            }
            c => panic!("code {c}"),
        }
    }

    /// JSON numbers compared as JS compares them (all numbers are doubles).
    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((ka, a), (kb, b))| ka == kb && same(a, b))
            }
            _ => a == b,
        }
    }

    fn round_trip<T: Serialize>(v: &T) -> (Value, Value) {
        let t = write(v).expect("tape");
        (read_back(&t), serde_json::to_value(v).expect("json"))
    }

    #[test]
    fn corpus_reports_read_back_as_their_json() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).expect("tests/corpus") {
            let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
            let report = ogi_report::parse_bytes(&bytes);
            let (got, want) = round_trip(&report);
            assert!(same(&got, &want), "report {n} differs");
            let (got, want) = round_trip(&report.cells());
            assert!(same(&got, &want));
            n += 1;
        }
        assert!(n >= 30, "{n} corpus files");
    }

    #[derive(Serialize)]
    enum Tagged {
        Unit,
        Newtype(u8),
        Tuple(i64, bool),
        Struct { a: Option<f32>, b: char },
    }

    #[derive(Serialize)]
    struct Skips {
        #[serde(skip_serializing_if = "Option::is_none")]
        maybe: Option<u8>,
        always: &'static str,
    }

    #[test]
    fn every_serde_form_reads_back_as_json() {
        let values = (
            vec![Tagged::Unit, Tagged::Newtype(7), Tagged::Tuple(-3, true)],
            Tagged::Struct { a: None, b: '𠀀' },
            [
                Skips {
                    maybe: None,
                    always: "x",
                },
                Skips {
                    maybe: Some(1),
                    always: "x",
                },
            ],
            std::collections::BTreeMap::from([(3_u32, "three"), (10, "ten")]),
            (
                f64::NAN,
                f64::INFINITY,
                -0.0_f64,
                1e300,
                u64::from(u32::MAX),
            ),
            ((), Some(()), serde_bytes_like(&[1, 2, 255])),
        );
        let (got, want) = round_trip(&values);
        assert!(same(&got, &want), "{got}\n{want}");
        // Two objects of one struct with different fields present have different shapes.
        let t = write(&[
            Skips {
                maybe: None,
                always: "",
            },
            Skips {
                maybe: Some(0),
                always: "",
            },
        ])
        .expect("tape");
        assert_eq!((t.tape[2], t.tape[6]), (OBJECT, OBJECT), "{:?}", t.tape);
        assert_ne!(t.tape[3], t.tape[7], "{:?}", t.tape);
    }

    /// Bytes through `serialize_bytes`, as `serde_bytes` would write them.
    fn serde_bytes_like(b: &[u8]) -> impl Serialize + '_ {
        struct Bytes<'a>(&'a [u8]);
        impl Serialize for Bytes<'_> {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        Bytes(b)
    }

    #[test]
    fn strings_are_written_once_and_long_ones_are_not_looked_up() {
        let long = "长".repeat(SHARED_MAX);
        let t = write(&["零", "零", "𠀀a", "零", long.as_str(), long.as_str()]).expect("tape");
        // 零, 𠀀a (a surrogate pair and one unit), then the long string twice.
        assert_eq!(
            t.ends,
            [1, 4, 4 + SHARED_MAX as u32, 4 + 2 * SHARED_MAX as u32]
        );
        // The first two are the dictionary's strings 0 and 1 (operands -1 and -2), the long
        // ones strings 2 and 3 of this tape only.
        assert_eq!(
            (t.fresh.as_slice(), t.first_string, t.reset),
            (&[0, 1][..], 0, false)
        );
        assert_eq!(
            &t.tape[..12],
            &[ARRAY, 6.0, STRING, -1.0, STRING, -1.0, STRING, -2.0, STRING, -1.0, STRING, 2.0]
        );
        assert_eq!(t.tape[12..], [STRING, 3.0]);
        assert_eq!(
            read_back(&t),
            serde_json::json!(["零", "零", "𠀀a", "零", long, long])
        );
    }

    /// Strings written one after another from one buffer: the same address, other bytes.
    struct Reused(&'static [&'static str]);

    impl Serialize for Reused {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeSeq;
            let mut seq = s.serialize_seq(Some(self.0.len()))?;
            let mut buf = String::with_capacity(64);
            for w in self.0 {
                buf.clear();
                buf.push_str(w);
                seq.serialize_element(buf.as_str())?;
            }
            seq.end()
        }
    }

    #[test]
    fn a_string_where_another_was_is_told_apart_by_its_bytes() {
        // Same length (34 bytes), same buffer: the address alone would take the second for the
        // first.
        const WORDS: &[&str] = &[
            "法人或其他组织/商业企业",
            "法人或其他组织/科研机构",
            "法人或其他组织/商业企业",
            "法人或其他组织/科研机构",
        ];
        let t = write(&Reused(WORDS)).expect("tape");
        assert_eq!(read_back(&t), serde_json::json!(WORDS));
        assert_eq!(t.ends.len(), 2, "each written once");
        // One the start of the other, from one buffer: the first bytes alone would take the
        // shorter for the longer.
        const PREFIX: &[&str] = &["法人或其他组织/商业企业甲", "法人或其他组织/商业企业"];
        let t = write(&Reused(PREFIX)).expect("tape");
        assert_eq!(read_back(&t), serde_json::json!(PREFIX));
        // Short ones (the other cache) from one buffer too.
        const SHORT: &[&str] = &["总计", "其他", "总计", "", "其他", "0", "1"];
        let t = write(&Reused(SHORT)).expect("tape");
        assert_eq!(read_back(&t), serde_json::json!(SHORT));
        assert_eq!(t.ends.len(), 5);
    }

    #[test]
    fn a_later_write_sends_only_the_strings_new_to_the_dictionary() {
        // The label is the dictionary's string 0. The next write finds it by its bytes, the copy
        // at another address as well as the label itself, and sends only "x".
        static LABEL: &str = "法人或其他组织/商业企业";
        let long = "长".repeat(SHARED_MAX);
        let first = write(&[long.as_str(), LABEL]).expect("tape");
        assert_eq!(first.tape[..6], [ARRAY, 2.0, STRING, 0.0, STRING, -1.0]);
        assert_eq!(read_back(&first), serde_json::json!([long, LABEL]));
        drop(first);
        // What the next write starts from: empty buffers, kept with their room.
        SPARE.with(|s| {
            let s = s.borrow();
            assert!(s.keys.is_empty() && s.fresh.is_empty());
            assert!(s.tape.is_empty() && s.text.is_empty() && s.ends.is_empty());
            assert!(s.tape.capacity() >= 6 && s.ends.capacity() >= 2);
        });
        let copy = String::from(LABEL);
        let t = write(&[copy.as_str(), LABEL, "x"]).expect("tape");
        assert_eq!(
            t.tape[..8],
            [ARRAY, 3.0, STRING, -1.0, STRING, -1.0, STRING, -2.0]
        );
        assert_eq!(
            (t.ends.as_slice(), t.fresh.as_slice()),
            (&[1][..], &[0][..])
        );
        assert_eq!((t.first_string, t.reset), (1, false));
        assert_eq!(read_back(&t), serde_json::json!([LABEL, LABEL, "x"]));
    }

    #[test]
    fn the_dictionary_is_emptied_on_both_sides_when_full_or_out_of_step() {
        fn read<T: Serialize + ?Sized>(v: &T) -> (Value, bool, u32, usize) {
            let t = write(v).expect("tape");
            (read_back(&t), t.reset, t.first_string, t.fresh.len())
        }
        // Full by count: the write after the one that filled it starts afresh.
        let many: Vec<String> = (0..DICT_MAX_STRINGS).map(|i| i.to_string()).collect();
        let (got, reset, ..) = read(&many);
        assert_eq!((got, reset), (serde_json::json!(many), false));
        let (got, reset, first, fresh) = read(&["0", "x"]);
        assert_eq!(
            (got, reset, first, fresh),
            (serde_json::json!(["0", "x"]), true, 0, 2)
        );
        // Full by bytes.
        let big: Vec<String> = (0..DICT_MAX_BYTES / SHARED_MAX + 1)
            .map(|i| format!("{i:0>width$}", width = SHARED_MAX))
            .collect();
        let (got, reset, ..) = read(&big);
        assert_eq!((got, reset), (serde_json::json!(big), false));
        let (got, reset, first, _) = read(&["x"]);
        assert_eq!((got, reset, first), (serde_json::json!(["x"]), true, 0));
        // What one very large value made the dictionary grow to is given back when it is
        // emptied.
        let huge: Vec<String> = (0..3 * DICT_MAX_BYTES / SHARED_MAX)
            .map(|i| format!("{i:0>width$}", width = SHARED_MAX))
            .collect();
        let (got, ..) = read(&huge);
        assert_eq!(got, serde_json::json!(huge));
        let grown = DICT.with(|d| d.borrow().as_ref().map(|d| d.shared.capacity()));
        assert!(grown.is_some_and(|c| c > 2 * DICT_MAX_BYTES), "{grown:?}");
        let (got, reset, ..) = read(&["x"]);
        assert_eq!((got, reset), (serde_json::json!(["x"]), true));
        let after = DICT.with(|d| d.borrow().as_ref().map(|d| d.shared.capacity()));
        assert!(after.is_some_and(|c| c < DICT_MAX_BYTES), "{after:?}");
        // A write that fails after adding a string JS never receives, and a shape: both are
        // forgotten, and a later value of that shape reads back.
        #[derive(Serialize)]
        struct Late {
            first: &'static str,
            map: std::collections::BTreeMap<Vec<u8>, u8>,
        }
        let bad = (
            Late {
                first: "新",
                map: std::collections::BTreeMap::new(),
            },
            std::collections::BTreeMap::from([(vec![1_u8], 2_u8)]),
        );
        let shapes = SHAPES.with(|s| s.borrow().keys.len());
        assert!(write(&bad).is_err());
        assert_eq!(SHAPES.with(|s| s.borrow().keys.len()), shapes);
        let (got, reset, first, fresh) = read(&Late {
            first: "旧",
            map: std::collections::BTreeMap::new(),
        });
        assert_eq!(
            (got, reset, first, fresh),
            (serde_json::json!({"first": "旧", "map": {}}), true, 0, 1)
        );
        let (got, reset, first, fresh) = read(&["新", "x", "旧"]);
        assert_eq!(
            (got, reset, first, fresh),
            (serde_json::json!(["新", "x", "旧"]), false, 1, 2)
        );
        // A tape JS could not read (`to_js` then forgets the strings).
        let t = write(&["y"]).expect("tape");
        drop(t);
        forget_strings();
        let (got, reset, first, fresh) = read(&["y", "x"]);
        assert_eq!(
            (got, reset, first, fresh),
            (serde_json::json!(["y", "x"]), true, 0, 2)
        );
    }

    /// Words of every length the string caches tell apart (up to 15 bytes, up to 128, longer),
    /// ASCII and CJK, 300 of them: more than either cache has slots.
    fn words() -> Vec<String> {
        (0..300_usize)
            .map(|i| match i % 4 {
                0 => i.to_string(),
                1 => "零一二三四五六七八九"
                    .chars()
                    .cycle()
                    .skip(i % 10)
                    .take(i % 6)
                    .collect(),
                2 => format!("法人或其他组织/{i}"),
                _ => "长".repeat(5 + i % 50) + &i.to_string(),
            })
            .collect()
    }

    proptest! {
        #[test]
        fn repeated_strings_read_back_and_are_written_once(
            picks in prop::collection::vec(0..300_usize, 0..600),
        ) {
            let words = words();
            let picked: Vec<&str> = picks.iter().map(|&i| words[i].as_str()).collect();
            let known: std::collections::HashSet<String> =
                JS_DICT.with(|d| d.borrow().iter().cloned().collect());
            let t = write(&picked).expect("tape");
            prop_assert_eq!(read_back(&t), serde_json::json!(picked));
            // Every string up to SHARED_MAX bytes once, and only when new to the dictionary
            // (the cases of a run share it); longer ones each time.
            let new: std::collections::HashSet<&str> = picked
                .iter()
                .copied()
                .filter(|w| w.len() <= SHARED_MAX && !known.contains(*w))
                .collect();
            let long = picked.iter().filter(|w| w.len() > SHARED_MAX).count();
            prop_assert_eq!(t.fresh.len(), new.len());
            prop_assert_eq!(t.ends.len(), new.len() + long);
        }
    }

    #[test]
    fn a_map_key_that_is_not_a_string_is_an_error_as_in_serde_json() {
        let m = std::collections::BTreeMap::from([(vec![1], 2)]);
        assert!(serde_json::to_string(&m).is_err());
        assert_eq!(
            write(&m).err().map(|e| e.to_string()).as_deref(),
            Some("key must be a string")
        );
    }

    /// A Rust twin of `writeTape` in `js/tape.js`: objects as maps, strings once each.
    /// Whether JavaScript's `Number.isSafeInteger` holds of `n`.
    fn is_safe_integer(n: &serde_json::Number) -> bool {
        const SAFE: f64 = 9_007_199_254_740_991.0;
        n.as_f64()
            .is_some_and(|f| f.fract() == 0.0 && f.abs() <= SAFE)
    }

    /// `v` as a tape written by `writeTape` reads back: every number but a safe integer as its
    /// string.
    fn as_written(v: &Value) -> Value {
        match v {
            Value::Number(n) if !is_safe_integer(n) => Value::String(n.to_string()),
            Value::Array(a) => Value::Array(a.iter().map(as_written).collect()),
            Value::Object(o) => {
                Value::Object(o.iter().map(|(k, x)| (k.clone(), as_written(x))).collect())
            }
            other => other.clone(),
        }
    }

    fn js_tape(v: &Value) -> (Vec<f64>, String, Vec<u32>) {
        fn put(v: &Value, codes: &mut Vec<f64>, strs: &mut Vec<String>) {
            let id = |s: &str, strs: &mut Vec<String>| match strs.iter().position(|x| x == s) {
                Some(i) => i as f64,
                None => {
                    strs.push(s.to_string());
                    (strs.len() - 1) as f64
                }
            };
            match v {
                Value::Null => codes.push(NULL),
                Value::Bool(b) => codes.push(if *b { TRUE } else { FALSE }),
                // As `writeTape` writes them: a safe integer as a number, any other as its
                // string.
                Value::Number(n) if is_safe_integer(n) => {
                    codes.extend([NUMBER, n.as_f64().expect("number")]);
                }
                Value::Number(n) => {
                    let i = id(&n.to_string(), strs);
                    codes.extend([STRING, i]);
                }
                Value::String(s) => {
                    let i = id(s, strs);
                    codes.extend([STRING, i]);
                }
                Value::Array(a) => {
                    codes.extend([ARRAY, a.len() as f64]);
                    a.iter().for_each(|x| put(x, codes, strs));
                }
                Value::Object(o) => {
                    codes.extend([MAP, o.len() as f64]);
                    for (k, x) in o {
                        let i = id(k, strs);
                        codes.push(i);
                        put(x, codes, strs);
                    }
                }
            }
        }
        let (mut codes, mut strs) = (Vec::new(), Vec::new());
        put(v, &mut codes, &mut strs);
        let mut end = 0;
        let ends = strs
            .iter()
            .map(|s| {
                end += s.encode_utf16().count() as u32;
                end
            })
            .collect();
        (codes, strs.concat(), ends)
    }

    #[test]
    fn corpus_reports_come_back_in_from_a_js_tape() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).expect("tests/corpus") {
            let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
            let report = ogi_report::parse_bytes(&bytes);
            let (codes, text, ends) = js_tape(&serde_json::to_value(&report).expect("json"));
            let back: ogi_report::Report = read(&codes, &text, &ends).expect("read");
            assert_eq!(back, report);
            n += 1;
        }
        assert!(n >= 30, "{n} corpus files");
    }

    #[test]
    fn enums_options_and_numbers_come_back_in() {
        #[derive(Serialize, serde::Deserialize, PartialEq, Debug)]
        enum E {
            Unit,
            Newtype(u8),
            Tuple(i64, bool),
            Struct { a: Option<i32>, b: char },
        }
        let v = (
            vec![
                E::Unit,
                E::Newtype(7),
                E::Tuple(-3, true),
                E::Struct { a: None, b: '𠀀' },
            ],
            (Some(-15_i64), None::<u8>, u64::from(u32::MAX), -25_i16),
            std::collections::BTreeMap::from([("零".to_string(), 0_i8)]),
        );
        let (codes, text, ends) = js_tape(&serde_json::to_value(&v).expect("json"));
        type Back = (
            Vec<E>,
            (Option<i64>, Option<u8>, u64, i16),
            std::collections::BTreeMap<String, i8>,
        );
        let back: Back = read(&codes, &text, &ends).expect("read");
        assert_eq!(back, v);
        // A number with a fraction comes as its string: a cell's value reads it as the decimal
        // serde_json reads from the float; an integer field refuses it, as serde_json does,
        // naming it as serde does.
        let (codes, text, ends) = js_tape(&serde_json::json!(-0.25));
        assert_eq!(
            read::<ogi_report::Number>(&codes, &text, &ends).map_err(|e| e.0),
            Ok(serde_json::from_str::<ogi_report::Number>("-0.25").expect("json"))
        );
        assert_eq!(
            read::<u8>(&codes, &text, &ends).map_err(|e| e.0),
            Err(String::from("invalid type: string \"-0.25\", expected u8"))
        );
        // A fraction on a tape written otherwise is refused, and is no float for serde.
        assert!(read::<Value>(&[NUMBER, 1.5], "", &[])
            .err()
            .is_some_and(|e| e.0.contains("not a safe integer")));
        // serde's messages without its float formatting.
        assert_eq!(
            read::<bool>(&[NUMBER, 3.0], "", &[]).map_err(|e| e.0),
            Err(String::from(
                "invalid type: integer `3`, expected a boolean"
            ))
        );
        assert_eq!(
            read::<E>(&[STRING, 0.0], "Other", &[5]).map_err(|e| e.0),
            Err(String::from(
                "unknown variant `Other`, expected one of `Unit`, `Newtype`, `Tuple`, `Struct`"
            ))
        );
    }

    #[test]
    fn a_report_with_a_missing_field_is_refused_by_name() {
        let refusal = |v: Value| {
            let (codes, text, ends) = js_tape(&v);
            read::<ogi_report::Report>(&codes, &text, &ends)
                .expect_err("not a report")
                .to_string()
        };
        assert_eq!(
            refusal(serde_json::json!({ "meta": 1 })),
            "invalid type: integer `1`, expected struct Meta"
        );
        assert_eq!(refusal(serde_json::json!({})), "missing field `meta`");
    }

    #[test]
    fn corrupt_tapes_are_errors() {
        let text = "ab";
        for codes in [
            &[][..],
            &[9.0],
            &[NUMBER],
            &[STRING, 5.0],
            &[STRING, 0.5],
            &[ARRAY, 3.0, NULL],
            &[ARRAY, -1.0],
            &[ARRAY, f64::NAN],
            &[MAP, 1.0, 0.0],
            &[NULL, NULL],
        ] {
            assert!(read::<Value>(codes, text, &[1, 2]).is_err(), "{codes:?}");
        }
        assert!(
            read::<Value>(&[STRING, 0.0], text, &[3]).is_err(),
            "an end past the text"
        );
        let deep: Vec<f64> = std::iter::repeat_n([ARRAY, 1.0], 300)
            .flatten()
            .chain([NULL])
            .collect();
        assert!(read::<Value>(&deep, "", &[])
            .err()
            .is_some_and(|e| e.0.contains("deeper")));
    }

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(Value::from),
            (-1e15..1e15_f64).prop_map(Value::from),
            any::<String>().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..8)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_value_reads_back(v in json()) {
            let (got, want) = round_trip(&v);
            prop_assert!(same(&got, &want), "{} vs {}", got, want);
        }

        #[test]
        fn any_json_value_comes_back_in(v in json()) {
            let (codes, text, ends) = js_tape(&v);
            let back: Value = read(&codes, &text, &ends).expect("read");
            let want = as_written(&v);
            prop_assert!(same(&back, &want), "{} vs {}", back, want);
        }

        #[test]
        fn any_tape_reads_or_fails_without_panicking(
            codes in prop::collection::vec(prop_oneof![0.0..8.0_f64, (0..8_u8).prop_map(f64::from)], 0..40),
            ends in prop::collection::vec(0..6_u32, 0..4),
        ) {
            let _ = read::<Value>(&codes, "a𠀀b", &ends);
        }
    }

    proptest! {
        #[test]
        fn same_bytes_is_slice_equality(
            a in prop::collection::vec(any::<u8>(), 0..40),
            change in prop::option::of((any::<prop::sample::Index>(), any::<u8>())),
            cut in prop::option::of(any::<prop::sample::Index>()),
        ) {
            let mut b = a.clone();
            if let (Some((at, byte)), false) = (change, b.is_empty()) {
                let at = at.index(b.len());
                b[at] = byte;
            }
            if let (Some(at), false) = (cut, b.is_empty()) {
                b.truncate(at.index(b.len()));
            }
            prop_assert_eq!(same_bytes(&a, &b), a == b);
            prop_assert!(same_bytes(&a, &a));
        }
    }
}
