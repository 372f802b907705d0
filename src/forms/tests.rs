//! Unit tests of `forms` (the round trip through other programs is in tests/forms_roundtrip.rs).
