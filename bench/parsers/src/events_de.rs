//! A prototype, not a product: a serde `Deserializer` driven by yaml-rust2's event stream (the parser `practice`
//! already uses for spans and hazards), to measure what replacing serde_yaml by it could gain. It keeps what the
//! diagnostics need: errors carry the line and column of the node (yaml-rust2 markers), key paths come from
//! serde_path_to_error as today, duplicate keys are refused by the targets (`deny_unknown_fields` structs refuse a
//! repeated field, `unique_keys` a repeated map key), and aliases are replayed with a budget like serde_yaml's
//! (at most 100 jumps per event of the document), beside the tool's own `yaml_hazards` size limit.
//! Plain scalars are resolved with the YAML 1.2 core schema (null, booleans, integers, floats), as serde_yaml does.
//! Not covered (the tool refuses or never needs them): tags, multiple documents, complex keys, enums.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

#[derive(Debug)]
pub struct Error {
    pub message: String,
    /// 1-based line and column.
    pub location: Option<(usize, usize)>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.location {
            Some((l, c)) => write!(f, "{} at line {l} column {c}", self.message),
            None => f.write_str(&self.message),
        }
    }
}
impl std::error::Error for Error {}
impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error { message: msg.to_string(), location: None }
    }
}

struct Doc {
    events: Vec<(Event, (usize, usize))>,
    /// Anchor id → index of the anchored node's first event.
    anchors: HashMap<usize, usize>,
    jumps: Cell<usize>,
}

/// Parse `text` (one document) into `T`.
pub fn from_str<T: de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    with_deserializer(text, |de| T::deserialize(de))
}

/// Run `f` on a deserializer for `text` (so serde_path_to_error can wrap it).
pub fn with_deserializer<R>(text: &str, f: impl FnOnce(&mut De<'_>) -> Result<R, Error>) -> Result<R, Error> {
    let mut parser = Parser::new_from_str(text);
    let mut events = Vec::new();
    let mut anchors = HashMap::new();
    loop {
        let (event, marker) = parser.next_token().map_err(|e| Error {
            message: e.info().to_string(),
            location: Some((e.marker().line(), e.marker().col() + 1)),
        })?;
        let at = (marker.line(), marker.col() + 1);
        match &event {
            Event::StreamEnd => break,
            Event::StreamStart | Event::DocumentStart | Event::DocumentEnd | Event::Nothing => continue,
            Event::Scalar(_, _, anchor, _) | Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _)
                if *anchor > 0 =>
            {
                anchors.insert(*anchor, events.len());
            }
            _ => {}
        }
        events.push((event, at));
    }
    if events.is_empty() {
        events.push((Event::MappingStart(0, None), (1, 1)));
        events.push((Event::MappingEnd, (1, 1)));
    }
    let doc = Doc { events, anchors, jumps: Cell::new(0) };
    let mut de = De { doc: &doc, pos: 0 };
    f(&mut de)
}

pub struct De<'d> {
    doc: &'d Doc,
    pos: usize,
}

impl<'d> De<'d> {
    fn peek(&self) -> Result<&'d (Event, (usize, usize)), Error> {
        self.doc.events.get(self.pos).ok_or_else(|| Error { message: "unexpected end of document".into(), location: None })
    }
    fn error(&self, message: impl Into<String>) -> Error {
        Error { message: message.into(), location: self.doc.events.get(self.pos).map(|e| e.1) }
    }
    /// Skip one node.
    fn skip(&mut self) {
        let mut depth = 0usize;
        loop {
            let event = &self.doc.events[self.pos].0;
            self.pos += 1;
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
                Event::SequenceEnd | Event::MappingEnd => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return;
            }
        }
    }
    /// For an alias: a deserializer at the anchored node (counted against the jump budget).
    fn jump(&self, id: usize) -> Result<De<'d>, Error> {
        let jumps = self.doc.jumps.get() + 1;
        self.doc.jumps.set(jumps);
        if jumps > self.doc.events.len() * 100 {
            return Err(self.error("repetition limit exceeded (alias bomb?)"));
        }
        let pos = *self.doc.anchors.get(&id).ok_or_else(|| self.error("unknown anchor"))?;
        Ok(De { doc: self.doc, pos })
    }
    fn with_location(&self, mut e: Error, at: (usize, usize)) -> Error {
        e.location.get_or_insert(at);
        e
    }
}

