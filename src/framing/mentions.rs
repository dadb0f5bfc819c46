//! Dates and names a sentence mentions.
