//! Inline reads: hot single-row lookups run on the calling thread through rusqlite instead
//! of through sqlx's pool.
//!
//! sqlx runs every SQLite connection on its own OS thread; a query crosses to that thread
//! and its rows and completion come back, about five context switches per query. For a
//! primary-key lookup the switches cost ~80 µs of CPU on a busy 2-core box against ~10 µs
//! of SQLite work, which capped `GET /v2/jobs/{id}` below 17k/s (docs/benchmarks.md).
//! Running the lookup inline blocks a runtime worker for those microseconds, which is
//! cheaper than the hand-offs. Only indexed single-row reads belong here: anything that
//! scans stays on the async pool.
//!
//! WAL readers never wait for the writer. The busy timeout covers the rare moments they do
//! (another process recovering or resetting the WAL), so a read waits rather than fails.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::{StoreError, StoreResult};

/// Idle connections kept for reuse; more may be open at once under a burst, and the
/// surplus is closed when handed back.
const MAX_IDLE: usize = 8;

pub(super) struct InlineReader {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

fn map_err(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy
                    | rusqlite::ErrorCode::DatabaseLocked
                    | rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::CannotOpen
            ) =>
        {
            StoreError::Unavailable(e.to_string())
        }
        _ => StoreError::Internal(e.to_string()),
    }
}

impl InlineReader {
    /// A reader for the database file at `path`, which the caller has already created and
    /// migrated. Opens its first connection now so a bad path fails at start-up.
    pub(super) fn open(path: PathBuf) -> StoreResult<Self> {
        let reader = InlineReader {
            path,
            idle: Mutex::new(Vec::new()),
        };
        let first = reader.connect()?;
        reader.idle.lock().expect("inline reader lock").push(first);
        Ok(reader)
    }

    fn connect(&self) -> StoreResult<Connection> {
        // Read-write open with query_only: a read-only open of a WAL database fails when
        // the -shm file has to be created, while query_only refuses writes just the same.
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(map_err)?;
        conn.busy_timeout(Duration::from_secs(2)).map_err(map_err)?;
        conn.pragma_update(None, "query_only", true)
            .map_err(map_err)?;
        Ok(conn)
    }

    /// Runs `sql` with `params` and maps the first row, if any.
    pub(super) fn one<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnOnce(&rusqlite::Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        let pooled = self.idle.lock().expect("inline reader lock").pop();
        let conn = match pooled {
            Some(c) => c,
            None => self.connect()?,
        };
        let outcome = (|| {
            let mut stmt = conn.prepare_cached(sql).map_err(map_err)?;
            let mut mapped = None;
            // The closure's error type must be rusqlite's; a mapping error is carried out
            // beside it.
            let found = stmt
                .query_row(params, |row| {
                    mapped = Some(map(row));
                    Ok(())
                })
                .optional()
                .map_err(map_err)?;
            match (found, mapped) {
                (Some(()), Some(record)) => record.map(Some),
                _ => Ok(None),
            }
        })();
        let mut idle = self.idle.lock().expect("inline reader lock");
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
        outcome
    }
}
