//! ISO base media boxes read from a byte slice, bounds-checked: a malformed size or a table
//! that claims more entries than its box holds is an error, never a panic.

/// A box's type and its payload (header removed).
#[derive(Debug)]
pub(crate) struct Mp4Box<'a> {
    pub(crate) kind: [u8; 4],
    pub(crate) payload: &'a [u8],
}

impl Mp4Box<'_> {
    pub(crate) fn is(&self, kind: &[u8; 4]) -> bool {
        &self.kind == kind
    }
}

/// The child boxes of a payload, in order.
pub(crate) fn children(data: &[u8]) -> Result<Vec<Mp4Box<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        if rest.len() < 8 {
            return Err(format!(
                "{} stray bytes where a box header should be",
                rest.len()
            ));
        }
        let mut r = Reader::new(rest);
        let size32 = r.u32()?;
        let kind = r.fourcc()?;
        let (header, size) = match size32 {
            0 => (8, rest.len() as u64),
            1 => (16, r.u64()?),
            n => (8, u64::from(n)),
        };
        if size < header as u64 || size > rest.len() as u64 {
            return Err(format!(
                "box '{}' claims {size} bytes but {} remain",
                fourcc_text(&kind),
                rest.len()
            ));
        }
        let size = size as usize;
        out.push(Mp4Box {
            kind,
            payload: rest.get(header..size).ok_or("box header past its end")?,
        });
        rest = rest.get(size..).unwrap_or_default();
    }
    Ok(out)
}

/// The first child of `kind`, if any.
pub(crate) fn child<'a>(data: &'a [u8], kind: &[u8; 4]) -> Result<Option<&'a [u8]>, String> {
    Ok(children(data)?
        .into_iter()
        .find(|b| b.is(kind))
        .map(|b| b.payload))
}

/// Like [`child`], but a missing box is an error naming it.
pub(crate) fn require<'a>(data: &'a [u8], kind: &[u8; 4]) -> Result<&'a [u8], String> {
    child(data, kind)?.ok_or_else(|| format!("missing '{}' box", fourcc_text(kind)))
}

/// Printable four-character code.
pub(crate) fn fourcc_text(kind: &[u8; 4]) -> String {
    kind.iter()
        .map(|&b| if b.is_ascii_graphic() { b as char } else { '?' })
        .collect()
}

/// A big-endian reader over a slice that reports running off the end.
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).ok_or("length overflow")?;
        let out = self.data.get(self.pos..end).ok_or_else(|| {
            format!(
                "needs {n} bytes at offset {}, box has {}",
                self.pos,
                self.data.len()
            )
        })?;
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn skip(&mut self, n: usize) -> Result<(), String> {
        self.bytes(n).map(|_| ())
    }

    pub(crate) fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    pub(crate) fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or_default()
    }

    pub(crate) fn u8(&mut self) -> Result<u8, String> {
        Ok(self.bytes(1)?[0])
    }

    pub(crate) fn u32(&mut self) -> Result<u32, String> {
        let b = self.bytes(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, String> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_be_bytes(a))
    }

    pub(crate) fn fourcc(&mut self) -> Result<[u8; 4], String> {
        let b = self.bytes(4)?;
        Ok([b[0], b[1], b[2], b[3]])
    }

    /// Version and flags of a full box.
    pub(crate) fn full_box(&mut self) -> Result<u8, String> {
        let v = self.u8()?;
        self.skip(3)?;
        Ok(v)
    }

    /// An entry count, refused when the box cannot hold that many entries of `entry_size`.
    pub(crate) fn count(&mut self, entry_size: usize) -> Result<usize, String> {
        let n = self.u32()? as usize;
        if n.saturating_mul(entry_size) > self.remaining() {
            return Err(format!(
                "table claims {n} entries of {entry_size} bytes but the box holds {}",
                self.remaining()
            ));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_payload_has_no_children() {
        assert!(children(&[]).unwrap().is_empty());
    }

    #[test]
    fn box_larger_than_its_parent_is_an_error() {
        let data = [0, 0, 0, 100, b'm', b'o', b'o', b'v', 0, 0];
        let err = children(&data).unwrap_err();
        assert!(err.contains("moov"), "{err}");
    }

    #[test]
    fn table_count_beyond_the_box_is_an_error() {
        let mut r = Reader::new(&[0, 0, 0, 9, 1, 2, 3, 4]);
        assert!(r.count(4).is_err());
    }

    #[test]
    fn size_zero_box_extends_to_the_end() {
        let data = [0, 0, 0, 0, b'm', b'd', b'a', b't', 7, 7, 7];
        let boxes = children(&data).unwrap();
        assert_eq!(boxes.len(), 1);
        assert_eq!(boxes[0].payload, &[7, 7, 7]);
    }
}
