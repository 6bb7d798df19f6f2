//! Just enough of the FlatBuffers wire format to walk a TFLite model: tables found through
//! their vtables, scalars, vectors and strings, every read bounds-checked (a model file is
//! input, and a truncated or hostile one must give an error, not a panic).

use crate::Error;

#[derive(Clone, Copy)]
pub struct Table<'a> {
    buf: &'a [u8],
    pos: usize,
}

fn read<const N: usize>(buf: &[u8], at: usize) -> Result<[u8; N], Error> {
    buf.get(at..at + N)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| Error::Malformed(format!("read of {N} bytes at {at} is out of bounds")))
}

fn u32_at(buf: &[u8], at: usize) -> Result<u32, Error> {
    read::<4>(buf, at).map(u32::from_le_bytes)
}

impl<'a> Table<'a> {
    /// The buffer's root table.
    pub fn root(buf: &'a [u8]) -> Result<Self, Error> {
        let pos = u32_at(buf, 0)? as usize;
        Self::at(buf, pos)
    }

    fn at(buf: &'a [u8], pos: usize) -> Result<Self, Error> {
        // The vtable's position is the table's minus a signed offset stored at its start.
        let back = i32::from_le_bytes(read::<4>(buf, pos)?);
        let vtable = pos as i64 - i64::from(back);
        if vtable < 0 || vtable as usize >= buf.len() {
            return Err(Error::Malformed(format!("table at {pos} has no vtable")));
        }
        Ok(Self { buf, pos })
    }

    /// Where field `index` sits, if present.
    fn field(&self, index: usize) -> Result<Option<usize>, Error> {
        let back = i32::from_le_bytes(read::<4>(self.buf, self.pos)?);
        let vtable = (self.pos as i64 - i64::from(back)) as usize;
        let size = u16::from_le_bytes(read::<2>(self.buf, vtable)?) as usize;
        let entry = 4 + 2 * index;
        if entry + 2 > size {
            return Ok(None);
        }
        let offset = u16::from_le_bytes(read::<2>(self.buf, vtable + entry)?) as usize;
        Ok((offset != 0).then_some(self.pos + offset))
    }

    /// Where the object that field `index` refers to starts (tables, vectors, strings).
    fn target(&self, index: usize) -> Result<Option<usize>, Error> {
        match self.field(index)? {
            Some(at) => Ok(Some(at + u32_at(self.buf, at)? as usize)),
            None => Ok(None),
        }
    }

    pub fn u8(&self, index: usize, default: u8) -> Result<u8, Error> {
        Ok(match self.field(index)? {
            Some(at) => read::<1>(self.buf, at)?[0],
            None => default,
        })
    }

    pub fn i32(&self, index: usize, default: i32) -> Result<i32, Error> {
        Ok(match self.field(index)? {
            Some(at) => i32::from_le_bytes(read::<4>(self.buf, at)?),
            None => default,
        })
    }

    pub fn bool(&self, index: usize) -> Result<bool, Error> {
        Ok(self.u8(index, 0)? != 0)
    }

    pub fn table(&self, index: usize) -> Result<Option<Table<'a>>, Error> {
        match self.target(index)? {
            Some(at) => Ok(Some(Table::at(self.buf, at)?)),
            None => Ok(None),
        }
    }

    /// A vector's length and where its first element is.
    fn vector(&self, index: usize) -> Result<Option<(usize, usize)>, Error> {
        match self.target(index)? {
            Some(at) => Ok(Some((u32_at(self.buf, at)? as usize, at + 4))),
            None => Ok(None),
        }
    }

    pub fn bytes(&self, index: usize) -> Result<&'a [u8], Error> {
        match self.vector(index)? {
            Some((len, start)) => self
                .buf
                .get(start..start + len)
                .ok_or_else(|| Error::Malformed(format!("byte vector at {start} overruns"))),
            None => Ok(&[]),
        }
    }

    pub fn string(&self, index: usize) -> Result<String, Error> {
        Ok(String::from_utf8_lossy(self.bytes(index)?).into_owned())
    }

    pub fn i32s(&self, index: usize) -> Result<Vec<i32>, Error> {
        let Some((len, start)) = self.vector(index)? else {
            return Ok(Vec::new());
        };
        (0..len)
            .map(|i| read::<4>(self.buf, start + 4 * i).map(i32::from_le_bytes))
            .collect()
    }

    pub fn tables(&self, index: usize) -> Result<Vec<Table<'a>>, Error> {
        let Some((len, start)) = self.vector(index)? else {
            return Ok(Vec::new());
        };
        (0..len)
            .map(|i| {
                let at = start + 4 * i;
                Table::at(self.buf, at + u32_at(self.buf, at)? as usize)
            })
            .collect()
    }
}
