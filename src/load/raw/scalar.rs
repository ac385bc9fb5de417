//! Load stage: what the schemas say about single values that the loader reads as text. YAML
//! gives `2025` or `1984` as numbers, and the loader takes any scalar as text, so the schemas
//! accept numbers wherever text goes; these marker types carry that (and the date and id
//! rules) into the generated schemas.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// Text: a string (a number is read as its digits).
pub struct Text;

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number"] })
    }
}

/// A date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, `~` after it for approximate, `A/B` a range.
pub struct Date;

/// The shape of a date (the calendar itself is checked by `brief check`).
pub const DATE_PATTERN: &str = r"^\s*\d{4}(-\d{2}(-\d{2})?)?~?(/\d{4}(-\d{2}(-\d{2})?)?~?)?\s*$";

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "YYYY, YYYY-MM or YYYY-MM-DD; `~` right after a date marks it approximate (`2005-12~`); `A/B` is a range, either end may carry `~` (`2005-10~/2005-12~`).",
            "type": ["string", "integer"],
            "pattern": DATE_PATTERN,
            "examples": ["2025-02-12", "2025-02", "2025-02~", "2025-02-14/2025-02-16"]
        })
    }
}

/// An id: a-z, 0-9 and `-`, not at either end.
pub struct Id;

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An id: a-z, 0-9 and `-` (not at either end), e.g. `talks-begin`.",
            "type": ["string", "integer"],
            "pattern": r"^\s*[a-z0-9]([a-z0-9-]*[a-z0-9])?\s*$"
        })
    }
}
