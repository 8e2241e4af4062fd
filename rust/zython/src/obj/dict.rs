//! Insertion-ordered hash table used for dict, set, instance and module namespaces.
//!
//! Entries live in a dense vector in insertion order; a hashbrown index maps hashes to entry
//! positions once there are more than [`SMALL`] slots (smaller tables, like most instance and
//! keyword dicts, are searched linearly and spend no memory on an index). Deleted entries
//! become holes (NULL key) and are squeezed out when they pile up.
//! Key equality is supplied by the caller, because comparing keys may need the heap or even
//! Python code (`__eq__`), which this type knows nothing about.

use crate::value::Value;
use alloc::boxed::Box;
use alloc::vec::Vec;
use hashbrown::HashTable;

/// One key/value pair with the key's hash.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The key's Python hash.
    pub hash: u32,
    /// The key (NULL for a deleted entry).
    pub key: Value,
    /// The value.
    pub value: Value,
}

/// An ordered hash table of Values.
#[derive(Debug, Clone)]
pub struct Dict {
    entries: Vec<Entry>,
    /// The hash index: one table, present exactly when there are more than [`SMALL`] slots
    /// (boxed, so that a small dict, set or instance namespace does not carry its 32 bytes).
    index: Option<Box<[HashTable<u32>]>>,
    live: u32,
    /// Every key ever inserted was an interned name, so name lookups may compare by identity.
    all_qstr_keys: bool,
    /// A read-only table (MicroPython's fixed maps, e.g. `errno.errorcode`).
    pub fixed: bool,
}

impl Default for Dict {
    fn default() -> Self {
        Dict {
            entries: Vec::new(),
            index: None,
            live: 0,
            all_qstr_keys: true,
            fixed: false,
        }
    }
}

/// Tables with at most this many slots have no hash index.
const SMALL: usize = 8;

/// Failed to grow: the caller raises MemoryError.
#[derive(Debug, Clone, Copy)]
pub struct NoMemory;

