//! Row-to-record mapping shared by both SQLite read paths: sqlx's async pools and the inline
//! reader. One mapping per record type, whichever driver produced the row.

use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use uuid::Uuid;

use super::map_err;
use crate::{JobRecord, JobStatus, StoreError, StoreResult, UploadRecord};

/// The column reads a mapping needs. SQLite stores every id and document as TEXT and every
/// number and flag as INTEGER, so two accessors cover the schema.
pub(super) trait Columns {
    fn text(&self, col: &str) -> StoreResult<Option<String>>;
    fn int(&self, col: &str) -> StoreResult<Option<i64>>;
}

impl Columns for SqliteRow {
    fn text(&self, col: &str) -> StoreResult<Option<String>> {
        self.try_get(col).map_err(map_err)
    }
    fn int(&self, col: &str) -> StoreResult<Option<i64>> {
        self.try_get(col).map_err(map_err)
    }
}

impl Columns for rusqlite::Row<'_> {
    fn text(&self, col: &str) -> StoreResult<Option<String>> {
        self.get(col)
            .map_err(|e| StoreError::Internal(format!("column {col}: {e}")))
    }
    fn int(&self, col: &str) -> StoreResult<Option<i64>> {
        self.get(col)
            .map_err(|e| StoreError::Internal(format!("column {col}: {e}")))
    }
}

fn missing(col: &str) -> StoreError {
    StoreError::Internal(format!("unexpected NULL in {col}"))
}

pub(super) fn text_col(row: &impl Columns, col: &str) -> StoreResult<String> {
    row.text(col)?.ok_or_else(|| missing(col))
}

pub(super) fn int_col(row: &impl Columns, col: &str) -> StoreResult<i64> {
    row.int(col)?.ok_or_else(|| missing(col))
}

pub(super) fn uuid_col(row: &impl Columns, col: &str) -> StoreResult<Uuid> {
    let s = text_col(row, col)?;
    Uuid::parse_str(&s).map_err(|e| StoreError::Internal(format!("bad uuid in {col}: {e}")))
}

pub(super) fn json_col(row: &impl Columns, col: &str) -> StoreResult<Option<serde_json::Value>> {
    row.text(col)?
        .map(|s| {
            serde_json::from_str(&s)
                .map_err(|e| StoreError::Internal(format!("bad json in {col}: {e}")))
        })
        .transpose()
}

pub(super) fn status_col(row: &impl Columns) -> StoreResult<JobStatus> {
    let s = text_col(row, "status")?;
    JobStatus::parse(&s).ok_or_else(|| StoreError::Internal(format!("bad status {s}")))
}

pub(super) fn job_from_row(row: &impl Columns) -> StoreResult<JobRecord> {
    Ok(JobRecord {
        id: uuid_col(row, "id")?,
        team_id: uuid_col(row, "team_id")?,
        user_id: uuid_col(row, "user_id")?,
        model: text_col(row, "model")?,
        status: status_col(row)?,
        progress: int_col(row, "progress")?,
        input: json_col(row, "input")?.unwrap_or(serde_json::Value::Null),
        result: json_col(row, "result")?,
        error: row.text("error")?,
        credit_cost: int_col(row, "credit_cost")?,
        refunded: int_col(row, "refunded")? != 0,
        webhook_status: row.text("webhook_status")?,
        attempt: int_col(row, "attempt")?,
        created_at: int_col(row, "created_at")?,
        completed_at: row.int("completed_at")?,
        expired: int_col(row, "expired")? != 0,
    })
}

pub(super) fn upload_from_row(row: &impl Columns) -> StoreResult<UploadRecord> {
    Ok(UploadRecord {
        id: uuid_col(row, "id")?,
        team_id: uuid_col(row, "team_id")?,
        kind: text_col(row, "kind")?,
        content_type: text_col(row, "content_type")?,
        byte_size: int_col(row, "byte_size")?,
        blob_key: text_col(row, "blob_key")?,
        probe: json_col(row, "probe")?,
        expires_at: int_col(row, "expires_at")?,
        deleted: row.int("deleted_at")?.is_some(),
    })
}
