//! One Parquet file per table, written with the parquet crate's low-level column writer (no Arrow):
//! strings as `BYTE_ARRAY (STRING)`, integers as `INT64`, booleans as `BOOLEAN`, every column
//! `OPTIONAL`, uncompressed. Rows are buffered and written in row groups of [`ROW_GROUP_ROWS`].

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::tables::{Kind, TableDef, Value};
use crate::{ExportError, create};

/// Rows per row group: large enough for efficient reading, small enough to bound memory.
const ROW_GROUP_ROWS: usize = 20_000;

pub(crate) struct TableWriter {
    table: TableDef,
    path: PathBuf,
    writer: SerializedFileWriter<BufWriter<File>>,
    buffered: Vec<Vec<Value>>,
}

fn parquet_error(path: &Path) -> impl FnOnce(parquet::errors::ParquetError) -> ExportError + '_ {
    move |source| ExportError::Parquet {
        path: path.to_path_buf(),
        source,
    }
}

/// The Parquet message type of a table.
pub fn message_type(table: &TableDef) -> String {
    let mut out = format!("message {} {{\n", table.name);
    for c in table.columns {
        let ty = match c.kind {
            Kind::Str => "BYTE_ARRAY",
            Kind::Int => "INT64",
            Kind::Bool => "BOOLEAN",
        };
        let annotation = if c.kind == Kind::Str { " (STRING)" } else { "" };
        out.push_str(&format!("  OPTIONAL {ty} {}{annotation};\n", c.name));
    }
    out.push('}');
    out
}

impl TableWriter {
    pub fn create(dir: &Path, table: &TableDef) -> Result<TableWriter, ExportError> {
        let path = dir.join(format!("{}.parquet", table.name));
        let schema = parse_message_type(&message_type(table)).map_err(parquet_error(&path))?;
        let props = WriterProperties::builder()
            .set_created_by(concat!("verbatim ", env!("CARGO_PKG_VERSION")).to_owned())
            .build();
        let file = create(&path)?;
        let writer = SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props))
            .map_err(parquet_error(&path))?;
        Ok(TableWriter {
            table: *table,
            path,
            writer,
            buffered: Vec::new(),
        })
    }

    pub fn push(&mut self, rows: Vec<Vec<Value>>) -> Result<(), ExportError> {
        self.buffered.extend(rows);
        if self.buffered.len() >= ROW_GROUP_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        if self.buffered.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.buffered);
        let path = self.path.clone();
        let mut group = self.writer.next_row_group().map_err(parquet_error(&path))?;
        let mut index = 0;
        while let Some(mut column) = group.next_column().map_err(parquet_error(&path))? {
            let kind = self.table.columns[index].kind;
            let def_levels: Vec<i16> = rows
                .iter()
                .map(|r| i16::from(r[index] != Value::Null))
                .collect();
            match kind {
                Kind::Str => {
                    let values: Vec<ByteArray> = rows
                        .iter()
                        .filter_map(|r| match &r[index] {
                            Value::Str(s) => Some(ByteArray::from(s.as_bytes().to_vec())),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, Some(&def_levels), None)
                        .map_err(parquet_error(&path))?;
                }
                Kind::Int => {
                    let values: Vec<i64> = rows
                        .iter()
                        .filter_map(|r| match r[index] {
                            Value::Int(n) => Some(n),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<Int64Type>()
                        .write_batch(&values, Some(&def_levels), None)
                        .map_err(parquet_error(&path))?;
                }
                Kind::Bool => {
                    let values: Vec<bool> = rows
                        .iter()
                        .filter_map(|r| match r[index] {
                            Value::Bool(b) => Some(b),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<BoolType>()
                        .write_batch(&values, Some(&def_levels), None)
                        .map_err(parquet_error(&path))?;
                }
            }
            column.close().map_err(parquet_error(&path))?;
            index += 1;
        }
        group.close().map_err(parquet_error(&path))?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), ExportError> {
        self.flush()?;
        let path = self.path.clone();
        self.writer.close().map_err(parquet_error(&path))?;
        Ok(())
    }
}
