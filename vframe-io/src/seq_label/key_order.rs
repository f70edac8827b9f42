//! The order of an object's keys, kept compactly.

/// The slot meaning "the next unknown key" in a [`KeyOrder`].
pub(crate) const UNKNOWN: u8 = 15;

/// The order in which an object's keys appeared, so writing reproduces it.
///
/// Each key is a small slot number (its known key, or "the next unknown key"); up to 16
/// keys pack into one `u64`, so Ground Truth's objects (4 to 8 keys) cost no allocation.
/// The default, empty order means Ground Truth's own order: the writer writes every
/// present key that the order does not mention in that canonical order, unknown keys last.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyOrder(Repr);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repr {
    Packed { code: u64, len: u8 },
    Long(Box<[u8]>),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Packed { code: 0, len: 0 }
    }
}

impl KeyOrder {
    /// Ground Truth's canonical order (nothing recorded).
    pub fn canonical() -> Self {
        Self::default()
    }

    /// Whether nothing is recorded (canonical order).
    pub fn is_canonical(&self) -> bool {
        matches!(self.0, Repr::Packed { len: 0, .. })
    }

    pub(crate) fn push(&mut self, slot: u8) {
        debug_assert!((1..=UNKNOWN).contains(&slot));
        match &mut self.0 {
            Repr::Packed { code, len } if *len < 16 => {
                *code |= u64::from(slot & 0xf) << (4 * u32::from(*len));
                *len += 1;
            }
            Repr::Packed { .. } => {
                let mut all: Vec<u8> = self.slots().collect();
                all.push(slot);
                self.0 = Repr::Long(all.into_boxed_slice());
            }
            Repr::Long(slots) => {
                let mut all = std::mem::take(slots).into_vec();
                all.push(slot);
                *slots = all.into_boxed_slice();
            }
        }
    }

    pub(crate) fn slots(&self) -> impl Iterator<Item = u8> + '_ {
        let (code, len, long): (u64, usize, &[u8]) = match &self.0 {
            Repr::Packed { code, len } => (*code, usize::from(*len), &[]),
            Repr::Long(slots) => (0, 0, slots),
        };
        (0..len)
            .map(move |i| ((code >> (4 * i)) & 0xf) as u8)
            .chain(long.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_order_is_canonical() {
        assert!(KeyOrder::default().is_canonical());
        assert_eq!(KeyOrder::default().slots().count(), 0);
    }

    #[test]
    fn more_than_sixteen_keys_spill_to_the_heap_in_order() {
        let mut o = KeyOrder::default();
        let want: Vec<u8> = (0..40).map(|i| (i % 15) + 1).collect();
        for &s in &want {
            o.push(s);
        }
        assert_eq!(o.slots().collect::<Vec<_>>(), want);
    }
}