fn is_null(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

impl<'de, 'a, 'd> de::Deserializer<'de> for &'a mut De<'d> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (event, at) = self.peek()?;
        let at = *at;
        let result = match event {
            Event::Alias(id) => {
                let mut target = self.jump(*id)?;
                self.pos += 1;
                return (&mut target).deserialize_any(visitor);
            }
            Event::Scalar(value, style, ..) => {
                self.pos += 1;
                if *style != TScalarStyle::Plain {
                    visitor.visit_str(value)
                } else if is_null(value) {
                    visitor.visit_unit()
                } else if let Some(b) = match value.as_str() {
                    "true" | "True" | "TRUE" => Some(true),
                    "false" | "False" | "FALSE" => Some(false),
                    _ => None,
                } {
                    visitor.visit_bool(b)
                } else if let Ok(n) = value.parse::<u64>() {
                    visitor.visit_u64(n)
                } else if let Ok(n) = value.parse::<i64>() {
                    visitor.visit_i64(n)
                } else if value.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.')
                    && value.parse::<f64>().is_ok()
                {
                    visitor.visit_f64(value.parse().unwrap())
                } else {
                    visitor.visit_str(value)
                }
            }
            Event::SequenceStart(..) => {
                self.pos += 1;
                let value = visitor.visit_seq(Seq { de: &mut *self, index: 0 }).map_err(|e| self.with_location(e, at))?;
                match self.peek()? {
                    (Event::SequenceEnd, _) => self.pos += 1,
                    _ => return Err(self.error("trailing items in sequence")),
                }
                Ok(value)
            }
            Event::MappingStart(..) => {
                self.pos += 1;
                let value = visitor.visit_map(Map { de: &mut *self }).map_err(|e| self.with_location(e, at))?;
                match self.peek()? {
                    (Event::MappingEnd, _) => self.pos += 1,
                    _ => return Err(self.error("trailing entries in mapping")),
                }
                Ok(value)
            }
            _ => Err(self.error("unexpected event")),
        };
        result.map_err(|e| self.with_location(e, at))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek()? {
            (Event::Scalar(value, TScalarStyle::Plain, ..), _) if is_null(value) => {
                self.pos += 1;
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek()? {
            (Event::Scalar(value, style, ..), at) if *style != TScalarStyle::Plain || !is_null(value) => {
                let at = *at;
                self.pos += 1;
                visitor.visit_str(value).map_err(|e| self.with_location(e, at))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip();
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Unit variants written as plain strings only (enough for a prototype).
        match self.peek()? {
            (Event::Scalar(value, ..), _) => {
                self.pos += 1;
                visitor.visit_enum(value.as_str().into_deserializer())
            }
            _ => Err(self.error("expected an enum variant")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier
    }
}

struct Seq<'a, 'd> {
    de: &'a mut De<'d>,
    index: usize,
}

impl<'de, 'a, 'd> SeqAccess<'de> for Seq<'a, 'd> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if matches!(self.de.peek()?.0, Event::SequenceEnd) {
            return Ok(None);
        }
        self.index += 1;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

struct Map<'a, 'd> {
    de: &'a mut De<'d>,
}

impl<'de, 'a, 'd> MapAccess<'de> for Map<'a, 'd> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.de.peek()? {
            (Event::MappingEnd, _) => Ok(None),
            (Event::Scalar(..), _) => {
                // Keys are always strings to our targets (serde identifiers or map keys).
                let (event, at) = self.de.peek()?;
                let at = *at;
                let Event::Scalar(value, ..) = event else { unreachable!() };
                self.de.pos += 1;
                seed.deserialize(de::value::StrDeserializer::<Error>::new(value))
                    .map(Some)
                    .map_err(|e| self.de.with_location(e, at))
            }
            _ => Err(self.de.error("only plain keys are supported")),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de)
    }
}
