//! The `wan-2.7-videoedit` engine: prompt compiler, edit operations and subject masks.