impl Dict {
    /// An empty table.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// Number of live entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.live as usize
    }

    /// No live entries?
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Position of the entry whose key has `hash` and satisfies `eq`.
    #[inline]
    pub fn find(&self, hash: u32, mut eq: impl FnMut(Value) -> bool) -> Option<usize> {
        let entries = &self.entries;
        let Some([index]) = self.index.as_deref() else {
            return entries
                .iter()
                .position(|e| e.hash == hash && !e.key.is_null() && eq(e.key));
        };
        index
            .find(hash as u64, |&i| {
                let e = &entries[i as usize];
                e.hash == hash && !e.key.is_null() && eq(e.key)
            })
            .map(|&i| i as usize)
    }

    /// Fast lookup for keys compared by identity (interned names, small ints).
    #[inline]
    pub fn find_identical(&self, hash: u32, key: Value) -> Option<usize> {
        self.find(hash, |k| k == key)
    }

    /// Positions of every live entry with this hash (for keys that need Python equality).
    pub fn candidates(&self, hash: u32) -> Vec<usize> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.hash == hash && !e.key.is_null())
            .map(|(i, _)| i)
            .collect()
    }

    /// The entry at `pos` (live or a hole).
    #[inline]
    pub fn entry(&self, pos: usize) -> Option<&Entry> {
        self.entries.get(pos)
    }

    /// Replace the value of the entry at `pos`.
    #[inline]
    pub fn set_value_at(&mut self, pos: usize, value: Value) {
        if let Some(e) = self.entries.get_mut(pos) {
            e.value = value;
        }
    }

    /// Make room for `additional` more entries at once (exactly, where growth would double).
    pub fn reserve(&mut self, additional: usize) -> Result<(), NoMemory> {
        self.entries
            .try_reserve_exact(additional)
            .map_err(|_| NoMemory)?;
        if self.entries.len() + additional <= SMALL {
            return Ok(());
        }
        let entries = &self.entries;
        Self::index_of(&mut self.index)?
            .try_reserve(additional, |&i| entries[i as usize].hash as u64)
            .map_err(|_| NoMemory)
    }

    /// The hash index, made (empty) if there is none yet.
    fn index_of(
        index: &mut Option<Box<[HashTable<u32>]>>,
    ) -> Result<&mut HashTable<u32>, NoMemory> {
        if index.is_none() {
            let mut one = Vec::new();
            one.try_reserve_exact(1).map_err(|_| NoMemory)?;
            one.push(HashTable::new());
            *index = Some(one.into_boxed_slice());
        }
        match index.as_deref_mut() {
            Some([t]) => Ok(t),
            _ => Err(NoMemory),
        }
    }

    /// Append a key known to be absent.
    pub fn push_new(&mut self, hash: u32, key: Value, value: Value) -> Result<(), NoMemory> {
        if !key.is_qstr() {
            self.all_qstr_keys = false;
        }
        if self.entries.len() >= 16 && self.len() * 2 < self.entries.len() {
            self.compact();
        }
        let pos = self.entries.len();
        if pos == self.entries.capacity() {
            // Double, but start at 2 (not Vec's 4): most instance dicts hold one or two names.
            self.entries
                .try_reserve_exact(pos.max(2))
                .map_err(|_| NoMemory)?;
        }
        if pos >= SMALL {
            let entries = &self.entries;
            let need = if pos == SMALL { SMALL + 1 } else { 1 };
            Self::index_of(&mut self.index)?
                .try_reserve(need, |&i| entries[i as usize].hash as u64)
                .map_err(|_| NoMemory)?;
        }
        self.entries.push(Entry { hash, key, value });
        self.live += 1;
        if pos == SMALL {
            // Just outgrew the linear search: index every slot.
            self.rebuild_index();
        } else if let Some([index]) = self.index.as_deref_mut() {
            let entries = &self.entries;
            index.insert_unique(hash as u64, pos as u32, |&i| {
                entries[i as usize].hash as u64
            });
        }
        Ok(())
    }

    /// Remove the entry at `pos`, returning it.
    pub fn remove_at(&mut self, pos: usize) -> Option<Entry> {
        let e = *self.entries.get(pos)?;
        if e.key.is_null() {
            return None;
        }
        if let Some([index]) = self.index.as_deref_mut() {
            if let Ok(slot) = index.find_entry(e.hash as u64, |&i| i as usize == pos) {
                slot.remove();
            }
        }
        self.entries[pos].key = Value::NULL;
        self.entries[pos].value = Value::NULL;
        self.live -= 1;
        if self.live == 0 {
            self.clear();
        }
        Some(e)
    }

    /// Remove everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index = None;
        self.live = 0;
        self.all_qstr_keys = true;
    }

    /// Remove and return the last inserted live entry.
    pub fn pop_last(&mut self) -> Option<Entry> {
        let pos = self.entries.iter().rposition(|e| !e.key.is_null())?;
        self.remove_at(pos)
    }

    fn compact(&mut self) {
        self.entries.retain(|e| !e.key.is_null());
        self.rebuild_index();
    }

    /// Index every slot (or drop the index of a table small enough to search linearly).
    fn rebuild_index(&mut self) {
        if self.entries.len() <= SMALL {
            self.index = None;
            return;
        }
        // Here the table exists: it was made (and reserved) before the entries outgrew SMALL.
        let Some([index]) = self.index.as_deref_mut() else {
            return;
        };
        index.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let entries = &self.entries;
            index.insert_unique(e.hash as u64, i as u32, |&j| {
                entries[j as usize].hash as u64
            });
        }
    }

    /// True when all keys are interned names: a name is then found by identity alone.
    #[inline]
    pub fn all_qstr_keys(&self) -> bool {
        self.all_qstr_keys
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.key.is_null())
    }

    /// Raw slot count (live entries and holes), for iteration by position.
    #[inline]
    pub fn slots(&self) -> usize {
        self.entries.len()
    }

    /// The first live entry at or after `pos`, with its position (for iterators).
    pub fn next_from(&self, mut pos: usize) -> Option<(usize, Entry)> {
        while let Some(e) = self.entries.get(pos) {
            if !e.key.is_null() {
                return Some((pos, *e));
            }
            pos += 1;
        }
        None
    }

    /// Every key and value, for the collector.
    pub fn trace(&self, out: &mut impl FnMut(Value)) {
        for e in &self.entries {
            out(e.key);
            out(e.value);
        }
    }

    /// Approximate bytes owned.
    pub fn bytes(&self) -> usize {
        let index = match self.index.as_deref() {
            Some([t]) => t.capacity() * 5 + core::mem::size_of::<HashTable<u32>>(),
            _ => 0,
        };
        self.entries.capacity() * core::mem::size_of::<Entry>() + index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_find_remove_order() {
        let mut d = Dict::new();
        for i in 0..100 {
            let k = Value::small_int(i);
            assert!(d.find_identical(i as u32 % 7, k).is_none());
            d.push_new(i as u32 % 7, k, Value::small_int(i * 2))
                .unwrap();
        }
        assert_eq!(d.len(), 100);
        for i in (0..100).step_by(2) {
            let p = d.find_identical(i as u32 % 7, Value::small_int(i)).unwrap();
            d.remove_at(p).unwrap();
        }
        assert_eq!(d.len(), 50);
        d.push_new(1, Value::small_int(1000), Value::NONE).unwrap();
        let keys: Vec<isize> = d.iter().map(|e| e.key.small_int_value()).collect();
        assert_eq!(keys[0], 1);
        assert_eq!(keys[49], 99);
        assert_eq!(keys[50], 1000);
        let p = d.find_identical(99 % 7, Value::small_int(99)).unwrap();
        assert_eq!(d.entry(p).unwrap().value, Value::small_int(198));
        assert_eq!(d.pop_last().unwrap().key, Value::small_int(1000));
    }

    /// Growing past SMALL builds the index; removals and compaction back to a small table keep
    /// every key findable, whichever way it is searched.
    #[test]
    fn small_and_indexed_tables_agree() {
        for n in [1usize, SMALL - 1, SMALL, SMALL + 1, 40] {
            let mut d = Dict::new();
            for i in 0..n {
                d.push_new(i as u32 * 31, Value::small_int(i as isize), Value::NONE)
                    .unwrap();
            }
            for i in 0..n {
                let k = Value::small_int(i as isize);
                assert_eq!(d.find_identical(i as u32 * 31, k), Some(i), "n={n} i={i}");
            }
            // Remove most keys: with 16+ slots the table compacts and may become small again.
            for i in 0..n.saturating_sub(2) {
                let p = d
                    .find_identical(i as u32 * 31, Value::small_int(i as isize))
                    .unwrap();
                d.remove_at(p).unwrap();
            }
            for i in n.saturating_sub(2)..n {
                let k = Value::small_int(i as isize);
                assert!(
                    d.find_identical(i as u32 * 31, k).is_some(),
                    "n={n} kept {i}"
                );
            }
            // Refill past SMALL again after compaction.
            for i in 100..120 {
                d.push_new(i as u32 * 31, Value::small_int(i as isize), Value::NONE)
                    .unwrap();
            }
            assert!(d.find_identical(119 * 31, Value::small_int(119)).is_some());
            assert_eq!(d.find_identical(0, Value::small_int(0)).is_none(), n > 2);
        }
    }
}
